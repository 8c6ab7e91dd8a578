/// Why a floating-catchment run cannot start: a parameter out of range, or a facility or demand place whose
/// numbers are not usable (named by its position in the list and its id).
public enum FloatingCatchmentError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidParameter(String)
    case invalidSupply(index: Int, id: String, reason: String)
    case invalidDemand(index: Int, id: String, reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let reason): reason
        case .invalidSupply(let index, let id, let reason): "facility #\(index + 1) '\(id)': \(reason)"
        case .invalidDemand(let index, let id, let reason): "demand place #\(index + 1) '\(id)': \(reason)"
        }
    }
}
