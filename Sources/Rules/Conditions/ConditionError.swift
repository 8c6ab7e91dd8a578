/// A condition that does not parse or does not fit the fields it reads, with the column (1-based,
/// in characters) where the problem is: "column 17: expected a value after '*'".
public struct ConditionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The condition as written.
    public var text: String
    /// Where the problem starts; nil when it concerns the whole condition.
    public var column: Int?
    public var message: String

    public init(text: String, column: Int?, message: String) {
        self.text = text
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { return "column \(column): \(message)" }
        return message
    }
}
