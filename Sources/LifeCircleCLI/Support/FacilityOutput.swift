import Foundation
import FacilityKit
import GeoCore
import Projection

/// The JSON form of a facility in `list` and `nearest`: id, name, lon, lat (EPSG:4326, or the `crs` asked
/// for, then also named), then the rest; enum attributes as their codes.
struct FacilityJSON: Encodable {
    var id: String
    var kind: String
    var name: String
    var lon: Double
    var lat: Double
    var crs: String?
    var opened: String?
    var closed: String?
    var attributes: [String: JSONValue]
    var distanceMeters: Double?

    init(_ record: FacilityRecord, distanceMeters: Double? = nil, position: OutputPosition? = nil) {
        id = record.id.rawValue
        kind = record.kind.rawValue
        name = record.name
        let shown = position?.coordinate(of: record) ?? record.location
        lon = position?.rounded(shown.x) ?? shown.x
        lat = position?.rounded(shown.y) ?? shown.y
        crs = position.flatMap { $0.isWGS84 ? nil : $0.crs.description }
        opened = record.opened?.description
        closed = record.closed?.description
        attributes = record.attributes.mapValues(\.jsonValue)
        self.distanceMeters = distanceMeters.map { ($0 * 10).rounded() / 10 }
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, lon, lat, crs, opened, closed, attributes
        case distanceMeters = "distance_m"
    }
}

/// Where `list`, `nearest` and `export` show positions: EPSG:4326 unless `--crs` names another system (gcj02 for
/// AMap, bd09 for Baidu, any EPSG code); every record transformed in one batch, in the order given.
struct OutputPosition {
    let crs: CRS
    private let positions: [FacilityID: Coordinate]

    init(_ records: [FacilityRecord], crs: CRS) throws {
        self.crs = crs
        let transformed = try Self.transform(records.map(\.location), to: crs)
        positions = Dictionary(zip(records.map(\.id), transformed), uniquingKeysWith: { a, _ in a })
    }

    /// Longitudes/latitudes (EPSG:4326) in `crs`.
    static func transform(_ locations: [Coordinate], to crs: CRS) throws -> [Coordinate] {
        crs.epsgCode == 4326 ? locations : try CoordinateTransformer(from: .wgs84, to: crs).transform(locations)
    }

    /// The same system, for positions given one by one (``transform(_:to:)``).
    init(crs: CRS) {
        self.crs = crs
        positions = [:]
    }

    var isWGS84: Bool { crs.epsgCode == 4326 }

    func coordinate(of record: FacilityRecord) -> Coordinate { positions[record.id] ?? record.location }

    /// Degrees to 7 decimals (about 1 cm), metres of a projected system to 2.
    var digits: Int { crs.isGeographic ? 7 : 2 }

    func rounded(_ value: Double) -> Double {
        let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
        return (value * scale).rounded() / scale
    }

    func text(_ value: Double) -> String { fixedNumber(value, digits: digits) }

    /// Column headers of the position: 经度/纬度 with the system when it is not WGS84.
    func header(zh: Bool) -> [String] {
        let note = isWGS84 ? "" : " (\(crs.description))"
        if crs.isGeographic {
            return zh ? ["经度\(note)", "纬度\(note)"] : ["lon\(note)", "lat\(note)"]
        }
        return ["x\(note)", "y\(note)"]
    }
}

/// The text table of facilities: id, name, position, dates and the kind's fields; enum values by their label in the
/// table's language (商业场所 / Commercial venue), booleans as 是/否 or yes/no.
enum FacilityTable {
    static func render(
        _ records: [FacilityRecord], plugin: any FacilityPlugin, language: ReportLanguage, distances: [Double]? = nil,
        position: OutputPosition
    ) -> String {
        let zh = language == .zh
        var header = (zh ? ["编号", "名称"] : ["id", "name"]) + position.header(zh: zh)
        if distances != nil { header.append(zh ? "距离(米)" : "distance (m)") }
        header += plugin.schema.fields.map { $0.label.text(for: language) }
        header += zh ? ["开放", "关闭"] : ["opened", "closed"]
        let rows = records.enumerated().map { index, r in
            let shown = position.coordinate(of: r)
            var row = [r.id.rawValue, r.name, position.text(shown.x), position.text(shown.y)]
            if let distances { row.append(fixedNumber(distances[index], digits: 1)) }
            row += plugin.schema.fields.map { f in r.attributes[f.name].map { cell($0, field: f, language: language) } ?? "" }
            row += [r.opened?.description ?? "", r.closed?.description ?? ""]
            return row
        }
        return TextTable(header: header, rows: rows).render()
    }

    /// A value as a table shows it: an enum value by its label, a boolean as 是/否 (yes/no), a number plainly.
    static func cell(_ value: AttributeValue, field: FieldSpec?, language: ReportLanguage) -> String {
        let zh = language == .zh
        switch value {
        case .boolean(let b): return b ? (zh ? "是" : "yes") : (zh ? "否" : "no")
        case .real(let r): return plainNumber(r, digits: 2)
        case .text(let t):
            if case .enumeration(let options)? = field?.type, let option = options.first(where: { $0.value == t }) {
                return option.label.text(for: language)
            }
            return t
        default: return value.description
        }
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

/// A number with exactly `digits` decimals (`113.2205000`, `191.4`), as coordinates and distances are shown.
func fixedNumber(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
