/// The text forms GeoPackage gives DATE and DATETIME values (ISO 8601, GeoPackage 1.3 Table 1).
enum DateText {
    /// `YYYY-MM-DD`, a day that exists.
    static func isDate(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            let y = number(u[0..<4]), let m = number(u[5..<7]), let d = number(u[8..<10]), (1...12).contains(m)
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    /// `YYYY-MM-DDTHH:MM:SS` with optional fractional seconds, then `Z`.
    static func isDateTime(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count >= 20, u.last == UInt8(ascii: "Z"), u[10] == UInt8(ascii: "T"),
            isDate(String(decoding: u[0..<10], as: UTF8.self)),
            u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
            let h = number(u[11..<13]), let mi = number(u[14..<16]), let s = number(u[17..<19]),
            h < 24, mi < 60, s < 61
        else { return false }
        let rest = u[19..<(u.count - 1)]
        guard let dot = rest.first else { return true }
        return dot == UInt8(ascii: ".") && rest.count > 1 && number(rest.dropFirst()) != nil
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard (1...9).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}
