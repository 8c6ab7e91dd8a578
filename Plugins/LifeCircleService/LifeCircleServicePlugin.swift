public import FacilityKit

/// A facility of the 15-minute life circle (GB 50180-2018 城市居住区规划设计标准, Appendix B), by
/// category. Its tier (5, 10 or 15 minutes) follows from the category and is derived, not typed in.
///
/// No kind-wide default catchment: the walking distance is the category's tier's (300, 500 or
/// 1,000 m, 3.0.4; `Tier.walkingDistanceMeters`), and one figure for all categories would let a
/// higher tier stand in for a lower one.
public struct LifeCircleServicePlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "life_circle_service")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "生活圈配套设施", en: "Life-circle service"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "15分钟生活圈居住区配套设施（GB 50180-2018 附录B），按类别分5、10、15分钟三级",
            en: "Facilities of the 15-minute life circle (GB 50180-2018 Appendix B), in 5-, 10- and 15-minute tiers"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "category", label: LocalizedText(zh: "设施类别", en: "Category"),
            type: .enumeration(Category.allCases.map(\.option)),
            aliases: ["类别", "设施类型", "配套设施类别", "facility type"])
    ])

    public let derivedFields = [
        FieldSpec(
            name: "tier", label: LocalizedText(zh: "生活圈层级", en: "Life-circle tier"), type: .integer, unit: "分钟",
            minimum: 5, maximum: 15)
    ]

    /// `tier` from the category; nothing while the category is missing or not one of the list.
    public func derivedAttributes(from attributes: [String: AttributeValue]) -> [String: AttributeValue] {
        guard case .text(let value)? = attributes["category"], let category = Category(rawValue: value) else {
            return [:]
        }
        return ["tier": .integer(Int64(category.tier.rawValue))]
    }

    public var osmMapping: OSMTagMapping? { Self.tagMapping }

    /// AMap 141204 幼儿园, 141203 小学, 141202 中学, 200300 公共厕所 (and its 男/女/无障碍 parts), and Baidu's
    /// 教育培训 and 生活服务 tags of the same.
    public let poiMapping: POITypeMapping? = POITypeMapping([
        poiType(amap: ["141204"], baidu: ["教育培训;幼儿园"], .kindergarten),
        poiType(amap: ["141203"], baidu: ["教育培训;小学"], .primary_school),
        poiType(amap: ["141202"], baidu: ["教育培训;中学"], .middle_school),
        poiType(amap: ["200300", "200301", "200302", "200303"], baidu: ["生活服务;公共厕所"], .public_toilet),
    ])

    private static func poiType(amap: [String], baidu: [String], _ category: Category) -> POITypeMapping.TypeCondition {
        POITypeMapping.TypeCondition(amap: amap, baidu: baidu, implies: ["category": category.rawValue])
    }
}

extension LifeCircleServicePlugin {
    /// The three life-circle tiers of GB 50180-2018 3.0.4, by walking time in minutes.
    public enum Tier: Int, CaseIterable, Comparable, Sendable {
        case fiveMinutes = 5, tenMinutes = 10, fifteenMinutes = 15

        /// The tier's walking distance (3.0.4): 300 m, 500 m, and the upper end of 800–1,000 m.
        public var walkingDistanceMeters: Double {
            switch self {
            case .fiveMinutes: 300
            case .tenMinutes: 500
            case .fifteenMinutes: 1000
            }
        }

        public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
    }

    /// The facility categories of Appendix B the plans' life circle needs, each in its tier.
    public enum Category: String, CaseIterable, Sendable {
        case kindergarten, nursery, community_service_station, culture_station, small_sports_ground, outdoor_fitness
        case children_play, elderly_activity, public_toilet
        case primary_school, medium_sports_ground, fresh_market, community_shop
        case middle_school, large_sports_ground, community_health_centre, clinic, elderly_home, culture_centre
        case street_office

        public var tier: Tier {
            switch self {
            case .kindergarten, .nursery, .community_service_station, .culture_station, .small_sports_ground,
                .outdoor_fitness, .children_play, .elderly_activity, .public_toilet:
                .fiveMinutes
            case .primary_school, .medium_sports_ground, .fresh_market, .community_shop:
                .tenMinutes
            case .middle_school, .large_sports_ground, .community_health_centre, .clinic, .elderly_home,
                .culture_centre, .street_office:
                .fifteenMinutes
            }
        }

        public var label: LocalizedText {
            switch self {
            case .kindergarten: LocalizedText(zh: "幼儿园", en: "Kindergarten")
            case .nursery: LocalizedText(zh: "托儿所", en: "Nursery")
            case .community_service_station: LocalizedText(zh: "社区服务站", en: "Community service station")
            case .culture_station: LocalizedText(zh: "文化活动站", en: "Cultural activity station")
            case .small_sports_ground: LocalizedText(zh: "小型多功能运动场地", en: "Small multi-sport ground")
            case .outdoor_fitness: LocalizedText(zh: "室外综合健身场地", en: "Outdoor fitness area")
            case .children_play: LocalizedText(zh: "儿童活动场地", en: "Children's play area")
            case .elderly_activity: LocalizedText(zh: "老年人活动场地", en: "Elderly activity area")
            case .public_toilet: LocalizedText(zh: "公共厕所", en: "Public toilet")
            case .primary_school: LocalizedText(zh: "小学", en: "Primary school")
            case .medium_sports_ground: LocalizedText(zh: "中型多功能运动场地", en: "Medium multi-sport ground")
            case .fresh_market: LocalizedText(zh: "菜市场或生鲜超市", en: "Fresh food market")
            case .community_shop: LocalizedText(zh: "社区商业网点", en: "Community shop")
            case .middle_school: LocalizedText(zh: "初中", en: "Middle school")
            case .large_sports_ground: LocalizedText(zh: "大型多功能运动场地", en: "Large multi-sport ground")
            case .community_health_centre: LocalizedText(zh: "社区卫生服务中心", en: "Community health centre")
            case .clinic: LocalizedText(zh: "门诊部", en: "Outpatient clinic")
            case .elderly_home: LocalizedText(zh: "养老院", en: "Elderly care home")
            case .culture_centre: LocalizedText(zh: "文化活动中心", en: "Cultural activity centre")
            case .street_office: LocalizedText(zh: "街道办事处", en: "Sub-district office")
            }
        }

        var option: EnumOption { EnumOption(value: rawValue, label: label) }
    }
}
