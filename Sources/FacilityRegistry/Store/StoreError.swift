public import FacilityKit

/// Why the facility store refused a request. Messages name the kind, the facility id, the field
/// and the reason.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The registry has no table for the kind.
    case unknownKind(PluginID, known: [PluginID])
    /// The kind is in the registry but was not prepared with its plugin in this session.
    case unpreparedKind(PluginID)
    /// The id cannot name a kind's table (reserved prefix), or a table of that name is not a kind.
    case invalidKind(PluginID, reason: String)
    /// The plugin's schema cannot use the table the registry has for the kind.
    case schemaChanged(kind: PluginID, field: String, reason: String)
    /// The facility id is taken (`inBatch`: listed twice in the same batch).
    case duplicateID(kind: PluginID, id: FacilityID, inBatch: Bool)
    case notFound(kind: PluginID, id: FacilityID)
    /// A record that cannot be stored: which field, and why.
    case invalidRecord(kind: PluginID, id: FacilityID, field: String, reason: String)
    /// A query that cannot be answered (e.g. a point that is not a longitude/latitude).
    case invalidQuery(reason: String)
    /// The registry file could not be read or written.
    case storage(path: String, reason: String)
    /// Another program held the registry's lock longer than the busy timeout; trying again later may work.
    case busy(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKind(let kind, let known):
            let list = known.isEmpty ? "none" : known.map(\.rawValue).joined(separator: ", ")
            return "unknown kind '\(kind)': the registry has no table for it; known kinds: \(list)"
        case .unpreparedKind(let kind):
            return "kind '\(kind)': the registry has it, but its plugin was not prepared in this session "
                + "(prepare(kind:schema:) before writing)"
        case .invalidKind(let kind, let reason):
            return "kind '\(kind)': \(reason)"
        case .schemaChanged(let kind, let field, let reason):
            return "kind '\(kind)', field '\(field)': the registry's table does not fit the plugin's schema: \(reason)"
        case .duplicateID(let kind, let id, let inBatch):
            return inBatch
                ? "kind '\(kind)': facility id '\(id)' is listed more than once; ids must be unique"
                : "kind '\(kind)': facility id '\(id)' is already in the registry"
        case .notFound(let kind, let id):
            return "kind '\(kind)': no facility with id '\(id)'"
        case .invalidRecord(let kind, let id, let field, let reason):
            return "kind '\(kind)', facility '\(id)', field '\(field)': \(reason)"
        case .invalidQuery(let reason):
            return "invalid query: \(reason)"
        case .storage(let path, let reason), .busy(let path, let reason):
            return "registry \(path): \(reason)"
        }
    }
}
