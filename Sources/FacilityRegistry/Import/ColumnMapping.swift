import FacilityKit
import Foundation

/// Which input column fills which part of a facility: the registry's own columns (id, name,
/// opening and closing dates) and each field of the kind's schema, matched by name, label or alias,
/// ignoring case and surrounding space.
struct ColumnMapping: Sendable {
    var id: String?
    var name: String?
    var opened: String?
    var closed: String?
    /// Field name → input column.
    var fields: [String: String]
    /// Input columns that fill nothing (reported, never an error).
    var unused: [String]

    static let idNames = ["facility_id", "id", "编号", "设施编号", "编码", "序号", "uid", "poi_id", "poiid"]
    static let nameNames = ["name", "名称", "设施名称", "场所名称", "名字", "title"]
    static let openedNames = ["opened", "开放日期", "启用日期", "建成日期", "开业日期", "opened_on"]
    static let closedNames = ["closed", "关闭日期", "停用日期", "撤销日期", "closed_on"]

    /// Maps a header. `taken` are columns already used elsewhere (the coordinates).
    init(header: [String], schema: AttributeSchema, taken: Set<String> = []) {
        var used = taken
        // A Shapefile's `.dbf` holds 10-byte names: read back the names `export --format shp` shortened.
        let shortened = FacilityExporter.shapefileNames(of: schema)
        func find(_ names: [String]) -> String? {
            let wanted = Set((names + names.compactMap { shortened[$0] }).map(Self.key))
            guard let column = header.first(where: { !used.contains($0) && wanted.contains(Self.key($0)) }) else {
                return nil
            }
            used.insert(column)
            return column
        }
        fields = [:]
        for field in schema.fields {
            // The labels `export` writes (`面积 (平方米)`) read back as the field.
            let exported = FacilityColumnLabels.label(field.name, schema: schema)
            if let column = find(field.headerNames + [exported.zh, exported.en]) { fields[field.name] = column }
        }
        id = find(Self.idNames)
        name = find(Self.nameNames)
        opened = find(Self.openedNames)
        closed = find(Self.closedNames)
        unused = header.filter { !used.contains($0) }
    }

    /// The parts of a record the mapped columns fill besides name and location.
    var suppliedFields: Set<String> {
        Set(fields.keys).union([opened.map { _ in "opened" }, closed.map { _ in "closed" }].compactMap { $0 })
    }

    /// The form two headers are compared in: trimmed, lower case, full-width brackets made ASCII.
    static func key(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
    }
}
