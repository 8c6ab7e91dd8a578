/// A mistake in a YAML file (a rule pack, a plan profile, a manifest plugin): the file, the line
/// (0 when unknown), the field path (`rules[3].within_m`), and why.
public struct YAMLProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String
    public var reason: String

    public init(file: String, line: Int, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field 'rules[3].within_m': expected a number, got 'far'`.
    public var description: String {
        let at = line > 0 ? "\(file):\(line)" : file
        return field.isEmpty ? "\(at): \(reason)" : "\(at): field '\(field)': \(reason)"
    }
}
