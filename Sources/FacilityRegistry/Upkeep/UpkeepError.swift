public import FacilityKit

/// Why an edit, a merge or a refresh of the registry cannot be made. Messages name the kind, the facility,
/// the field and the reason.
public enum UpkeepError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An edit named something that is not `field=value`.
    case assignment(String)
    /// An edit named a field the kind does not have.
    case unknownField(kind: PluginID, field: String, known: [String])
    /// A value that does not fit its field.
    case invalidValue(kind: PluginID, id: FacilityID, field: String, reason: String)
    /// A field that is not changed this way (the closing date goes through `close`).
    case notEditable(field: String, reason: String)
    /// A merge of a record with itself.
    case mergeWithItself(kind: PluginID, id: FacilityID)
    /// A refresh scoped to an admin unit the registry does not have (or that has no outline).
    case unknownAdminUnit(String, known: [String])
    case adminUnitWithoutOutline(String)

    public var description: String {
        switch self {
        case .assignment(let text):
            return "'\(text)' is not field=value (e.g. 面积=12 or 独立房间=是)"
        case .unknownField(let kind, let field, let known):
            return "kind '\(kind)' has no field '\(field)'; its fields: \(known.joined(separator: ", "))"
        case .invalidValue(let kind, let id, let field, let reason):
            return "kind '\(kind)', facility '\(id)', field '\(field)': \(reason)"
        case .notEditable(let field, let reason):
            return "field '\(field)' cannot be edited: \(reason)"
        case .mergeWithItself(let kind, let id):
            return "kind '\(kind)': cannot merge facility '\(id)' with itself; name two different ids"
        case .unknownAdminUnit(let code, let known):
            let list = known.isEmpty ? "none (import them with `lifecircle admin import`)" : known.joined(separator: ", ")
            return "no admin unit '\(code)' in the registry; its units: \(list)"
        case .adminUnitWithoutOutline(let code):
            return "admin unit '\(code)' has no outline, so what lies inside it is unknown"
        }
    }
}
