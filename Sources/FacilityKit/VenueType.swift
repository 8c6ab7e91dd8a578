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

    /// What lists call places of the type (医院 for 医疗机构, 商场 for 商业场所), accepted on import.
    public var synonyms: [String] {
        switch self {
        case .medical: ["医院", "医疗卫生场所", "卫生院", "妇幼保健院", "社区卫生服务中心", "诊所", "hospital"]
        case .transport_hub: ["交通场所", "公共交通场所", "车站", "火车站", "高铁站", "地铁站", "客运站", "机场", "station"]
        case .culture_sports: ["文体场所", "文体服务场所", "公共文体服务场所", "体育馆", "图书馆", "博物馆", "文化馆", "科技馆"]
        case .public_service: ["政务服务中心", "办事大厅", "公共服务场所", "机关单位", "社区服务中心"]
        case .commercial: ["商场", "购物中心", "商业综合体", "商业经营场所", "超市", "mall", "shopping centre"]
        case .tourism: ["景区", "旅游景区", "旅游场所", "公园", "游乐园"]
        case .service_area: ["高速服务区", "高速公路服务区"]
        case .workplace: ["单位", "企业", "机关", "事业单位", "工作场所"]
        case .other: ["其它"]
        }
    }

    /// The value as one option of an enum field.
    public var option: EnumOption { EnumOption(value: rawValue, label: label, synonyms: synonyms) }
}
