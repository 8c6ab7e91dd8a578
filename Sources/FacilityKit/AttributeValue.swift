/// One attribute value of a facility. A missing value is the absence of a key, not a case.
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case date(CivilDate)

    public var description: String {
        switch self {
        case .integer(let i): String(i)
        case .real(let r): String(r)
        case .text(let t): t
        case .boolean(let b): b ? "true" : "false"
        case .date(let d): d.description
        }
    }

    /// The value as a number, for ranges and rules: integers and reals; nil otherwise.
    public var numericValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .real(let r): r
        default: nil
        }
    }
}
