public import FacilityKit

/// 托育机构: care for children under three, with its places (托位), the ages it takes and whether
/// it is 普惠 (affordable, publicly supported).
public struct ChildcarePlugin: FacilityPlugin {
    public static let kind = PluginID(rawValue: "childcare")!

    public init() {}

    public let descriptor = PluginDescriptor(
        id: Self.kind,
        name: LocalizedText(zh: "托育机构", en: "Childcare centre"),
        version: SemanticVersion(0, 1, 0),
        summary: LocalizedText(
            zh: "为3岁以下婴幼儿提供照护服务的机构及其托位", en: "Care for children under three, with its places"))

    public let schema = AttributeSchema(fields: [
        FieldSpec(
            name: "places", label: LocalizedText(zh: "托位数", en: "Places"), type: .integer, unit: "个", minimum: 0,
            maximum: 5000, aliases: ["托位", "托位数量", "核定托位数", "收托规模", "capacity"]),
        FieldSpec(
            name: "min_age_months", label: LocalizedText(zh: "最小收托月龄", en: "Minimum age (months)"), type: .integer,
            unit: "月", minimum: 0, maximum: 72, aliases: ["收托月龄下限", "最小月龄", "min age months"]),
        FieldSpec(
            name: "max_age_months", label: LocalizedText(zh: "最大收托月龄", en: "Maximum age (months)"), type: .integer,
            unit: "月", minimum: 0, maximum: 72, aliases: ["收托月龄上限", "最大月龄", "max age months"]),
        FieldSpec(
            name: "puhui", label: LocalizedText(zh: "普惠性", en: "Affordable (普惠)"), type: .boolean,
            aliases: ["是否普惠", "普惠", "普惠性托育", "affordable"]),
        FieldSpec(
            name: "community", label: LocalizedText(zh: "所在社区", en: "Community"), type: .text,
            aliases: ["社区", "所属社区", "村(社区)", "村/社区"]),
    ])

    /// `amenity=childcare`, and kindergartens that take under-threes (`nursery=yes`). OSM's `capacity`
    /// is the number of children taken, as 托位 is; its `min_age`/`max_age` are in years, not months,
    /// so they are not mapped.
    public let osmMapping: OSMTagMapping? = OSMTagMapping(
        match: [["amenity": "childcare"], ["amenity": "kindergarten", "nursery": "yes"]],
        attributeTags: ["places": "capacity"])

    /// 托儿所 belong to the 5-minute life circle (GB 50180-2018 Appendix B), 300 m on foot (3.0.4).
    public let defaultCatchment: Catchment? = Catchment(
        walkingDistanceMeters: 300,
        source: "\(CitedDocument.residentialAreaPlanning) 3.0.4：五分钟生活圈步行距离 300 m；附录B 托儿所（列表未核实）")

    public var rules: [Rule] { [Self.placesPerThousand] }

    /// 托位 per 1,000 residents, against the national 2025 indicator; the plan profiles set their own
    /// (乐昌 5.5; 花都 4 by 2025, 6 by 2030).
    public static let placesPerThousand = Rule(
        id: RuleID(rawValue: "childcare.places_per_1000")!,
        title: LocalizedText(zh: "每千人口拥有3岁以下婴幼儿托位数", en: "Childcare places for under-threes per 1,000 residents"),
        measure: .perCapita(
            facilities: FacilityFilter(kind: kind), supplyField: "places", group: .total, per: 1000,
            method: .unitTotals, perUnit: false),
        targets: TargetSchedule([TargetSchedule.Step(year: 2025, value: 4.5)]),
        citations: [
            Citation(
                document: CitedDocument.fourteenthFiveYearPlan,
                clause: "经济社会发展主要指标 › 每千人口拥有3岁以下婴幼儿托位数（2025年 4.5个）", confidence: .secondary)
        ])
}
