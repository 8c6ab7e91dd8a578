/// What can go wrong reading or writing a user's file. Every message names the file and, where there
/// is one, the line and the column, and says why.
public enum InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotRead(file: String, reason: String)
    /// The file could not be written; nothing was left half-written.
    case cannotWrite(file: String, reason: String)
    /// The file is gzip-compressed (recognised by its first bytes, whatever its name) and cannot be inflated:
    /// it is corrupt or truncated.
    case badCompression(file: String, reason: String)
    /// The file holds no data at all (not even a header).
    case emptyFile(file: String)
    /// The user asked for UTF-8 and the bytes are not UTF-8. `looksLikeGBK` when they decode as GB18030.
    case notUTF8(file: String, line: Int, byte: UInt8, looksLikeGBK: Bool)
    /// The bytes are not valid in `encoding` (for `.auto`: neither UTF-8 nor GB18030).
    case undecodableText(file: String, encoding: TextEncoding, line: Int, byte: UInt8)
    /// The system cannot convert from `encoding` (glibc's iconv lacks the converter).
    case encodingUnavailable(TextEncoding, reason: String)
    /// A NUL character: not a text file, or UTF-16 without a byte order mark.
    case nulCharacter(file: String, line: Int)
    /// A quoted field opened on `line` never closes.
    case unterminatedQuote(file: String, line: Int)
    /// The record starting on `line` is longer than `limit` bytes: not a table a person keeps (a file
    /// without line breaks, or a quote that never closes).
    case recordTooLong(file: String, line: Int, limit: Int)
    /// The record starting on `line` has more fields than the header.
    case tooManyFields(file: String, line: Int, expected: Int, found: Int)
    /// The header's column `column` (1-based) has no name.
    case emptyColumnName(file: String, column: Int)
    /// Two or more header columns (1-based positions) share a name.
    case duplicateColumnName(file: String, name: String, columns: [Int])
    /// A column the caller needs is not in the header.
    case missingColumn(file: String, column: String, available: [String])
    /// A cell that should hold a coordinate number does not; `location` is nil when the text came
    /// from elsewhere than a table.
    case invalidCoordinate(text: String, reason: String, location: CellLocation?)
    /// The GeoJSON file is not valid; `reason` names the place in the document.
    case invalidGeoJSON(file: String, reason: String)

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason):
            "cannot read \(file): \(reason)"
        case .cannotWrite(let file, let reason):
            "cannot write \(file): \(reason)"
        case .badCompression(let file, let reason):
            "cannot read \(file): it is gzip-compressed, and \(reason)"
        case .emptyFile(let file):
            "\(file) is empty: expected a header line with column names"
        case .notUTF8(let file, let line, let byte, true):
            "\(file), line \(line): byte \(Self.hex(byte)) is not valid UTF-8. The file looks like GBK (GB18030), "
                + "as Excel in China saves CSV; use --encoding gbk, or --encoding auto to detect it"
        case .notUTF8(let file, let line, let byte, false):
            "\(file), line \(line): byte \(Self.hex(byte)) is not valid UTF-8, nor is the file GBK (GB18030); "
                + "save it as UTF-8 (in Excel: \"CSV UTF-8\")"
        case .undecodableText(let file, .auto, let line, let byte):
            "\(file), line \(line): byte \(Self.hex(byte)) is neither UTF-8 nor GBK (GB18030); "
                + "save the file as UTF-8 (in Excel: \"CSV UTF-8\")"
        case .undecodableText(let file, let encoding, let line, let byte):
            "\(file), line \(line): byte \(Self.hex(byte)) is not valid \(encoding.displayName); "
                + "check the file's encoding, or use --encoding auto"
        case .encodingUnavailable(let encoding, let reason):
            "cannot decode \(encoding.displayName) on this system: \(reason)"
        case .nulCharacter(let file, let line):
            "\(file), line \(line): contains a NUL character; it is not a text file, "
                + "or it is UTF-16 without a byte order mark (save it as UTF-8)"
        case .unterminatedQuote(let file, let line):
            "\(file), line \(line): a quoted field opens here and never closes (a missing \")"
        case .recordTooLong(let file, let line, let limit):
            "\(file), line \(line): the record starting here is longer than \(limit >> 20) MiB; "
                + "it is not a table (no line breaks, or a quote that never closes?)"
        case .tooManyFields(let file, let line, let expected, let found):
            "\(file), line \(line): \(found) fields but the header has \(expected) columns "
                + "(an unquoted delimiter inside a value?)"
        case .emptyColumnName(let file, let column):
            "\(file), line 1: column \(column) of the header has no name"
        case .duplicateColumnName(let file, let name, let columns):
            "\(file), line 1: columns \(columns.map(String.init).joined(separator: " and ")) "
                + "of the header are both named \"\(name)\""
        case .missingColumn(let file, let column, let available):
            "\(file) has no column \"\(column)\" (columns: \(available.joined(separator: ", ")))"
        case .invalidCoordinate(let text, let reason, let location?):
            "\(location): \"\(text)\" is not a coordinate: \(reason)"
        case .invalidCoordinate(let text, let reason, nil):
            "\"\(text)\" is not a coordinate: \(reason)"
        case .invalidGeoJSON(let file, let reason):
            "\(file): \(reason)"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }
}
