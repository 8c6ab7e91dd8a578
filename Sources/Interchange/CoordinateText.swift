import Foundation

/// Reads the number in a coordinate cell the way people type them in Chinese spreadsheets.
public enum CoordinateText {
    /// The number in `text`. Accepts:
    /// - decimal numbers with surrounding spaces, `113.25`, `-23.5`, `3.85E+07`;
    /// - full-width characters from a Chinese input method: `１１３．２５`, `－２３.５`, `113。25`;
    /// - a decimal comma when there is no point, `-46,6079` (as Brazilian or German Excel writes);
    /// - a hemisphere before or after: `113.25E`, `S 23.5`, `东经113.25`, `北纬23.1` (S, W, 南, 西 negate);
    /// - degrees, minutes and seconds: `113°15′30″`, `113度15分30秒`, `23°30'N`.
    ///
    /// Otherwise throws `InterchangeError.invalidCoordinate` saying why, located at `location`.
    public static func parse(_ text: String, at location: CellLocation? = nil) throws(InterchangeError) -> Double {
        do {
            return try number(in: text)
        } catch {
            throw .invalidCoordinate(text: text, reason: error.reason, location: location)
        }
    }

    /// Why a text is not a coordinate number.
    private struct Failure: Error {
        var reason: String
    }

    private static func number(in text: String) throws(Failure) -> Double {
        var body = Substring(halfWidth(text).trimmingCharacters(in: .whitespacesAndNewlines))
        guard !body.isEmpty else { throw Failure(reason: "the cell is empty") }
        let negated = hemisphereNegates(stripping: &body)
        body = Substring(body.trimmingCharacters(in: .whitespacesAndNewlines))
        let value =
            body.contains(where: { dmsMarks.contains($0) }) ? try degreesMinutesSeconds(body) : try decimal(body)
        guard let negated else { return value }
        guard !body.hasPrefix("-") && !body.hasPrefix("+") else {
            throw Failure(reason: "give either a sign or a hemisphere, not both")
        }
        return negated ? -value : value
    }

    /// Full-width digits, signs and points (and a few look-alikes) as their ASCII forms, and the
    /// Chinese degree, minute and second words as symbols.
    private static func halfWidth(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: out.append(" ")
            case 0x2212, 0x2012, 0x2013, 0xFE63: out.append("-")
            case 0x3002: out.append(".")
            case 0x2032, 0x2019, 0x5206: out.append("'")  // ′ ’ 分
            case 0x2033, 0x201D, 0x79D2: out.append("\"")  // ″ ” 秒
            case 0x5EA6, 0x00BA: out.append("°")  // 度 º
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static let dmsMarks: Set<Character> = ["°", "'", "\""]

    /// Removes a hemisphere word or letter at either end; true when it points south or west,
    /// nil when there is none.
    private static func hemisphereNegates(stripping body: inout Substring) -> Bool? {
        let words: [(String, Bool)] = [
            ("东经", false), ("西经", true), ("北纬", false), ("南纬", true),
            ("东", false), ("西", true), ("北", false), ("南", true),
            ("E", false), ("W", true), ("N", false), ("S", true),
        ]
        for (word, negates) in words {
            if body.prefix(word.count).uppercased() == word {
                body = body.dropFirst(word.count)
                return negates
            }
            // At the very end an E cannot be an exponent, which needs digits after it.
            if body.suffix(word.count).uppercased() == word {
                body = body.dropLast(word.count)
                return negates
            }
        }
        return nil
    }

    /// `[-]d°[m'[s"]]`, where the last part may lack its mark.
    private static func degreesMinutesSeconds(_ body: Substring) throws(Failure) -> Double {
        var parts: [Double] = []
        var current = Substring()
        var sign = 1.0
        var rest = body
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        let order: [Character] = ["°", "'", "\""]
        for character in rest {
            if let slot = order.firstIndex(of: character) {
                guard slot == parts.count else {
                    throw Failure(reason: "degrees, minutes and seconds must come in that order, each once")
                }
                parts.append(try decimal(current))
                current = Substring()
            } else {
                current.append(character)
            }
        }
        if !current.allSatisfy(\.isWhitespace) {
            guard parts.count < order.count else { throw Failure(reason: "text follows the seconds") }
            parts.append(try decimal(current))
        }
        guard let degrees = parts.first else { throw Failure(reason: "no degrees before the minutes") }
        for (value, name) in zip(parts.dropFirst(), ["minutes", "seconds"]) where !(0..<60).contains(value) {
            throw Failure(reason: "\(name) must be at least 0 and less than 60")
        }
        let minutes = parts.count > 1 ? parts[1] : 0
        let seconds = parts.count > 2 ? parts[2] : 0
        return sign * (degrees + minutes / 60 + seconds / 3600)
    }

    /// A plain decimal number, a lone comma taken as the decimal point.
    private static func decimal(_ raw: Substring) throws(Failure) -> Double {
        var text = String(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !text.isEmpty else { throw Failure(reason: "a number is missing") }
        let commas = text.count(where: { $0 == "," })
        if commas == 1 && !text.contains(".") {
            text = text.replacingOccurrences(of: ",", with: ".")
        } else if commas > 0 {
            throw Failure(
                reason: holdsTwoNumbers(text)
                    ? twoNumbers : "write the number without thousands separators, with '.' for decimals")
        }
        let allowed = Set("0123456789.+-eE")
        if let bad = text.first(where: { !allowed.contains($0) }) {
            throw Failure(reason: holdsTwoNumbers(text) ? twoNumbers : "'\(bad)' cannot be part of a number")
        }
        guard let value = Double(text) else { throw Failure(reason: "it is not a number") }
        guard value.isFinite else { throw Failure(reason: "it is too large") }
        return value
    }

    private static let twoNumbers = "it holds two numbers; put longitude and latitude in separate columns"

    /// Whether the text is two decimal numbers side by side, as in `113.26,23.13` copied from a map
    /// picker (`1,234.5` is not: one side has no decimal point).
    private static func holdsTwoNumbers(_ text: String) -> Bool {
        let parts = text.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        return parts.count == 2 && parts.allSatisfy { $0.contains(".") && Double($0) != nil }
    }
}
