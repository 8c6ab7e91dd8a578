extension ReportTable {
    /// The table as GitHub-flavoured Markdown lines.
    var markdownLines: [String] {
        var lines = ["| " + headers.map(Self.markdownCell).joined(separator: " | ") + " |"]
        lines.append("|" + String(repeating: "---|", count: headers.count))
        for row in rows {
            lines.append("| " + row.map(Self.markdownCell).joined(separator: " | ") + " |")
        }
        if let more { lines += ["", "_\(Self.markdownEscaped(more))_"] }
        return lines
    }

    /// A table cell: code in backticks where the text allows, else escaped text.
    private static func markdownCell(_ cell: Cell) -> String {
        let plain = !cell.text.contains { "`|".contains($0) || $0.isNewline }
        return cell.isCode && plain ? "`\(cell.text)`" : markdownCell(cell.text)
    }

    /// Text in a table cell: escaped, on one line.
    static func markdownCell(_ text: String) -> String {
        markdownEscaped(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Text with Markdown's active characters escaped, so names print as written; `#` only where it would
    /// start a heading.
    static func markdownEscaped(_ text: String, startsLine: Bool = false) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) || (character == "#" && startsLine && out.isEmpty) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
