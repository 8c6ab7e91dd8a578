public import FacilityKit

/// 公共场所: a venue that may be required to host a 母婴室 or a 第三卫生间, by its type, floor area
/// and daily visitors.
///
/// No default catchment: venues are not reached by residents' walks in the plans' sense; rules ask
/// what they host.
public struct PublicVenuePlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "public_venue")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "公共场所", en: "Public venue"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "按类型、建筑面积和日人流量判断是否须设母婴室或第三卫生间的公共场所",
            en: "Venues that may be required to host a nursing room or a family toilet, by type, floor area and footfall"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "venue_type", label: LocalizedText(zh: "场所类型", en: "Venue type"),
            type: .enumeration(VenueType.allCases.map(\.option)), aliases: ["场所类别", "类型", "venue category"]),
        FieldSpec(
            name: "floor_area_m2", label: LocalizedText(zh: "建筑面积", en: "Floor area"), type: .real, unit: "m²",
            minimum: 0, aliases: ["建筑面积(m²)", "建筑面积(平方米)", "总建筑面积", "面积", "gross floor area"]),
        FieldSpec(
            name: "daily_visitors", label: LocalizedText(zh: "日人流量", en: "Daily visitors"), type: .integer,
            unit: "人次/日", minimum: 0,
            aliases: ["日均人流量", "日客流量", "日均客流量", "日均客流", "日客流", "客流量", "人流量", "daily footfall", "visitors per day"]),
    ])

    public var osmMapping: OSMTagMapping? { Self.tagMapping }

    public var rules: [Rule] { [Self.largeVenueMaternityRoom] }

    /// Each venue type from its usual OSM tags.
    static let tagMapping = OSMTagMapping(conditions: [
        condition(["amenity": "hospital"], .medical),
        condition(["railway": "station"], .transport_hub),
        condition(["public_transport": "station"], .transport_hub),
        condition(["amenity": "bus_station"], .transport_hub),
        condition(["tourism": "museum"], .culture_sports),
        condition(["leisure": "stadium"], .culture_sports),
        condition(["amenity": "theatre"], .culture_sports),
        condition(["amenity": "townhall"], .public_service),
        condition(["shop": "mall"], .commercial),
        condition(["tourism": "attraction"], .tourism),
        condition(["tourism": "theme_park"], .tourism),
        condition(["tourism": "zoo"], .tourism),
        condition(["highway": "services"], .service_area),
    ])

    /// AMap typecodes and Baidu tags of the venue types: 0901/0902 综合/专科医院, 060100 商场 and its kinds,
    /// 150104 飞机场, 150200 火车站, 150400 长途汽车站, 150500 地铁站, 150600 轻轨站, 180300 高速服务区, 1101/1102
    /// 公园广场/风景名胜.
    public let poiMapping: POITypeMapping? = POITypeMapping([
        poiType(amap: ["0901", "0902"], baidu: ["医疗;综合医院", "医疗;专科医院"], .medical),
        poiType(amap: ["150104", "150200", "150400", "150500", "150600"],
                baidu: ["交通设施;飞机场", "交通设施;火车站", "交通设施;长途汽车站", "交通设施;地铁站"], .transport_hub),
        poiType(amap: ["0601"], baidu: ["购物;购物中心", "购物;百货商场"], .commercial),
        poiType(amap: ["180300"], baidu: ["交通设施;服务区"], .service_area),
        poiType(amap: ["1101", "1102"], baidu: ["旅游景点"], .tourism),
    ])

    private static func poiType(amap: [String], baidu: [String], _ type: VenueType) -> POITypeMapping.TypeCondition {
        POITypeMapping.TypeCondition(amap: amap, baidu: baidu, implies: ["venue_type": type.rawValue])
    }

    private static func condition(_ tags: [String: String], _ type: VenueType) -> OSMTagMapping.TagCondition {
        OSMTagMapping.TagCondition(tags, implies: ["venue_type": type.rawValue])
    }
}

extension PublicVenuePlugin {
    /// Venues over 10,000 m² or 10,000 visitors a day host a 母婴室: one whose `venue` names them, or
    /// one within 100 m. The plans add venue types (which differ between them); their profiles narrow
    /// the filter.
    public static let largeVenueMaternityRoom = Rule(
        id: RuleID(rawValue: "public_venue.large_venue_maternity_room")!,
        title: LocalizedText(
            zh: "建筑面积超过1万平方米或日人流量超过1万人的公共场所建设母婴室",
            en: "Venues over 10,000 m² or 10,000 visitors a day have a nursing room"),
        measure: .mandate(
            venues: FacilityFilter(kind: kind, where: "floor_area_m2 > 10000 or daily_visitors > 10000"),
            hosts: [FacilityFilter(kind: PluginID(rawValue: "maternity_room")!)], withinMeters: 100),
        targets: TargetSchedule(value: 1),
        citations: [
            Citation(
                document: CitedDocument.maternityFacilitiesGuidance,
                clause: "建筑面积超过1万平方米或日人流量超过1万人的公共场所设置独立母婴室（条款号未核实）",
                confidence: .secondary),
            Citation(
                document: CitedDocument.lechangWomenPlan, clause: "（七）妇女与环境 › 策略措施 6",
                quote: "在公共交通运输场所、公共文体服务场所、公共服务机构、公共场所，以及建筑面积超过1万平方米或者日人流量超过1万人的其他场所，建设母婴室。",
                confidence: .verified),
            Citation(
                document: CitedDocument.huaduWomenPlan, clause: "（七）妇女与环境 › 策略措施 10",
                quote: "建筑面积超过1万平方米或者日人流量超过1万人的医疗机构、交通枢纽、文体服务场所、公共服务机构、商业经营场所、旅游休闲场所等公共场所建设母婴室。",
                confidence: .verified),
        ],
        note: LocalizedText(
            zh: "母婴室的“所在场所”写明该场所，或在其100米以内，即视为已设。",
            en: "A venue hosts a room when the room's venue names it or the room lies within 100 m."))
}
