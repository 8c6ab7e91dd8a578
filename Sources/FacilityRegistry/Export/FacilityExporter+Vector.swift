import FacilityKit
import Foundation
import GeoCore
import OGRInterchange
import Projection

extension FacilityExporter {
    /// A Shapefile (GBK or UTF-8 `.dbf`, a `.cpg` saying which, a `.prj`) or an XLSX sheet (coordinates in
    /// columns, as in CSV), written through GDAL. Returns the `.dbf` encoding GDAL wrote (CP936, GB18030, UTF-8).
    /// A Shapefile keeps the column names (shortened to a `.dbf`'s 10 bytes) and typed values, for GIS; a sheet is
    /// for people, like a CSV: in Chinese its headers are the labels and its enum values and booleans (是/否) text.
    func writeVector(
        _ records: [FacilityRecord], positions: [Coordinate], format: ExportFormat, to url: URL, crs: CRS,
        encoding: VectorTextEncoding
    ) throws -> String? {
        let forPeople = format == .xlsx && language == .zh
        var fields = columnNames.map { column in
            VectorLayerOutput.Field(
                name: format == .xlsx ? header(column) : column, type: vectorFieldType(column, forPeople: forPeople))
        }
        var rows = records.map { record in
            columnNames.map { vectorValue($0, of: record, forPeople: forPeople) }
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
            fields = coordinateHeaders(crs).map { .init(name: $0, type: .real) } + fields
            for (index, position) in positions.enumerated() { rows[index] = [.real(position.x), .real(position.y)] + rows[index] }
            output = VectorLayerOutput(name: plugin.id.rawValue, fields: fields, rows: rows, points: nil, crs: nil)
            return try output.write(.xlsx, to: url)
        }
    }

    /// The type of a column: the field's own, except booleans and enum labels written as text for people.
    private func vectorFieldType(_ column: String, forPeople: Bool) -> VectorLayerOutput.FieldType {
        switch column {
        case "facility_id", "name": return .text
        case "opened", "closed": return .date
        default:
            guard let type = plugin.schema.field(named: column)?.type else { return .text }
            if forPeople, case .boolean = type { return .text }
            return type.vectorFieldType
        }
    }

    /// A record's value in a column, typed as `vectorFieldType` says.
    private func vectorValue(_ column: String, of record: FacilityRecord, forPeople: Bool) -> VectorLayerOutput.Value? {
        switch column {
        case "facility_id": return .text(record.id.rawValue)
        case "name": return .text(record.name)
        case "opened": return record.opened.map(\.vectorValue)
        case "closed": return record.closed.map(\.vectorValue)
        default:
            guard let value = record.attributes[column] else { return nil }
            switch value {
            case .text, .boolean where forPeople: return .text(cell(column, of: record))
            default: return value.vectorValue
            }
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
