public import FacilityKit
public import Foundation
public import GeoCore
import GeoPackage
public import Interchange
public import Projection
public import OGRInterchange

/// The formats `export` writes.
public enum ExportFormat: String, Hashable, Sendable, CaseIterable {
    case geojson, csv, gpkg
    /// Through GDAL: an Excel sheet, and an ESRI Shapefile.
    case xlsx, shp
}

/// Writes facilities of one kind to a file, in any CRS. Every format carries the same columns:
/// `facility_id`, `name`, `opened`, `closed`, then the kind's fields in schema order. In Chinese (the default) a
/// CSV or XLSX sheet is written for people: labels as headers (编号, 名称, 面积 (m²)…), enum values by their labels, booleans as
/// 是/否; in English it keeps column names, codes and true/false, for programs. Positions are rounded to 7
/// decimals of a degree (about 1 cm) or 2 of a metre. A GeoPackage describes its columns in `gpkg_data_columns`.
public struct FacilityExporter {
    public let plugin: any FacilityPlugin
    /// The language of CSV and XLSX headers and values and of the GeoPackage's column aliases.
    public var language: ReportLanguage = .zh
    /// The bytes of a CSV: UTF-8 with a byte order mark (Excel opens it in Chinese), or GBK.
    public var csvEncoding: CSVWriter.Encoding = .utf8

    public init(plugin: any FacilityPlugin) {
        self.plugin = plugin
    }

    /// Writes `records` to `url`. `dbfEncoding` is the Shapefile's text encoding (GBK or UTF-8); the encoding
    /// written is returned for Shapefiles (CP936, or GB18030 when a text needs it), nil otherwise.
    @discardableResult
    public func write(
        _ records: [FacilityRecord], format: ExportFormat, to url: URL, crs: CRS,
        dbfEncoding: VectorTextEncoding = .utf8
    ) throws -> String? {
        let transformer = try CoordinateTransformer(from: .wgs84, to: crs)
        let positions = try transformer.transform(records.map(\.location))
        if format == .xlsx || format == .shp {
            return try writeVector(records, positions: positions, format: format, to: url, crs: crs, encoding: dbfEncoding)
        }
        let features = zip(records, positions).map { record, position in
            Feature(geometry: .point(position), properties: properties(of: record))
        }
        switch format {
        case .geojson:
            let declared = crs.epsgCode == 4326 ? nil : (crs.epsgCode.map { "EPSG:\($0)" } ?? crs.definition)
            try GeoJSONFile.write(
                GeoJSONDocument(FeatureCollection(features: features), name: plugin.id.rawValue, declaredCRS: declared),
                to: url, prettyPrinted: false)
        case .csv:
            let header = coordinateHeaders(crs) + columnNames.map(header)
            let digits = crs.isGeographic ? 7 : 2
            let rows = zip(records, positions).map { record, position -> [String] in
                [Self.fixed(position.x, digits: digits), Self.fixed(position.y, digits: digits)]
                    + columnNames.map { cell($0, of: record) }
            }
            try CSVWriter(encoding: csvEncoding).write(header: header, rows: rows, to: url)
        case .gpkg:
            try writeGeoPackage(features, to: url, crs: crs)
        case .xlsx, .shp:
            break
        }
        return nil
    }

    /// The registry's own columns, then the schema's.
    var columnNames: [String] { FacilityColumnLabels.columns(of: plugin.schema) }

    /// The headers of the coordinate columns of a table (CSV, XLSX): 经度/纬度 or lon/lat in degrees, x/y in a
    /// projected system, with the system named unless it is EPSG:4326.
    func coordinateHeaders(_ crs: CRS) -> [String] {
        let coordinates = crs.isGeographic ? (language == .zh ? ["经度", "纬度"] : ["lon", "lat"]) : ["x", "y"]
        return coordinates.map { crs.epsgCode == 4326 ? $0 : "\($0) (\(crs.description))" }
    }

    /// The header of a column of a table: its label in Chinese, its name in English.
    func header(_ column: String) -> String {
        language == .zh ? FacilityColumnLabels.label(column, schema: plugin.schema).zh : column
    }

    /// A CSV cell: dates as YYYY-MM-DD; in Chinese, enum values by label and booleans as 是/否.
    func cell(_ column: String, of record: FacilityRecord) -> String {
        switch column {
        case "facility_id": return record.id.rawValue
        case "name": return record.name
        case "opened": return record.opened?.description ?? ""
        case "closed": return record.closed?.description ?? ""
        default: break
        }
        guard let value = record.attributes[column] else { return "" }
        switch value {
        case .boolean(let b): return language == .zh ? (b ? "是" : "否") : (b ? "true" : "false")
        case .text(let t):
            if language == .zh, case .enumeration(let options)? = plugin.schema.field(named: column)?.type,
                let option = options.first(where: { $0.value == t })
            {
                return option.label.zh
            }
            return t
        default: return value.jsonValue.cellText ?? ""
        }
    }

    static func fixed(_ value: Double, digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// A facility's GeoJSON properties: facility_id, name, opened, closed, then every field of the schema (null when unset).
    public func properties(of record: FacilityRecord) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [
            "facility_id": .string(record.id.rawValue), "name": .string(record.name),
            "opened": record.opened.map { .string($0.description) } ?? .null,
            "closed": record.closed.map { .string($0.description) } ?? .null,
        ]
        for field in plugin.schema.fields {
            properties[field.name] = record.attributes[field.name].map(\.jsonValue) ?? .null
        }
        return properties
    }

    /// A new GeoPackage (an existing file is replaced only once the new one is complete).
    private func writeGeoPackage(_ features: [Feature], to url: URL, crs: CRS) throws {
        try AtomicOutput.replaceFile(url) { temporary in
            let srs = try SpatialReferenceSystem(crs: crs)
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            try file.register([srs])
            // The same columns as the registry's own table for the kind.
            let columns = GeoPackageFacilityStore.kindTable(plugin.descriptor, schema: plugin.schema).columns
            try file.write { tx in
                _ = try tx.writeLayer(
                    FeatureLayer(
                        name: plugin.id.rawValue, geometry: GeometryColumn(type: .point, srsID: srs.id), columns: columns,
                        features: features),
                    identifier: plugin.descriptor.name.zh, description: plugin.descriptor.name.en)
                try tx.describeColumns(
                    FacilityColumnLabels.dataColumns(of: plugin.schema, language: language), of: plugin.id.rawValue)
            }
        }
    }
}

extension AttributeValue {
    /// The value as JSON: numbers, text, booleans, dates as `YYYY-MM-DD`.
    public var jsonValue: JSONValue {
        switch self {
        case .integer(let i): .number(Double(i))
        case .real(let r): .number(r)
        case .text(let t): .string(t)
        case .boolean(let b): .bool(b)
        case .date(let d): .string(d.description)
        }
    }
}
