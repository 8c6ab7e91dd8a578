public import FacilityKit

/// 儿童游乐场地: a children's playground, in a park, a residential area or a public place.
public struct PlaygroundPlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "playground")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "儿童游乐场地", en: "Playground"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "供儿童游戏的室外场地及其设施", en: "An outdoor place for children's play and its equipment"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "area_m2", label: LocalizedText(zh: "场地面积", en: "Area"), type: .real, unit: "m²", minimum: 0,
            aliases: ["面积", "游乐场面积", "面积(m²)", "面积(平方米)", "area"]),
        FieldSpec(
            name: "min_age", label: LocalizedText(zh: "适用最小年龄", en: "Minimum age"), type: .integer, unit: "岁",
            minimum: 0, maximum: 18, aliases: ["最小年龄", "适用年龄下限", "min age"]),
        FieldSpec(
            name: "max_age", label: LocalizedText(zh: "适用最大年龄", en: "Maximum age"), type: .integer, unit: "岁",
            minimum: 0, maximum: 18, aliases: ["最大年龄", "适用年龄上限", "max age"]),
        FieldSpec(
            name: "shade", label: LocalizedText(zh: "遮阴", en: "Shade"), type: .boolean,
            aliases: ["遮荫", "有无遮阴", "是否有遮阴", "遮阳", "shaded"]),
        FieldSpec(
            name: "devices", label: LocalizedText(zh: "游乐设施", en: "Play equipment"), type: .text,
            aliases: ["游乐设备", "设施", "设施清单", "equipment"]),
    ])

    /// `leisure=playground`; OSM's `min_age`/`max_age` are in years like the fields, and `playground=*`
    /// on the area lists its equipment.
    public let osmMapping: OSMTagMapping? = OSMTagMapping(
        match: [["leisure": "playground"]],
        attributeTags: ["min_age": "min_age", "max_age": "max_age", "devices": "playground"])

    /// 儿童活动场地 belong to the 5-minute life circle (GB 50180-2018 Appendix B), whose walking
    /// distance is 300 m (3.0.4).
    public let defaultCatchment: Catchment? = Catchment(
        walkingDistanceMeters: 300,
        source: "\(CitedDocument.residentialAreaPlanning) 3.0.4：五分钟生活圈步行距离 300 m；附录B 儿童活动场地（列表未核实）")
}
