import FacilityKit

/// Reads rules in the pack format. See `GeoData/rules/README.md` for the format, and
/// `Docs/plugin-author-guide.md` for rules in manifest plugins.
extension RuleDefinition {
    static let measureNames = ["coverage", "per_capita", "presence", "count", "attribute", "mandate"]
    static let commonKeys: Set<String> = ["id", "title", "measure", "target", "targets", "citations", "note"]

    /// The keys each measure takes besides the common ones.
    static func keys(of measure: String) -> Set<String> {
        switch measure {
        case "coverage": ["facilities", "group", "within_m", "within_minutes", "speed_kmh", "per_unit"]
        case "per_capita":
            [
                "facilities", "supply_field", "group", "per", "method", "within_m", "within_minutes", "speed_kmh",
                "per_unit",
            ]
        case "presence": ["facilities", "unit_level"]
        case "count": ["facilities", "per_unit"]
        case "attribute": ["facilities", "require"]
        case "mandate": ["venues", "host", "within_m"]
        default: []
        }
    }

    /// Reads one rule. `requireCitations`: packs and profiles must cite; plugins are checked by
    /// their own conformance suite.
    public init(yaml node: YAMLNode, origin: RuleOrigin, requireCitations: Bool = true) throws(YAMLProblem) {
        let measureNode = try node.required("measure")
        let measureName = try measureNode.string()
        guard Self.measureNames.contains(measureName) else {
            throw measureNode.error(
                "unknown measure '\(measureName)'; use one of: \(Self.measureNames.joined(separator: ", "))")
        }
        try node.allowKeys(Self.commonKeys.union(Self.keys(of: measureName)), context: "for a \(measureName) rule")
        var locations: [String: YAMLLocation] = [:]
        let measure = try Self.readMeasure(measureName, node, locations: &locations)
        let id = try Self.readID(try node.required("id"))
        let isShare = measureName != "per_capita" && measureName != "count"
        let rule = Rule(
            id: id, title: try node.required("title").localizedText(), measure: measure,
            targets: try Self.readTargets(node, share: isShare),
            citations: try Self.readCitations(node.optional("citations"), required: requireCitations, in: node),
            note: try node.optional("note")?.localizedText())
        self.init(rule: rule, origin: origin)
        self.locations = locations
    }

    static func readID(_ node: YAMLNode) throws(YAMLProblem) -> RuleID {
        let text = try node.string()
        guard let id = RuleID(rawValue: text) else {
            throw node.error(
                "'\(text)' is not a rule id: lower case words joined by '.', '_' or '-', e.g. huadu.childcare_places")
        }
        return id
    }

