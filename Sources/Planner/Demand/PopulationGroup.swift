/// The groups of residents that plans set targets for. `total` is always present; the others where
/// the population data gives them.
public enum PopulationGroup: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case total
    case women
    case age0to3 = "age_0_3"
    case age0to14 = "age_0_14"
    case age65plus = "age_65_plus"

    public var label: (zh: String, en: String) {
        switch self {
        case .total: ("常住人口", "residents")
        case .women: ("女性", "women")
        case .age0to3: ("0–3岁儿童", "children 0–3")
        case .age0to14: ("0–14岁儿童", "children 0–14")
        case .age65plus: ("65岁及以上老人", "people 65+")
        }
    }

    public static func < (a: PopulationGroup, b: PopulationGroup) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
