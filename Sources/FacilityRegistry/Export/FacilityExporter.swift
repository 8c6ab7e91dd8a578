public import FacilityKit
public import Foundation
public import GeoCore
import GeoPackage
import Interchange
public import Projection
public import OGRInterchange

/// The formats `export` writes.
public enum ExportFormat: String, Hashable, Sendable, CaseIterable {
    case geojson, csv, gpkg
    /// Through GDAL: an Excel sheet, and an ESRI Shapefile.
    case xlsx, shp
}

/// Writes facilities of one kind to a file, in any CRS. Every format carries the same columns:
/// `facility_id`, `name`, `opened`, `closed`, then the kind's fields in schema order.
public struct FacilityExporter {
    public let plugin: any FacilityPlugin

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
            let header = ["x", "y"] + columnNames
            let rows = features.map { feature -> [String] in
                let position = feature.geometry?.coordinates.first
                return [position.map { String($0.x) } ?? "", position.map { String($0.y) } ?? ""]
                    + columnNames.map { feature.properties[$0]?.cellText ?? "" }
            }
            try CSVWriter().write(header: header, rows: rows, to: url)
        case .gpkg:
            try writeGeoPackage(features, to: url, crs: crs)
        case .xlsx, .shp:
            break
        }
        return nil
    }

    /// The registry's own columns, then the schema's.
    var columnNames: [String] {
        GeoPackageFacilityStore.fixedColumns.map(\.name) + plugin.schema.fields.map(\.name)
    }

    func properties(of record: FacilityRecord) -> [String: JSONValue] {
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
        let partial = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        try? FileManager.default.removeItem(at: partial)
        do {
            let srs = try SpatialReferenceSystem(crs: crs)
            let file = try GeoPackageFile(path: partial.path, mode: .build)
            try file.register([srs])
            // The same columns as the registry's own table for the kind.
            let columns = GeoPackageFacilityStore.kindTable(plugin.descriptor, schema: plugin.schema).columns
            try file.writeLayer(
                FeatureLayer(
                    name: plugin.id.rawValue, geometry: GeometryColumn(type: .point, srsID: srs.id), columns: columns,
                    features: features),
                identifier: plugin.descriptor.name.zh, description: plugin.descriptor.name.en)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: partial, to: url)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
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
