/// A plain-text table for the terminal and for pasting into reports. Columns are padded by
/// display width, so Chinese characters (two cells wide) line up.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func render() -> String {
        let columns = header.count
        var widths = header.map(Self.displayWidth)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], Self.displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.prefix(columns).enumerated().map { i, cell in
                i == columns - 1 ? cell : cell + String(repeating: " ", count: widths[i] - Self.displayWidth(cell))
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// Terminal cells: two for East Asian wide and full-width characters, one otherwise.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                width
            default:
                width + 1
            }
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
