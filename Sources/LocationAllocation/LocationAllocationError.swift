/// What can be wrong with a location-allocation problem as given: the messages name the array, the index
/// and the value, and say why.
public enum LocationAllocationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An argument or an element of the problem's arrays that cannot be used.
    case invalidProblem(String)
    /// A solver parameter out of range (p ≤ 0, a share outside 0…1).
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .invalidProblem(let reason): "invalid location-allocation problem: \(reason)"
        case .invalidParameter(let reason): reason
        }
    }
}
