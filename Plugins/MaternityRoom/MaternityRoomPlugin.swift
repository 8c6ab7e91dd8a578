public import FacilityKit

/// 母婴室: a room for nursing mothers and for changing infants, in a venue. The fields follow
/// 国卫指导发〔2016〕63号 (an independent room of at least 10 m², with a changing table, a nursing
/// seat, a wash basin, a power socket, a waste bin and a lockable door or curtain).
public struct MaternityRoomPlugin: FacilityPlugin {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: PluginID(rawValue: "maternity_room")!,
        name: LocalizedText(zh: "母婴室", en: "Nursing room"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "公共场所内供哺乳和婴儿护理的独立房间",
            en: "A room in a public venue for breastfeeding and baby care"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "venue", label: LocalizedText(zh: "所在场所", en: "Venue"), type: .text,
            aliases: ["场所", "场所名称", "所在单位", "venue_name"]),
        FieldSpec(
            name: "venue_type", label: LocalizedText(zh: "场所类型", en: "Venue type"),
            type: .enumeration(VenueType.allCases.map(\.option)), aliases: ["类型", "场所类别"]),
        FieldSpec(
            name: "area_m2", label: LocalizedText(zh: "面积", en: "Room area"), type: .real, unit: "m²",
            minimum: 0, maximum: 1000, aliases: ["面积(m²)", "面积（平方米）", "面积m2", "room_area", "area"]),
        FieldSpec(
            name: "independent", label: LocalizedText(zh: "独立房间", en: "Independent room"), type: .boolean,
            aliases: ["是否独立", "独立设置"]),
    ] + Equipment.allCases.map(\.field) + [
        FieldSpec(
            name: "opening_hours", label: LocalizedText(zh: "开放时间", en: "Opening hours"), type: .text,
            aliases: ["开放时段"]),
    ])

    public let osmMapping: OSMTagMapping? = OSMTagMapping(
        match: [["baby_feeding": "room"], ["amenity": "baby_feeding"]],
        attributeTags: ["opening_hours": "opening_hours", "changing_table": "changing_table"])
}

extension MaternityRoomPlugin {
    /// The kinds of venue the plans name when they say where a 母婴室 is required.
    public enum VenueType: String, CaseIterable, Sendable {
        case medical, transport_hub, culture_sports, public_service, commercial, tourism, workplace, other

        var option: EnumOption {
            let label: LocalizedText =
                switch self {
                case .medical: LocalizedText(zh: "医疗机构", en: "Medical institution")
                case .transport_hub: LocalizedText(zh: "交通枢纽", en: "Transport hub")
                case .culture_sports: LocalizedText(zh: "文化体育场馆", en: "Culture or sports venue")
                case .public_service: LocalizedText(zh: "公共服务机构", en: "Public service agency")
                case .commercial: LocalizedText(zh: "商业场所", en: "Commercial venue")
                case .tourism: LocalizedText(zh: "旅游休闲场所", en: "Tourism or leisure venue")
                case .workplace: LocalizedText(zh: "用人单位", en: "Workplace")
                case .other: LocalizedText(zh: "其他", en: "Other")
                }
            return EnumOption(value: rawValue, label: label)
        }
    }

    /// The equipment checklist of 国卫指导发〔2016〕63号, one yes/no field each.
    public enum Equipment: String, CaseIterable, Sendable {
        case changing_table, nursing_seat, wash_basin, power_socket, waste_bin, privacy_lock

        var field: FieldSpec {
            let (zh, en, aliases): (String, String, [String]) =
                switch self {
                case .changing_table: ("婴儿护理台", "Changing table", ["护理台", "尿布台"])
                case .nursing_seat: ("哺乳座椅", "Nursing seat", ["哺乳椅", "座椅"])
                case .wash_basin: ("洗手台", "Wash basin", ["洗手池", "洗手盆"])
                case .power_socket: ("电源插座", "Power socket", ["插座"])
                case .waste_bin: ("垃圾桶", "Waste bin", ["垃圾箱"])
                case .privacy_lock: ("私密门锁或门帘", "Lockable door or curtain", ["门锁", "门帘", "隐私保护"])
                }
            return FieldSpec(name: rawValue, label: LocalizedText(zh: zh, en: en), type: .boolean, aliases: aliases)
        }
    }
}
