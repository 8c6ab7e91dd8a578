public import FacilityKit

/// 公园: a park and what makes it child-friendly. Child-friendliness is derived from the park's
/// playground, shade and a nearby toilet with a changing table, never typed in.
///
/// No default catchment: STANDARDS.md gives parks no walking distance (GB 50180-2018 sizes parks by
/// life-circle tier instead); coverage runs name the distance they test.
public struct ParkPlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "park")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "公园", en: "Park"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "公园及其儿童游戏场地；是否儿童友好由场地、遮阴和附近带护理台的厕所推出",
            en: "Parks and their children's play areas; child-friendliness follows from play area, shade and a nearby toilet with a changing table"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "park_area_m2", label: LocalizedText(zh: "公园面积", en: "Park area"), type: .real, unit: "m²",
            minimum: 0, aliases: ["面积", "占地面积", "用地面积", "公园面积(m²)", "area"]),
        FieldSpec(
            name: "playground_area_m2", label: LocalizedText(zh: "儿童游戏场地面积", en: "Play area"), type: .real,
            unit: "m²", minimum: 0,
            aliases: ["儿童活动场地面积", "儿童游乐区面积", "游戏场地面积", "playground area"]),
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
            name: "changing_table_toilet_nearby",
            label: LocalizedText(zh: "附近有带婴儿护理台的厕所", en: "Toilet with changing table nearby"),
            type: .boolean, aliases: ["附近有母婴厕所", "带护理台厕所", "附近有带护理台的厕所"]),
    ])

    /// `leisure=park`. Its playgrounds and toilets are separate OSM objects, so nothing fills the fields.
    public let osmMapping: OSMTagMapping? = OSMTagMapping(match: [["leisure": "park"]])

    /// AMap 110101 公园 and 110103 植物园 (not 110105 城市广场, a square); Baidu's 旅游景点;公园.
    public let poiMapping: POITypeMapping? = POITypeMapping([
        .init(amap: ["110101", "110103"], baidu: ["旅游景点;公园", "旅游景点;植物园"])
    ])

    public var rules: [Rule] { [Self.playArea] }

    public let derivedFields = [
        FieldSpec(name: "child_friendly", label: LocalizedText(zh: "儿童友好", en: "Child-friendly"), type: .boolean)
    ]

    /// `child_friendly`: a play area larger than zero, shade, and a toilet with a changing table
    /// nearby. Nothing (unknown) while any of the three is missing.
    public func derivedAttributes(from attributes: [String: AttributeValue]) -> [String: AttributeValue] {
        guard let playArea = attributes["playground_area_m2"]?.numericValue,
            case .boolean(let shade)? = attributes["shade"],
            case .boolean(let toilet)? = attributes["changing_table_toilet_nearby"]
        else { return [:] }
        return ["child_friendly": .boolean(playArea > 0 && shade && toilet)]
    }

    /// Every park has a children's play area of some size.
    public static let playArea = Rule(
        id: RuleID(rawValue: "park.play_area")!,
        title: LocalizedText(zh: "各类公园设置儿童游戏场地", en: "Every park has a children's play area"),
        measure: .attribute(facilities: FacilityFilter(kind: kind), require: "playground_area_m2 > 0"),
        targets: TargetSchedule(value: 1),
        citations: [
            Citation(
                document: CitedDocument.lechangChildrenPlan, clause: "（六）儿童与环境 › 主要目标 7",
                quote: "积极配合建设儿童友好公园。各类公园设置一定规模的儿童游戏场地。", confidence: .verified),
            Citation(
                document: CitedDocument.huaduChildrenPlan, clause: "（六）儿童与环境 › 主要目标 8",
                quote: "加强儿童友好公园建设，推动区儿童公园扩容提质，各类公园设置一定规模的儿童游戏场地。",
                confidence: .verified),
        ])
}