    private static func readMeasure(
        _ name: String, _ node: YAMLNode, locations: inout [String: YAMLLocation]
    ) throws(YAMLProblem) -> RuleMeasure {
        func single(_ key: String) throws(YAMLProblem) -> FacilityFilter {
            let filterNode = try node.required(key)
            guard !filterNode.isSequence else { throw filterNode.error("expected one {kind, where}, not a list") }
            return try readFilter(filterNode, role: "\(key).where", locations: &locations)
        }
        let group =
            try node.optional("group").map { n throws(YAMLProblem) in PopulationGroupName(try n.string()) } ?? .total
        let perUnit = try node.optional("per_unit")?.boolean() ?? false
        switch name {
        case "coverage":
            let filtersNode = try node.required("facilities")
            var filters: [FacilityFilter] = []
            for (index, item) in filtersNode.oneOrMany().enumerated() {
                filters.append(try readFilter(item, role: "facilities[\(index)].where", locations: &locations))
            }
            guard !filters.isEmpty else { throw filtersNode.error("needs at least one {kind, where}") }
            guard let distance = try readDistance(node) else {
                throw node.error("is required: give within_m or within_minutes", field: node.path(of: "within_m"))
            }
            return .coverage(facilities: filters, group: group, withinMeters: distance, perUnit: perUnit)
        case "per_capita":
            let filter = try single("facilities")
            var supplyField: String?
            if let supplyNode = try node.optional("supply_field") {
                supplyField = try supplyNode.string()
                locations["supply_field"] = YAMLLocation(supplyNode)
            }
            let per = try node.optional("per")?.number() ?? 1000
            guard per > 0 else { throw try node.required("per").error("must be positive, e.g. 1000") }
            let methodNode = try node.optional("method")
            let distance = try readDistance(node)
            let method: PerCapitaMethod
            switch try methodNode?.string() ?? "unit_totals" {
            case "unit_totals":
                if distance != nil {
                    throw node.error(
                        "a distance belongs to method: two_step_floating_catchment", field: node.path(of: "within_m"))
                }
                method = .unitTotals
            case "two_step_floating_catchment":
                guard let distance else {
                    throw node.error(
                        "is required for two_step_floating_catchment: give within_m or within_minutes",
                        field: node.path(of: "within_m"))
                }
                method = .twoStepFloatingCatchment(withinMeters: distance)
            case let other:
                throw (methodNode ?? node).error(
                    "unknown method '\(other)'; use unit_totals or two_step_floating_catchment")
            }
            return .perCapita(
                facilities: filter, supplyField: supplyField, group: group, per: per, method: method, perUnit: perUnit)
        case "presence":
            return .presence(facilities: try single("facilities"), unitLevel: try node.optional("unit_level")?.string())
        case "count":
            return .count(facilities: try single("facilities"), perUnit: perUnit)
        case "attribute":
            let filter = try single("facilities")
            let requireNode = try node.required("require")
            locations["require"] = YAMLLocation(requireNode)
            return .attribute(facilities: filter, require: try readCondition(requireNode))
        default:
            let venues = try single("venues")
            let hostNode = try node.required("host")
            let hostItems = hostNode.oneOrMany()
            guard !hostItems.isEmpty else { throw hostNode.error("needs at least one {kind, where}") }
            var hosts: [FacilityFilter] = []
            for (index, item) in hostItems.enumerated() {
                let role = Rule.hostRole(index, of: hostItems.count)
                hosts.append(try readFilter(item, role: role, locations: &locations))
            }
            var within = 0.0
            if let withinNode = try node.optional("within_m") {
                within = try withinNode.number()
                guard within >= 0 else { throw withinNode.error("must be 0 or more metres") }
            }
            return .mandate(venues: venues, hosts: hosts, withinMeters: within)
        }
    }

    /// `{kind: childcare, where: "puhui"}`, or just the kind.
    static func readFilter(
        _ node: YAMLNode, role: String, locations: inout [String: YAMLLocation]
    ) throws(YAMLProblem) -> FacilityFilter {
        if node.isScalar { return FacilityFilter(kind: try readKind(node)) }
        try node.allowKeys(["kind", "where"])
        let kind = try readKind(try node.required("kind"))
        guard let whereNode = try node.optional("where") else { return FacilityFilter(kind: kind) }
        locations[role] = YAMLLocation(whereNode)
        return FacilityFilter(kind: kind, where: try readCondition(whereNode))
    }

    static func readKind(_ node: YAMLNode) throws(YAMLProblem) -> PluginID {
        let text = try node.string()
        guard let kind = PluginID(rawValue: text) else {
            throw node.error(
                "'\(text)' is not a facility kind: use the plugin id in lower snake case, e.g. maternity_room")
        }
        return kind
    }

    /// A condition, parsed here so a syntax error points at its line.
    static func readCondition(_ node: YAMLNode) throws(YAMLProblem) -> Condition {
        let condition = Condition(try node.string())
        do {
            _ = try ConditionExpression(parsing: condition)
        } catch {
            throw node.error("\(error) in \"\(error.excerpt)\"")
        }
        return condition
    }

    /// `within_m: 500`, or `within_minutes: 15` at `speed_kmh` (4 by default): metres.
    static func readDistance(_ node: YAMLNode) throws(YAMLProblem) -> Double? {
        let metres = try node.optional("within_m")
        let minutes = try node.optional("within_minutes")
        let speed = try node.optional("speed_kmh")
        if let metres {
            if minutes != nil { throw metres.error("give within_m or within_minutes, not both") }
            if let speed { throw speed.error("speed_kmh goes with within_minutes") }
            let value = try metres.number()
            guard value > 0 else { throw metres.error("must be a positive number of metres") }
            return value
        }
        guard let minutes else {
            if let speed { throw speed.error("speed_kmh goes with within_minutes") }
            return nil
        }
        let value = try minutes.number()
        guard value > 0 else { throw minutes.error("must be a positive number of minutes") }
        let kmh = try speed?.number() ?? 4
        guard kmh > 0, kmh < 50 else { throw (speed ?? minutes).error("must be a walking speed in km/h, e.g. 4") }
        return value * kmh * 1000 / 60
    }

