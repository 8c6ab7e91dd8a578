public import FacilityKit

/// 母婴室: a room for nursing mothers and for changing infants, in a venue. The fields follow
/// 国卫指导发〔2016〕63号 (an independent room of at least 10 m², with a changing table, a nursing
/// seat, a wash basin, a power socket, a waste bin and a lockable door or curtain).
///
/// No default catchment: neither the guidance nor the plans give a walking distance for 母婴室. They
/// say which venues must host one (by type, floor area and footfall), so need is checked by the
/// `public_venue.large_venue_maternity_room` mandate, not by how far residents walk.
public struct MaternityRoomPlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "maternity_room")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "母婴室", en: "Nursing room"),
        version: SemanticVersion(0, 2, 0),
        summary: LocalizedText(
            zh: "公共场所内供哺乳和婴儿护理的独立房间",
            en: "A room in a public venue for breastfeeding and baby care"))

    /// The venue types of the plans, without service areas (not named for 母婴室).
    public static let venueTypes = VenueType.allCases.filter { $0 != .service_area }

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "venue", label: LocalizedText(zh: "所在场所", en: "Venue"), type: .text,
            aliases: ["所在场所名称", "所在单位", "所属场所", "依托场所", "venue name"]),
        FieldSpec(
            name: "venue_type", label: LocalizedText(zh: "场所类型", en: "Venue type"),
            type: .enumeration(Self.venueTypes.map(\.option)), aliases: ["场所类别", "所在场所类型", "类型"]),
        FieldSpec(
            name: "area_m2", label: LocalizedText(zh: "面积", en: "Room area"), type: .real, unit: "m²",
            minimum: 0, maximum: 1000,
            aliases: ["面积(m²)", "面积(平方米)", "面积m2", "使用面积", "room area", "area"]),
        FieldSpec(
            name: "independent", label: LocalizedText(zh: "独立房间", en: "Independent room"), type: .boolean,
            aliases: ["是否独立", "独立设置", "是否独立设置", "independent room"]),
    ] + Equipment.allCases.map(\.field) + [
        FieldSpec(
            name: "opening_hours", label: LocalizedText(zh: "开放时间", en: "Opening hours"), type: .text,
            aliases: ["开放时段", "服务时间", "hours"]),
    ])

    /// `baby_feeding=room` on the venue or on an `indoor=room`; `changing_table` is yes/no in OSM too.
    /// AMap 200304 婴儿换洗间/哺乳室/母婴室 (Baidu has no tag of its own for them).
    public let poiMapping: POITypeMapping? = POITypeMapping([.init(amap: ["200304"])])

    public let osmMapping: OSMTagMapping? = OSMTagMapping(
        match: [["baby_feeding": "room"], ["amenity": "baby_feeding"]],
        attributeTags: ["opening_hours": "opening_hours", "changing_table": "changing_table"])

    public var rules: [Rule] { [Self.equipmentComplete, Self.independentRoom] }
}

extension MaternityRoomPlugin {
    /// The equipment checklist of 国卫指导发〔2016〕63号, one yes/no field each.
    public enum Equipment: String, CaseIterable, Sendable {
        case changing_table, nursing_seat, wash_basin, power_socket, waste_bin, privacy_lock

        var field: FieldSpec {
            let (zh, en, aliases): (String, String, [String]) =
                switch self {
                case .changing_table: ("婴儿护理台", "Changing table", ["护理台", "尿布台", "婴儿尿布台"])
                case .nursing_seat: ("哺乳座椅", "Nursing seat", ["哺乳椅", "座椅", "哺乳沙发"])
                case .wash_basin: ("洗手台", "Wash basin", ["洗手池", "洗手盆", "洗手设施"])
                case .power_socket: ("电源插座", "Power socket", ["插座"])
                case .waste_bin: ("垃圾桶", "Waste bin", ["垃圾箱"])
                case .privacy_lock: ("私密门锁或门帘", "Lockable door or curtain", ["门锁", "门帘", "隐私保护"])
                }
            return FieldSpec(name: rawValue, label: LocalizedText(zh: zh, en: en), type: .boolean, aliases: aliases)
        }
    }
}
