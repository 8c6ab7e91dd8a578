/// Small text helpers for reading CRS text and quoting it in error messages.
extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The text on one line and at most 80 characters, for error messages that quote a WKT.
    func abbreviated() -> String {
        let line = split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
        return line.count <= 80 ? line : String(line.prefix(77)) + "..."
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
