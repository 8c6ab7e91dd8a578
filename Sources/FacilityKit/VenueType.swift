/// The kinds of public place the plans name when they say where a 母婴室 or a 第三卫生间 is required
/// (医疗机构、交通枢纽、文体服务场所、公共服务机构、商业经营场所、旅游休闲场所、服务区), plus workplaces
/// (用人单位, encouraged to set up rooms) and other places. Stored as the raw value.
public enum VenueType: String, CaseIterable, Hashable, Sendable {
    case medical, transport_hub, culture_sports, public_service, commercial, tourism, service_area, workplace, other

    public var label: LocalizedText {
        switch self {
        case .medical: LocalizedText(zh: "医疗机构", en: "Medical institution")
        case .transport_hub: LocalizedText(zh: "交通枢纽", en: "Transport hub")
        case .culture_sports: LocalizedText(zh: "文化体育场馆", en: "Culture or sports venue")
        case .public_service: LocalizedText(zh: "公共服务机构", en: "Public service agency")
        case .commercial: LocalizedText(zh: "商业场所", en: "Commercial venue")
        case .tourism: LocalizedText(zh: "旅游休闲场所", en: "Tourism or leisure venue")
        case .service_area: LocalizedText(zh: "服务区", en: "Service area")
        case .workplace: LocalizedText(zh: "用人单位", en: "Workplace")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    /// The value as one option of an enum field.
    public var option: EnumOption { EnumOption(value: rawValue, label: label) }
}
