public import FacilityKit

/// What can go wrong registering plugins, loading manifests and importing lists. Messages name
/// the file, the line or row, and the field, and say why.
public enum RegistryError: Error, Sendable, CustomStringConvertible {
    case duplicatePlugin(id: PluginID, first: PluginRegistry.Origin, second: PluginRegistry.Origin)
    case incompatibleAPIVersion(id: PluginID, origin: PluginRegistry.Origin, required: Int, offered: Int)
    /// An id the registry cannot give a table (a reserved prefix).
    case invalidKindID(id: PluginID, origin: PluginRegistry.Origin, reason: String)
    case invalidSchema(id: PluginID, origin: PluginRegistry.Origin, problem: SchemaError)
    /// A rule of the plugin whose condition does not parse or reads a field the kind does not have.
    case invalidRule(id: PluginID, origin: PluginRegistry.Origin, rule: RuleID, problem: String)
    case unknownKind(String, known: [PluginID])
    /// A manifest that cannot be read: the file, the line (0 when unknown), the field path, why.
    case manifest(file: String, line: Int, field: String, reason: String)
    /// An input file that cannot be imported as a whole (no such file, unknown format, no
    /// coordinate columns, no CRS).
    case input(file: String, reason: String)
    /// Rows that failed; the import wrote nothing.
    case invalidRows(file: String, problems: [RowProblem], invalidRows: Int, total: Int)

    public var description: String {
        switch self {
        case .duplicatePlugin(let id, let first, let second):
            return "plugin '\(id)' is registered twice: by \(first) and by \(second); plugin ids must be unique"
        case .incompatibleAPIVersion(let id, let origin, let required, let offered):
            return "plugin '\(id)' (\(origin)) needs FacilityKit API version \(required), "
                + "but this lifecircle offers version \(offered)"
        case .invalidKindID(let id, let origin, let reason):
            return "plugin '\(id)' (\(origin)): field 'id': \(reason)"
        case .invalidSchema(let id, let origin, let problem):
            return "plugin '\(id)' (\(origin)) has an invalid schema: \(problem)"
        case .invalidRule(let id, let origin, let rule, let problem):
            return "plugin '\(id)' (\(origin)) has an invalid rule '\(rule)': \(problem)"
        case .unknownKind(let kind, let known):
            let list = known.isEmpty ? "none" : known.map(\.rawValue).joined(separator: ", ")
            return "unknown facility kind '\(kind)'; known kinds: \(list) (see `lifecircle plugins list`)"
        case .manifest(let file, let line, let field, let reason):
            let at = line > 0 ? "\(file):\(line)" : file
            return field.isEmpty ? "\(at): \(reason)" : "\(at): field '\(field)': \(reason)"
        case .input(let file, let reason):
            return "\(file): \(reason)"
        case .invalidRows(let file, let problems, let invalid, let total):
            let shown = problems.prefix(20).map { "  \($0)" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            return "\(file): \(invalid) of \(total) rows are invalid; nothing was imported "
                + "(use --skip-invalid to import the valid rows and write the rejects to a file):\n\(shown)\(more)"
        }
    }
}

/// One bad row of an input file: where, which field, why.
public struct RowProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The physical line (CSV) or feature number (GeoJSON, GeoPackage), 1-based.
    public var row: Int
    public var field: String
    public var reason: String
    /// "line" for text files, "feature" for feature files.
    public var rowLabel: String

    public init(row: Int, field: String, reason: String, rowLabel: String = "line") {
        self.row = row
        self.field = field
        self.reason = reason
        self.rowLabel = rowLabel
    }

    public var description: String { "\(rowLabel) \(row), field '\(field)': \(reason)" }
}
