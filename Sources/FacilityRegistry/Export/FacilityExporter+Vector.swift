import FacilityKit
import Foundation
import GeoCore
import OGRInterchange
import Projection

extension FacilityExporter {
    /// A Shapefile (GBK or UTF-8 `.dbf`, a `.cpg` saying which, a `.prj`) or an XLSX sheet (coordinates in `x`/`y`
    /// columns, as in CSV), written through GDAL. Returns the `.dbf` encoding GDAL wrote (CP936, GB18030, UTF-8).
    func writeVector(
        _ records: [FacilityRecord], positions: [Coordinate], format: ExportFormat, to url: URL, crs: CRS,
        encoding: VectorTextEncoding
    ) throws -> String? {
        var fields: [VectorLayerOutput.Field] = [
            .init(name: "facility_id", type: .text), .init(name: "name", type: .text),
            .init(name: "opened", type: .date), .init(name: "closed", type: .date),
        ]
        fields += plugin.schema.fields.map { VectorLayerOutput.Field(name: $0.name, type: $0.type.vectorFieldType) }
        var rows = records.map { record -> [VectorLayerOutput.Value?] in
            [.text(record.id.rawValue), .text(record.name), record.opened.map(\.vectorValue),
             record.closed.map(\.vectorValue)]
                + plugin.schema.fields.map { record.attributes[$0.name].map(\.vectorValue) }
        }
        let output: VectorLayerOutput
        switch format {
        case .shp:
            let names = ShapefileFieldNames.shortened(fields.map(\.name), encoding: encoding)
            for index in fields.indices { fields[index].name = names[index] }
            let system = try crs.epsgCode.map { "EPSG:\($0)" } ?? crs.wkt(.wkt2_2019)
            output = VectorLayerOutput(
                name: url.deletingPathExtension().lastPathComponent, fields: fields, rows: rows, points: positions,
                crs: system)
            return try output.write(.shapefile(encoding: encoding), to: url)
        default:
            fields = [.init(name: "x", type: .real), .init(name: "y", type: .real)] + fields
            for (index, position) in positions.enumerated() { rows[index] = [.real(position.x), .real(position.y)] + rows[index] }
            output = VectorLayerOutput(name: plugin.id.rawValue, fields: fields, rows: rows, points: nil, crs: nil)
            return try output.write(.xlsx, to: url)
        }
    }

    /// The names `export --format shp` gives the registry's columns and the kind's fields in a `.dbf`, by full name,
    /// for the import to read them back.
    static func shapefileNames(of schema: AttributeSchema) -> [String: String] {
        let names = GeoPackageFacilityStore.fixedColumns.map(\.name) + schema.fields.map(\.name)
        var shortened: [String: String] = [:]
        for encoding in [VectorTextEncoding.utf8, .gbk] {
            for (name, short) in zip(names, ShapefileFieldNames.shortened(names, encoding: encoding)) where short != name {
                shortened[name] = short
            }
        }
        return shortened
    }
}

extension FieldType {
    var vectorFieldType: VectorLayerOutput.FieldType {
        switch self {
        case .integer: .integer
        case .real: .real
        case .text, .enumeration: .text
        case .boolean: .boolean
        case .date: .date
        }
    }
}

extension AttributeValue {
    var vectorValue: VectorLayerOutput.Value {
        switch self {
        case .integer(let i): .integer(Int(i))
        case .real(let r): .real(r)
        case .text(let t): .text(t)
        case .boolean(let b): .boolean(b)
        case .date(let d): d.vectorValue
        }
    }
}

extension CivilDate {
    var vectorValue: VectorLayerOutput.Value { .date(year: year, month: month, day: day) }
}
