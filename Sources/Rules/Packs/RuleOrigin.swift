public import FacilityKit

/// Where a rule was defined: a plugin, a rule pack or a plan profile (with file and line).
public enum RuleOrigin: Hashable, Sendable, CustomStringConvertible {
    case plugin(PluginID)
    case pack(name: String, file: String, line: Int)
    case profile(name: String, file: String, line: Int)

    public var description: String {
        switch self {
        case .plugin(let id): "plugin '\(id)'"
        case .pack(let name, let file, let line): "rule pack '\(name)' (\(file):\(line))"
        case .profile(let name, let file, let line): "plan profile '\(name)' (\(file):\(line))"
        }
    }
}

/// A place in a YAML file, kept with a loaded rule so later checks can point at it.
struct YAMLLocation: Hashable, Sendable {
    var file: String
    var line: Int
    var path: String

    init(_ node: YAMLNode) {
        file = node.file
        line = node.line
        path = node.path
    }

    func problem(_ reason: String) -> YAMLProblem {
        YAMLProblem(file: file, line: line, field: path, reason: reason)
    }
}

/// A rule as the catalog holds it: the rule, where it came from, and where its parts were written.
public struct RuleDefinition: Hashable, Sendable {
    public var rule: Rule
    public var origin: RuleOrigin
    /// Condition roles (see `RuleConditionSite.role`) and `supply_field` → where they were written.
    var locations: [String: YAMLLocation] = [:]

    public init(rule: Rule, origin: RuleOrigin) {
        self.rule = rule
        self.origin = origin
    }
}
