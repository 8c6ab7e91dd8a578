/// A calendar date without time or zone, as opening and closing dates and `--as-of` use it.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for a date that does not exist (2023-02-30) or a year outside 1000–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ways dates arrive in lists: `2023-05-01`, `2023/5/1` (Excel), `2023.5.1`,
    /// `2023年5月1日`, and a bare year `2023` (taken as 1 January).
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        var normalized = ""
        for ch in trimmed {
            switch ch {
            case "年", "月", "/", ".", "-": normalized.append("-")
            case "日": continue
            default: normalized.append(ch)
            }
        }
        let parts = normalized.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }), let year = numbers.first ?? nil, parts[0].count == 4 else {
            return nil
        }
        switch numbers.count {
        case 1: self.init(year: year, month: 1, day: 1)
        case 3: self.init(year: year, month: numbers[1]!, day: numbers[2]!)
        default: return nil
        }
    }

    /// ISO 8601, `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date like 2023-05-01"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (including the ideographic space U+3000).
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
