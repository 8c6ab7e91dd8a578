import FacilityKit
import GeoCore

/// The JSON form of a facility in `list` and `nearest`: id, name, lon, lat (EPSG:4326), then the rest.
struct FacilityJSON: Encodable {
    var id: String
    var kind: String
    var name: String
    var lon: Double
    var lat: Double
    var opened: String?
    var closed: String?
    var attributes: [String: JSONValue]
    var distanceMeters: Double?

    init(_ record: FacilityRecord, distanceMeters: Double? = nil) {
        id = record.id.rawValue
        kind = record.kind.rawValue
        name = record.name
        lon = record.location.lon
        lat = record.location.lat
        opened = record.opened?.description
        closed = record.closed?.description
        attributes = record.attributes.mapValues(\.jsonValue)
        self.distanceMeters = distanceMeters.map { ($0 * 100).rounded() / 100 }
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, lon, lat, opened, closed, attributes
        case distanceMeters = "distance_m"
    }
}

/// The text table of facilities: id, name, position, dates and the kind's fields.
enum FacilityTable {
    static func render(
        _ records: [FacilityRecord], plugin: any FacilityPlugin, language: ReportLanguage, distances: [Double]? = nil
    ) -> String {
        let zh = language == .zh
        var header = zh ? ["编号", "名称", "经度", "纬度"] : ["id", "name", "lon", "lat"]
        if distances != nil { header.append(zh ? "距离(米)" : "distance (m)") }
        header += plugin.schema.fields.map { $0.label.text(for: language) }
        header += zh ? ["开放", "关闭"] : ["opened", "closed"]
        let rows = records.enumerated().map { index, r in
            var row = [r.id.rawValue, r.name, plainNumber(r.location.lon, digits: 6), plainNumber(r.location.lat, digits: 6)]
            if let distances { row.append(plainNumber(distances[index], digits: 0)) }
            row += plugin.schema.fields.map { f in r.attributes[f.name].map { cell($0, zh: zh) } ?? "" }
            row += [r.opened?.description ?? "", r.closed?.description ?? ""]
            return row
        }
        return TextTable(header: header, rows: rows).render()
    }

    static func cell(_ value: AttributeValue, zh: Bool) -> String {
        if case .boolean(let b) = value { return b ? (zh ? "是" : "yes") : (zh ? "否" : "no") }
        return value.description
    }
}

/// A number without trailing zeros: `5`, `12.5`, or rounded to `digits` decimals.
func plainNumber(_ value: Double, digits: Int? = nil) -> String {
    var v = value
    if let digits {
        let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
        v = (value * scale).rounded() / scale
    }
    if v.rounded() == v && abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
}
