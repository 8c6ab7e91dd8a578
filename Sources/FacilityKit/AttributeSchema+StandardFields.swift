/// The fields every facility kind has, whatever its plugin declares: where it is, how to reach it, who runs
/// it and where the record came from. Lists carry these columns for every kind (地址、电话、运营单位、数据来源),
/// so they are declared once here and added to each kind's schema when the plugin is registered.
extension AttributeSchema {
    /// Bumped when the standard fields change; a registry made before a field existed gets its column on the
    /// next write (new fields are a compatible extension of a stored schema).
    public static let standardFieldsVersion = 1

    public static let standardFields: [FieldSpec] = [
        FieldSpec(
            name: "address", label: LocalizedText(zh: "地址", en: "Address"), type: .text,
            aliases: ["详细地址", "所在地址", "位置", "地点", "场所地址", "addr", "location address"]),
        FieldSpec(
            name: "phone", label: LocalizedText(zh: "电话", en: "Phone"), type: .text,
            aliases: ["联系电话", "电话号码", "咨询电话", "服务电话", "tel", "telephone"]),
        FieldSpec(
            name: "operator", label: LocalizedText(zh: "管理/运营单位", en: "Operator"), type: .text,
            aliases: ["管理单位", "运营单位", "管理运营单位", "管理/运营单位", "主管单位", "责任单位", "管理部门", "运营方"]),
        FieldSpec(
            name: "source", label: LocalizedText(zh: "数据来源", en: "Data source"), type: .text,
            aliases: ["来源", "信息来源", "data source"]),
    ]

    /// The schema with the standard fields after its own, except those it declares itself (by name).
    public var withStandardFields: AttributeSchema {
        let own = Set(fields.map(\.name))
        return AttributeSchema(fields: fields + Self.standardFields.filter { !own.contains($0.name) })
    }
}
