public import FacilityKit

/// 儿童之家: a children's centre in an urban or rural community (社区/村).
///
/// No default catchment: the plans measure 儿童之家 by whether every community has one, not by
/// walking distance, so the kind's rule is a presence rule per community.
public struct ChildrenHomePlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "children_home")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "儿童之家", en: "Children's home"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "城乡社区内为儿童提供活动和服务的场所", en: "A community centre for children's activities and services"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "community", label: LocalizedText(zh: "所在社区", en: "Community"), type: .text,
            aliases: ["社区", "所属社区", "村(社区)", "村/社区", "所在村(社区)"]),
        FieldSpec(
            name: "area_m2", label: LocalizedText(zh: "面积", en: "Area"), type: .real, unit: "m²", minimum: 0,
            aliases: ["活动场地面积", "使用面积", "面积(m²)", "面积(平方米)", "area"]),
        FieldSpec(
            name: "staffed", label: LocalizedText(zh: "配备工作人员", en: "Staffed"), type: .boolean,
            aliases: ["是否配备工作人员", "配备专兼职工作人员", "有无工作人员", "has staff"]),
    ])

    /// Children's social facilities and community centres for children.
    public let osmMapping: OSMTagMapping? = OSMTagMapping(match: [
        ["amenity": "social_facility", "social_facility:for": "child"],
        ["amenity": "community_centre", "community_centre:for": "child"],
    ])

    public var rules: [Rule] { [Self.presence] }

    /// A 儿童之家 in every community.
    public static let presence = Rule(
        id: RuleID(rawValue: "children_home.presence")!,
        title: LocalizedText(zh: "城乡社区儿童之家覆盖率", en: "Communities with a children's home"),
        measure: .presence(facilities: FacilityFilter(kind: kind), unitLevel: "community"),
        targets: TargetSchedule(value: 1),
        citations: [
            Citation(
                document: CitedDocument.huaduChildrenPlan, clause: "（四）儿童与福利 › 主要目标 10",
                quote: "城乡社区儿童之家覆盖率达到100%，建设标准更加规范，服务能力持续提升。", confidence: .verified),
            Citation(
                document: CitedDocument.lechangChildrenPlan, clause: "（四）儿童与福利 › 主要目标 9",
                quote: "城乡社区儿童之家覆盖率进一步提高，服务能力持续提升。", confidence: .verified),
        ])
}
