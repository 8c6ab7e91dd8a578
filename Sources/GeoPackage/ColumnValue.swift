import Foundation
public import GeoCore

/// One value of a user column. Dates and date-times are text in the GeoPackage formats
/// (`2023-05-01`, `2023-05-01T08:30:00.000Z`), checked when written to a DATE or DATETIME column.
public enum ColumnValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let i): String(i)
        case .real(let r): String(r)
        case .text(let t): "'\(t)'"
        case .boolean(let b): b ? "true" : "false"
        case .blob(let b): "<\(b.count) bytes>"
        }
    }

    /// The text of a text value; nil otherwise.
    public var textValue: String? { if case .text(let t) = self { t } else { nil } }

    /// The value as a JSON property: numbers, strings, booleans; a blob has no JSON form and reads as null.
    public var jsonValue: JSONValue {
        switch self {
        case .null, .blob: .null
        case .integer(let i): .number(Double(i))
        case .real(let r): .number(r)
        case .text(let t): .string(t)
        case .boolean(let b): .bool(b)
        }
    }

    /// A JSON property as a value for a column of the type, or why it does not fit.
    public static func from(_ json: JSONValue, for type: ColumnType) -> Result<ColumnValue, GeoPackageError> {
        func unfit(_ what: String) -> Result<ColumnValue, GeoPackageError> {
            .failure(GeoPackageError(.invalidValue, "\(what) does not fit a \(type.rawValue) column"))
        }
        switch (type, json) {
        case (_, .null): return .success(.null)
        case (.integer, .number(let n)):
            guard n.rounded() == n, abs(n) < 9.2e18 else { return unfit("\(n), not a whole number,") }
            return .success(.integer(Int64(n)))
        case (.integer, .bool(let b)): return .success(.integer(b ? 1 : 0))
        case (.real, .number(let n)): return .success(.real(n))
        case (.boolean, .bool(let b)): return .success(.boolean(b))
        case (.boolean, .number(let n)) where n == 0 || n == 1: return .success(.boolean(n == 1))
        case (.text, .string(let s)), (.date, .string(let s)), (.dateTime, .string(let s)):
            return .success(.text(s))
        case (.text, .number), (.text, .bool):
            return .success(.text(json.cellText ?? ""))
        case (.text, .array), (.text, .object):
            return .success(.text(json.compactJSONText))
        default:
            return unfit("the value \(json.compactJSONText)")
        }
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys, for values stored in text columns and for messages.
    var compactJSONText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
