public import FacilityKit

/// 公厕: an urban public toilet with its stall counts. The plans' female:male check counts urinals
/// as male positions, so stalls and urinals are separate fields.
public struct PublicToiletPlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "public_toilet")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "公厕", en: "Public toilet"),
        version: SemanticVersion(0, 2, 0),
        summary: LocalizedText(
            zh: "城市公共厕所，含厕位数与第三卫生间",
            en: "Urban public toilets with their stall counts and family toilets"))

    public let schema = AttributeSchema(fields: [
        stallCount(
            "female_stalls", zh: "女厕位", en: "Female stalls",
            aliases: ["女厕位数", "女厕位数量", "女蹲位", "女蹲位数", "女厕蹲位", "女厕位(个)", "women's stalls"]),
        stallCount(
            "male_stalls", zh: "男厕位", en: "Male stalls",
            aliases: ["男厕位数", "男厕位数量", "男蹲位", "男蹲位数", "男厕蹲位", "男厕位(个)", "men's stalls"]),
        stallCount("urinals", zh: "小便器", en: "Urinals", aliases: ["小便斗", "小便位", "男小便位", "小便器数量", "urinal count"]),
        stallCount(
            "unisex_stalls", zh: "男女通用厕位", en: "Unisex stalls",
            aliases: ["通用厕位", "无性别厕位", "通用厕位数", "all-gender stalls"]),
        // Not aliased as 无障碍: lists use that header for a yes/no column, not a count.
        stallCount(
            "accessible_stalls", zh: "无障碍厕位", en: "Accessible stalls",
            aliases: ["无障碍厕位数", "无障碍厕位数量", "残疾人厕位", "accessible stall count"]),
        FieldSpec(
            name: "family_toilet", label: LocalizedText(zh: "第三卫生间", en: "Family toilet"), type: .boolean,
            aliases: ["家庭卫生间", "是否有第三卫生间", "有无第三卫生间", "third toilet"]),
        FieldSpec(
            name: "changing_table", label: LocalizedText(zh: "婴儿护理台", en: "Changing table"), type: .boolean,
            aliases: ["护理台", "尿布台", "有无婴儿护理台", "baby changing"]),
        FieldSpec(
            name: "high_footfall", label: LocalizedText(zh: "人流量较大", en: "High footfall"), type: .boolean,
            aliases: ["人流密集", "是否人流密集", "人流量大", "是否人流量较大", "busy location"]),
        FieldSpec(
            name: "toilet_class", label: LocalizedText(zh: "公厕类别", en: "Toilet class"),
            type: .enumeration([
                EnumOption(value: "class1", label: LocalizedText(zh: "一类", en: "Class 1"), synonyms: ["一类公厕", "1类", "I类"]),
                EnumOption(value: "class2", label: LocalizedText(zh: "二类", en: "Class 2"), synonyms: ["二类公厕", "2类", "II类"]),
                EnumOption(value: "class3", label: LocalizedText(zh: "三类", en: "Class 3"), synonyms: ["三类公厕", "3类", "III类"]),
            ]),
            aliases: ["类别", "等级", "公厕等级", "class"]),
        FieldSpec(
            name: "venue", label: LocalizedText(zh: "所在场所", en: "Venue"), type: .text,
            aliases: ["所属场所", "所在单位", "依托场所"]),
    ])

    /// `amenity=toilets`. OSM's `female`, `male`, `unisex` and `wheelchair` say whether there is such a
    /// section (yes/no), not how many stalls, and no approved key counts stalls, so they map to nothing;
    /// `changing_table=yes/no` means what the field means.
    public let osmMapping: OSMTagMapping? = OSMTagMapping(
        match: [["amenity": "toilets"]], attributeTags: ["changing_table": "changing_table"])

    /// AMap 2003 公共厕所 (200300) and its 男/女/无障碍洗手间 (200301–200303), but not 200304 婴儿换洗间/哺乳室/母婴室,
    /// which is a 母婴室; Baidu's 生活服务;公共厕所.
    public let poiMapping: POITypeMapping? = POITypeMapping([
        .init(amap: ["200300", "200301", "200302", "200303"], baidu: ["生活服务;公共厕所"])
    ])

    /// GB/T 50337-2018 spaces public toilets 500–800 m apart in residential land (300–500 m in
    /// commercial land); the default takes the nearer residential figure.
    public let defaultCatchment: Catchment? = Catchment(
        walkingDistanceMeters: 500,
        source: "\(CitedDocument.sanitationFacilityPlanning)：居住用地公共厕所设置间距 500–800 m（表号未核实）")

    public var rules: [Rule] { [Self.femaleMaleRatio, Self.femaleMaleRatioHighFootfall] }

    private static func stallCount(_ name: String, zh: String, en: String, aliases: [String]) -> FieldSpec {
        FieldSpec(
            name: name, label: LocalizedText(zh: zh, en: en), type: .integer, unit: "个", minimum: 0, maximum: 500,
            aliases: aliases)
    }
}
