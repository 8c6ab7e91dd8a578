public import FacilityKit

/// What can go wrong loading rule packs and plan profiles and resolving a profile's rules.
/// Mistakes in files name the file, the line and the field.
public enum RuleError: Error, Sendable, CustomStringConvertible {
    /// A mistake at a place in a YAML file.
    case file(YAMLProblem)
    /// Two definitions of one rule id.
    case duplicateRule(RuleID, first: RuleOrigin, second: RuleOrigin)
    /// Two packs (or two profiles) with one name.
    case duplicateName(kind: String, name: String, first: String, second: String)
    /// A plugin's rule whose condition does not parse or reads a field its kind does not have.
    case invalidPluginRule(RuleID, plugin: PluginID, role: String, problem: ConditionError)
    /// A folder that cannot be listed.
    case unreadableFolder(String)
    /// `--profile NAME` names no profile in the folder.
    case unknownProfile(String, folder: String, known: [String])

    public var description: String {
        switch self {
        case .file(let problem):
            return problem.description
        case .duplicateRule(let id, let first, let second):
            return "rule '\(id)' is defined twice: by \(first) and by \(second); rule ids must be unique "
                + "(a profile changes a rule with 'use: \(id)', it does not define it again)"
        case .duplicateName(let kind, let name, let first, let second):
            return "\(kind) '\(name)' is defined twice: in \(first) and in \(second)"
        case .invalidPluginRule(let id, let plugin, let role, let problem):
            return "rule '\(id)' of plugin '\(plugin)', \(role): \(problem)"
        case .unreadableFolder(let folder):
            return "\(folder): the folder cannot be read"
        case .unknownProfile(let name, let folder, let known):
            let near = NearNames.closest(to: name, among: known)
            let hint = near.isEmpty ? "" : " (did you mean '\(near[0])'?)"
            return "no plan profile '\(name)' in \(folder)\(hint); known profiles: "
                + (known.isEmpty ? "none" : known.joined(separator: ", "))
        }
    }
}
