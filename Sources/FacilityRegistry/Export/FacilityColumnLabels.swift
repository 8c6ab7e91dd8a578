public import FacilityKit
import Foundation
import GeoPackage

/// What people call the columns of a kind's table, in one place for the CSV header, the GeoPackage's
/// `gpkg_data_columns` (the aliases QGIS shows) and the registry's own tables: the registry's columns
/// (编号、名称、开放日期、关闭日期) and each field's label, with its unit.
public enum FacilityColumnLabels {
    static let fixed: [String: LocalizedText] = [
        "facility_id": LocalizedText(zh: "编号", en: "ID"), "name": LocalizedText(zh: "名称", en: "Name"),
        "opened": LocalizedText(zh: "开放日期", en: "Opened"), "closed": LocalizedText(zh: "关闭日期", en: "Closed"),
    ]

    /// The label of a column of the kind's table: `面积 (平方米)` / `Room area (m²)` for a field with a unit. The
    /// Chinese label writes m² as 平方米: GBK, which Excel reads, has no ².
    public static func label(_ column: String, schema: AttributeSchema) -> LocalizedText {
        if let fixed = fixed[column] { return fixed }
        guard let field = schema.field(named: column) else { return LocalizedText(zh: column, en: column) }
        let unit = field.unit.map { " (\($0))" } ?? ""
        let zhUnit = unit.replacingOccurrences(of: "m²", with: "平方米")
        return LocalizedText(zh: field.label.zh + zhUnit, en: field.label.en + unit)
    }

    /// The registry's columns, then the schema's.
    static func columns(of schema: AttributeSchema) -> [String] {
        GeoPackageFacilityStore.fixedColumns.map(\.name) + schema.fields.map(\.name)
    }

    /// A `gpkg_data_columns` row per column: the label in `language` as its name and title, the label in the
    /// other language and the column name in the description. A label already taken (the table's names are
    /// unique) falls back to the column name.
    static func dataColumns(of schema: AttributeSchema, language: ReportLanguage) -> [DataColumnDescription] {
        var taken: Set<String> = []
        return columns(of: schema).map { column in
            let label = label(column, schema: schema)
            var name = label.text(for: language)
            if !taken.insert(name).inserted { name = column }
            let other = language == .zh ? label.en : label.zh
            return DataColumnDescription(column: column, name: name, title: name, description: "\(other) (\(column))")
        }
    }
}
