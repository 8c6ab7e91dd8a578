public import FacilityKit

extension PublicToiletPlugin {
    /// Female stalls ≥ 1.5 × male positions (stalls and urinals) where footfall is not high.
    public static let femaleMaleRatio = ratioRule(
        id: "public_toilet.female_male_ratio", where: "not high_footfall", factor: "1.5",
        title: LocalizedText(zh: "公厕女厕位与男厕位比例不小于1.5:1", en: "Female:male toilet stalls at least 1.5:1"))

    /// Female stalls ≥ 2 × male positions where footfall is high.
    public static let femaleMaleRatioHighFootfall = ratioRule(
        id: "public_toilet.female_male_ratio_high_footfall", where: "high_footfall", factor: "2",
        title: LocalizedText(
            zh: "人流量较大地区公厕女厕位与男厕位比例不小于2:1", en: "Female:male toilet stalls at least 2:1 where footfall is high"))

    private static func ratioRule(id: String, where filter: Condition, factor: String, title: LocalizedText) -> Rule {
        Rule(
            id: RuleID(rawValue: id)!, title: title,
            measure: .attribute(
                facilities: FacilityFilter(kind: kind, where: filter),
                require: Condition("female_stalls >= \(factor) * (male_stalls + urinals)")),
            targets: TargetSchedule(value: 1),
            citations: ratioCitations,
            note: LocalizedText(
                zh: "小便器计入男厕位。规划要求针对新建和改建的城镇公共厕所；本规则检查所有登记的公厕。",
                en: "Urinals count as male positions. The plans ask this of new and rebuilt urban toilets; the rule checks every registered toilet."))
    }

    /// The two plans (read in their text) and the design standard they rest on (ratios seen in a
    /// secondary source, clause numbers not checked).
    static let ratioCitations = [
        Citation(
            document: CitedDocument.lechangWomenPlan, clause: "（七）妇女与环境 › 策略措施 6",
            quote: "城镇公共厕所在新建和改建时，女厕位与男厕位的比例不小于1.5:1，人流量较大地区不小于2:1。",
            confidence: .verified),
        Citation(
            document: CitedDocument.huaduWomenPlan, clause: "（七）妇女与环境 › 策略措施 9",
            quote: "城镇公共厕所在新建和改建时，男女厕位比例不低于1:1.5，人流量较大地区不低于1:2。",
            confidence: .verified),
        Citation(
            document: CitedDocument.publicToiletDesign,
            clause: "女厕位与男厕位（含小便位）的比例：一类公厕和人流量较大地区不小于2:1，其他约3:2（条款号未核实）",
            confidence: .secondary),
    ]
}
