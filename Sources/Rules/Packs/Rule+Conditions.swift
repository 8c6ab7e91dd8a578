public import FacilityKit

/// One condition of a rule and the kind of facility it reads.
public struct RuleConditionSite: Hashable, Sendable {
    /// Where in the rule it sits, as the pack format names it: `facilities.where`,
    /// `facilities[1].where` (coverage), `require`, `venues.where`, `host.where` (`host[1].where` in a list).
    public var role: String
    public var kind: PluginID
    public var condition: Condition
}

extension Rule {
    /// Every condition the rule holds, with the kind whose fields it reads.
    public var conditionSites: [RuleConditionSite] {
        func site(_ role: String, _ filter: FacilityFilter) -> [RuleConditionSite] {
            filter.condition.map { [RuleConditionSite(role: role, kind: filter.kind, condition: $0)] } ?? []
        }
        switch measure {
        case .coverage(let filters, _, _, _):
            return filters.enumerated().flatMap { index, filter in site("facilities[\(index)].where", filter) }
        case .perCapita(let filter, _, _, _, _, _), .presence(let filter, _), .count(let filter, _):
            return site("facilities.where", filter)
        case .attribute(let filter, let require):
            return site("facilities.where", filter)
                + [RuleConditionSite(role: "require", kind: filter.kind, condition: require)]
        case .mandate(let venues, let hosts, _):
            return site("venues.where", venues)
                + hosts.enumerated().flatMap { index, host in site(Self.hostRole(index, of: hosts.count), host) }
        }
    }

    /// The place of a mandate's host filter in the pack format: `host.where` for the one host, `host[1].where`
    /// for the second of a list.
    static func hostRole(_ index: Int, of count: Int) -> String {
        count == 1 ? "host.where" : "host[\(index)].where"
    }

    /// The kinds of facility the rule reads.
    public var kinds: [PluginID] { measure.kinds }

    /// Whether the rule's figure is a share (0–1), so its targets must be too.
    public var measuresShare: Bool {
        switch measure {
        case .coverage, .presence, .attribute, .mandate: true
        case .perCapita, .count: false
        }
    }
}

extension RuleMeasure {
    /// The kinds of facility the measure reads, each once.
    public var kinds: [PluginID] {
        switch self {
        case .coverage(let filters, _, _, _): filters.map(\.kind).uniqued()
        case .perCapita(let filter, _, _, _, _, _), .presence(let filter, _), .count(let filter, _),
            .attribute(let filter, _):
            [filter.kind]
        case .mandate(let venues, let hosts, _): ([venues.kind] + hosts.map(\.kind)).uniqued()
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
