public import FacilityKit
public import Foundation

/// Every rule a run knows: those of the registered plugins and those of the rule packs, each id
/// once. A plan profile is resolved against it into the ordered list of rules to check.
public struct RuleCatalog: Sendable {
    public let packs: [RulePack]
    private var definitions: [RuleID: RuleDefinition] = [:]
    /// Ids in the order they were gathered: plugins (by plugin id), then packs.
    private var order: [RuleID] = []

    /// Gathers the plugins' rules and the packs' rules; an id defined twice is refused with both origins.
    public init(pluginRules: [PluginID: [Rule]], packs: [RulePack]) throws(RuleError) {
        self.packs = packs
        for plugin in pluginRules.keys.sorted() {
            for rule in pluginRules[plugin] ?? [] {
                try add(RuleDefinition(rule: rule, origin: .plugin(plugin)))
            }
        }
        for pack in packs {
            for definition in pack.definitions { try add(definition) }
        }
    }

    /// The plugins' rules and the packs in a folder (`GeoData/rules/`).
    public init(pluginRules: [PluginID: [Rule]], packsIn folder: URL) throws(RuleError) {
        try self.init(pluginRules: pluginRules, packs: try RulePack.loadAll(in: folder))
    }

    private mutating func add(_ definition: RuleDefinition) throws(RuleError) {
        let id = definition.rule.id
        if let existing = definitions[id] {
            throw .duplicateRule(id, first: existing.origin, second: definition.origin)
        }
        definitions[id] = definition
        order.append(id)
    }

    /// Every rule, plugins' first.
    public var rules: [Rule] { order.compactMap { definitions[$0]?.rule } }

    public func rule(_ id: RuleID) -> Rule? { definitions[id]?.rule }

    public func definition(_ id: RuleID) -> RuleDefinition? { definitions[id] }

    /// The profile's rules in order: its own entries, then the rules of the packs it extends that
    /// it does not use itself. Checks that every `use:` and `extends:` name exists, that changed
    /// values fit the rule, that no id appears twice, and that every condition reads only fields
    /// of its kind. `knownFields` gives the fields of each registered kind, derived ones included;
    /// a kind missing from it is allowed here and reported as not evaluable by the check.
    public func resolve(_ profile: PlanProfile, knownFields: [PluginID: Set<String>]) throws(RuleError) -> [Rule] {
        do throws(YAMLProblem) {
            var resolved: [RuleDefinition] = []
            var reused: Set<RuleID> = []
            for entry in profile.entries {
                switch entry {
                case .use(let ids, let overrides):
                    for id in ids {
                        guard let base = definitions[id] else {
                            throw overrides.location.problem(unknownRuleMessage(id)).atField("use")
                        }
                        reused.insert(id)
                        resolved.append(
                            try overrides.apply(
                                to: base,
                                origin: .profile(
                                    name: profile.id, file: profile.file, line: overrides.location.line)))
                    }
                case .inline(let definition):
                    if let existing = definitions[definition.rule.id] {
                        throw YAMLProblem(
                            file: profile.file, line: definition.origin.line, field: "",
                            reason: "rule '\(definition.rule.id)' is already defined by \(existing.origin); "
                                + "reuse it with use: \(definition.rule.id), or give this rule its own id")
                    }
                    resolved.append(definition)
                }
            }
            for name in profile.extends {
                guard let pack = packs.first(where: { $0.name == name }) else {
                    let near = NearNames.closest(to: name, among: packs.map(\.name))
                    let hint = near.isEmpty ? "" : " (did you mean '\(near[0])'?)"
                    throw (profile.extendsLocation ?? profile.location).problem(
                        "no rule pack '\(name)'\(hint); packs: \(packs.map(\.name).joined(separator: ", "))")
                }
                resolved += pack.definitions.filter { !reused.contains($0.rule.id) }
            }
            try refuseRepeatedIDs(resolved)
            for definition in resolved { try check(definition, knownFields: knownFields) }
            return resolved.map(\.rule)
        } catch {
            throw .file(error)
        }
    }

    private func unknownRuleMessage(_ id: RuleID) -> String {
        let near = NearNames.closest(to: id.rawValue, among: order.map(\.rawValue))
        let hint = near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?"
        return "no rule '\(id)' in the plugins or rule packs\(hint)"
    }

    private func refuseRepeatedIDs(_ resolved: [RuleDefinition]) throws(YAMLProblem) {
        var seen: [RuleID: RuleOrigin] = [:]
        for definition in resolved {
            let id = definition.rule.id
            if let first = seen[id] {
                throw YAMLProblem(
                    file: definition.origin.file ?? "", line: definition.origin.line, field: "",
                    reason: "rule '\(id)' appears twice in the profile (first from \(first)); "
                        + "give the second one its own id (use: … with id: …)")
            }
            seen[id] = definition.origin
        }
    }

    /// Conditions read only fields the kind has; `supply_field` is one of them.
    private func check(_ definition: RuleDefinition, knownFields: [PluginID: Set<String>]) throws(YAMLProblem) {
        let rule = definition.rule
        for site in rule.conditionSites {
            do throws(ConditionError) {
                let expression = try ConditionExpression(parsing: site.condition)
                if let fields = knownFields[site.kind] { try expression.check(against: fields) }
            } catch {
                throw problem(in: definition, role: site.role, "\(error) in \"\(error.excerpt)\"")
            }
        }
        if case .perCapita(let filter, let supply?, _, _, _, _) = rule.measure, let fields = knownFields[filter.kind],
            !fields.contains(supply)
        {
            let near = NearNames.closest(to: supply, among: fields)
            let hint = near.isEmpty ? "" : " (did you mean '\(near[0])'?)"
            throw problem(
                in: definition, role: "supply_field",
                "'\(supply)' is not a field of \(filter.kind)\(hint); the fields are: \(fields.sorted().joined(separator: ", "))"
            )
        }
    }

    /// A problem at the place a part of a rule was written, or at the rule when it came from a plugin.
    private func problem(in definition: RuleDefinition, role: String, _ reason: String) -> YAMLProblem {
        if let location = definition.locations[role] { return location.problem(reason) }
        return YAMLProblem(
            file: definition.origin.file ?? "", line: definition.origin.line, field: role,
            reason: "rule '\(definition.rule.id)' (from \(definition.origin)): \(reason)")
    }
}

extension RuleOrigin {
    var file: String? {
        switch self {
        case .plugin: nil
        case .pack(_, let file, _), .profile(_, let file, _): file
        }
    }

    var line: Int {
        switch self {
        case .plugin: 0
        case .pack(_, _, let line), .profile(_, _, let line): line
        }
    }
}

extension YAMLProblem {
    /// The same problem reported at a key below its field.
    func atField(_ key: String) -> YAMLProblem {
        var copy = self
        copy.field = field.isEmpty ? key : "\(field).\(key)"
        return copy
    }
}