    /// `target: 0.9`, or `targets: [{year: 2025, value: 4}, {year: 2030, value: 6}]`; `targets: []`
    /// when the plan sets no number (the figure is then shown, never judged).
    static func readTargets(_ node: YAMLNode, share: Bool?) throws(YAMLProblem) -> TargetSchedule {
        guard let schedule = try readTargetsIfPresent(node, share: share) else {
            throw node.error(
                "is required: give target: 0.9, or targets: [{year: 2025, value: 4}] (targets: [] when the plan sets no number)",
                field: node.path(of: "target"))
        }
        return schedule
    }

    static func readTargetsIfPresent(_ node: YAMLNode, share: Bool?) throws(YAMLProblem) -> TargetSchedule? {
        let single = try node.optional("target")
        let list = try node.optional("targets")
        if let single {
            if list != nil { throw single.error("give target or targets, not both") }
            return TargetSchedule([try readTargetValue(single, share: share).step(year: nil)])
        }
        guard let list else { return nil }
        var steps: [TargetSchedule.Step] = []
        for item in try list.sequence() {
            try item.allowKeys(["year", "value"])
            var year: Int?
            if let yearNode = try item.optional("year") {
                let value = try yearNode.integer()
                guard (2000...2100).contains(value) else { throw yearNode.error("'\(value)' is not a plan year") }
                guard !steps.contains(where: { $0.year == value }) else {
                    throw yearNode.error("year \(value) is given twice")
                }
                year = value
            } else if steps.contains(where: { $0.year == nil }) {
                throw item.error("only one target may go without a year")
            }
            steps.append(try readTargetValue(try item.required("value"), share: share).step(year: year))
        }
        return TargetSchedule(steps)
    }

    /// A target value checked against the kind of figure: shares 0–1, other figures 0 or more.
    /// `share` nil: the measure is not known yet (a profile's override), checked when resolved.
    private static func readTargetValue(_ node: YAMLNode, share: Bool?) throws(YAMLProblem) -> LocatedValue {
        let value = try node.number()
        try checkTarget(value, share: share, at: YAMLLocation(node))
        return LocatedValue(value: value)
    }

    static func checkTarget(_ value: Double, share: Bool?, at location: YAMLLocation) throws(YAMLProblem) {
        if share == true, !(0...1).contains(value) {
            throw location.problem("a share is between 0 and 1 (0.9 means 90 %), got \(value)")
        }
        if value < 0 { throw location.problem("a target cannot be negative, got \(value)") }
    }

    private struct LocatedValue {
        var value: Double
        func step(year: Int?) -> TargetSchedule.Step { TargetSchedule.Step(year: year, value: value) }
    }

    static func readCitations(
        _ node: YAMLNode?, required: Bool, in parent: YAMLNode
    ) throws(YAMLProblem) -> [Citation] {
        guard let node else {
            if required {
                throw parent.error(
                    "is required: every rule cites its document, clause, quote and confidence",
                    field: parent.path(of: "citations"))
            }
            return []
        }
        let items = try node.sequence()
        if required, items.isEmpty { throw node.error("needs at least one citation") }
        var citations: [Citation] = []
        for item in items {
            try item.allowKeys(["document", "clause", "quote", "confidence"])
            let confidenceNode = try item.required("confidence")
            let confidenceText = try confidenceNode.string()
            guard let confidence = Citation.Confidence(rawValue: confidenceText) else {
                throw confidenceNode.error(
                    "unknown confidence '\(confidenceText)'; use verified (✔ read in the source), "
                        + "secondary (◐ seen in a secondary source) or unverified (✱)")
            }
            citations.append(
                Citation(
                    document: try item.required("document").string(), clause: try item.required("clause").string(),
                    quote: try item.optional("quote")?.string(), confidence: confidence))
        }
        return citations
    }
}
