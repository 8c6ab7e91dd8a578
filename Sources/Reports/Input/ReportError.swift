/// Why a report could not be written.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON encoder refused a value.
    case cannotEncodeJSON(String)

    public var description: String {
        switch self {
        case .cannotEncodeJSON(let reason): "cannot write the report as JSON: \(reason)"
        }
    }
}
