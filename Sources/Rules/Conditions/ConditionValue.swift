/// What a condition, or a part of it, evaluates to. Enum values are texts.
public enum ConditionValue: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// A field it depends on is missing (or holds a value of the wrong type).
    case unknown

    /// True only for `.boolean(true)`: an unknown result never counts as met.
    public var isTrue: Bool { self == .boolean(true) }
    public var isFalse: Bool { self == .boolean(false) }
    public var isUnknown: Bool { self == .unknown }

    public var description: String {
        switch self {
        case .number(let number): ConditionToken.format(number)
        case .text(let text): "'\(text)'"
        case .boolean(let boolean): boolean ? "true" : "false"
        case .unknown: "unknown"
        }
    }
}
