public import FacilityKit

/// What a profile's `use:` changes in the rules it reuses. Each value keeps where it was written,
/// because whether it fits is known only when the rule is found.
public struct RuleOverrides: Hashable, Sendable {
    struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
        var value: Value
        var location: YAMLLocation
    }

    var id: Located<RuleID>?
    var title: LocalizedText?
    var note: LocalizedText?
    var targets: Located<TargetSchedule>?
    /// Replaces the rule's citations.
    var citations: [Citation]?
    /// Comes before the rule's own citations.
    var addedCitations: [Citation] = []
    var facilitiesWhere: Located<Condition>?
    var hostWhere: Located<Condition>?
    var withinMeters: Located<Double>?
    var perUnit: Located<Bool>?
    var group: Located<PopulationGroupName>?
    var unitLevel: Located<String>?
    var location: YAMLLocation

    static let keys: Set<String> = [
        "use", "id", "title", "note", "target", "targets", "citations", "add_citations", "where", "host_where",
        "within_m", "within_minutes", "speed_kmh", "per_unit", "group", "unit_level",
    ]

    /// Reads a `use:` entry: the ids it reuses and what it changes.
    static func read(_ node: YAMLNode) throws(YAMLProblem) -> ([RuleID], RuleOverrides) {
        try node.allowKeys(keys, context: "in a use: entry (a full rule has no use:)")
        let useNode = try node.required("use")
        let ids = try useNode.oneOrMany().map { item throws(YAMLProblem) in try RuleDefinition.readID(item) }
        guard !ids.isEmpty else { throw useNode.error("names no rule") }
        var overrides = RuleOverrides(location: YAMLLocation(node))
        if let idNode = try node.optional("id") {
            guard ids.count == 1 else { throw idNode.error("a new id fits one reused rule, not a list") }
            overrides.id = Located(value: try RuleDefinition.readID(idNode), location: YAMLLocation(idNode))
        }
        overrides.title = try node.optional("title")?.localizedText()
        overrides.note = try node.optional("note")?.localizedText()
        if let targets = try RuleDefinition.readTargetsIfPresent(node, share: nil) {
            let at = try node.firstPresent(of: ["target", "targets"]) ?? node
            overrides.targets = Located(value: targets, location: YAMLLocation(at))
        }
        if let citationsNode = try node.optional("citations") {
            overrides.citations = try RuleDefinition.readCitations(citationsNode, required: true, in: node)
        }
        if let addNode = try node.optional("add_citations") {
            if overrides.citations != nil {
                throw addNode.error("give citations (to replace) or add_citations, not both")
            }
            overrides.addedCitations = try RuleDefinition.readCitations(addNode, required: true, in: node)
        }
        if overrides.targets != nil, overrides.citations == nil {
            throw node.error(
                "is required: a profile that sets its own target cites the clause that sets it (citations: replaces "
                    + "the rule's own, which were for its old value)", field: node.path(of: "citations"))
        }
        if let whereNode = try node.optional("where") {
            overrides.facilitiesWhere = Located(
                value: try RuleDefinition.readCondition(whereNode), location: YAMLLocation(whereNode))
        }
        if let hostNode = try node.optional("host_where") {
            overrides.hostWhere = Located(
                value: try RuleDefinition.readCondition(hostNode), location: YAMLLocation(hostNode))
        }
        if let distance = try RuleDefinition.readDistance(node) {
            let at = try node.firstPresent(of: ["within_m", "within_minutes"]) ?? node
            overrides.withinMeters = Located(value: distance, location: YAMLLocation(at))
        }
        if let perUnitNode = try node.optional("per_unit") {
            overrides.perUnit = Located(value: try perUnitNode.boolean(), location: YAMLLocation(perUnitNode))
        }
        if let groupNode = try node.optional("group") {
            overrides.group = Located(
                value: PopulationGroupName(try groupNode.string()), location: YAMLLocation(groupNode))
        }
        if let levelNode = try node.optional("unit_level") {
            overrides.unitLevel = Located(value: try levelNode.string(), location: YAMLLocation(levelNode))
        }
        return (ids, overrides)
    }

    /// The reused rule with the profile's values, or a problem where a value does not fit it.
    func apply(to base: RuleDefinition, origin: RuleOrigin) throws(YAMLProblem) -> RuleDefinition {
        var definition = base
        definition.origin = origin
        var rule = base.rule
        if let id { rule.id = id.value }
        if let title { rule.title = title }
        if let note { rule.note = note }
        if let targets {
            for step in targets.value.steps {
                try RuleDefinition.checkTarget(step.value, share: rule.measuresShare, at: targets.location)
            }
            rule.targets = targets.value
        }
        if let citations { rule.citations = citations }
        if !addedCitations.isEmpty {
            rule.citations = (addedCitations + rule.citations).uniqued()
        }
        rule.measure = try changedMeasure(rule.measure, of: base.rule.id, locations: &definition.locations)
        definition.rule = rule
        return definition
    }

    private func changedMeasure(
        _ measure: RuleMeasure, of id: RuleID, locations: inout [String: YAMLLocation]
    ) throws(YAMLProblem) -> RuleMeasure {
        func misfit<V>(_ located: Located<V>?, _ key: String) throws(YAMLProblem) {
            if let located {
                throw located.location.problem("rule '\(id)' measures \(measure.name), which has no \(key)")
            }
        }
        func filter(_ filter: FacilityFilter, _ role: String, _ override: Located<Condition>?) -> FacilityFilter {
            guard let override else { return filter }
            locations[role] = override.location
            return FacilityFilter(kind: filter.kind, where: override.value)
        }
        switch measure {
        case .coverage(var filters, let group, let within, let perUnit):
            try misfit(hostWhere, "host")
            try misfit(unitLevel, "unit_level")
            if let facilitiesWhere {
                guard filters.count == 1 else {
                    throw facilitiesWhere.location.problem(
                        "rule '\(id)' covers \(filters.count) kinds of facility; write the rule in full to change them")
                }
                filters[0] = filter(filters[0], "facilities[0].where", facilitiesWhere)
            }
            return .coverage(
                facilities: filters, group: self.group?.value ?? group, withinMeters: withinMeters?.value ?? within,
                perUnit: self.perUnit?.value ?? perUnit)
        case .perCapita(let facilities, let supply, let group, let per, var method, let perUnit):
            try misfit(hostWhere, "host")
            try misfit(unitLevel, "unit_level")
            if let withinMeters {
                guard case .twoStepFloatingCatchment = method else {
                    throw withinMeters.location.problem(
                        "rule '\(id)' counts supply in admin units (unit_totals), which has no distance")
                }
                method = .twoStepFloatingCatchment(withinMeters: withinMeters.value)
            }
            return .perCapita(
                facilities: filter(facilities, "facilities.where", facilitiesWhere), supplyField: supply,
                group: self.group?.value ?? group, per: per, method: method, perUnit: self.perUnit?.value ?? perUnit)
        case .presence(let facilities, let level):
            try misfit(hostWhere, "host")
            try misfit(withinMeters, "distance")
            try misfit(perUnit, "per_unit (it is read per unit already)")
            try misfit(group, "population group")
            return .presence(
                facilities: filter(facilities, "facilities.where", facilitiesWhere),
                unitLevel: unitLevel?.value ?? level)
        case .count(let facilities, let perUnit):
            try misfit(hostWhere, "host")
            try misfit(withinMeters, "distance")
            try misfit(group, "population group")
            try misfit(unitLevel, "unit_level")
            return .count(
                facilities: filter(facilities, "facilities.where", facilitiesWhere),
                perUnit: self.perUnit?.value ?? perUnit)
        case .attribute(let facilities, let require):
            try misfit(hostWhere, "host")
            try misfit(withinMeters, "distance")
            try misfit(perUnit, "per_unit")
            try misfit(group, "population group")
            try misfit(unitLevel, "unit_level")
            return .attribute(facilities: filter(facilities, "facilities.where", facilitiesWhere), require: require)
        case .mandate(let venues, var hosts, let within):
            try misfit(perUnit, "per_unit")
            try misfit(group, "population group")
            try misfit(unitLevel, "unit_level")
            if let hostWhere {
                guard hosts.count == 1 else {
                    throw hostWhere.location.problem(
                        "rule '\(id)' accepts \(hosts.count) kinds of host; write the rule in full to change them")
                }
                hosts[0] = filter(hosts[0], "host.where", hostWhere)
            }
            return .mandate(
                venues: filter(venues, "venues.where", facilitiesWhere), hosts: hosts,
                withinMeters: withinMeters?.value ?? within)
        }
    }
}

extension RuleMeasure {
    /// The measure's name in the pack format: `coverage`, `per_capita`, …
    public var name: String {
        switch self {
        case .coverage: "coverage"
        case .perCapita: "per_capita"
        case .presence: "presence"
        case .count: "count"
        case .attribute: "attribute"
        case .mandate: "mandate"
        }
    }
}
