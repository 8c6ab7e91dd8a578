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

    /// The condition as messages quote it: whole up to 80 characters, else the 80 around the column (the first 80
    /// without one), a cut end marked "…", so a 16k-character condition does not fill the screen.
    public var excerpt: String {
        let characters = Array(text)
        let width = 80
        guard characters.count > width else { return text }
        let start = max(0, min((column ?? 1) - 1 - width / 2, characters.count - width))
        let end = start + width
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }
}
