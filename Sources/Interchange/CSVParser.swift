/// One CSV record and the 1-based physical line it starts on.
struct CSVRecord: Hashable, Sendable {
    var line: Int
    var fields: [String]
}

/// An RFC 4180 reader over UTF-8 text. Hand-written rather than taken from a library because error
/// messages need the physical line where each record starts, which counts the newlines inside
/// quoted fields.
///
/// Accepts CRLF, LF and (old Mac) CR line ends, quoted fields with doubled quotes and embedded line
/// breaks, and skips blank lines. Like Excel and Python's `csv`, it keeps a stray quote inside an
/// unquoted field, or text after a closing quote, as literal characters.
enum CSVParser {
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// The delimiter of the header line: whichever of comma, semicolon and tab occurs most often
    /// outside quotes (comma on a tie or when none does).
    static func detectDelimiter(in text: String) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var quoted = false
        for byte in text.utf8 {
            if byte == quote {
                quoted.toggle()
            } else if !quoted {
                if byte == cr || byte == lf { break }
                if let delimiter = CSVDelimiter.allCases.first(where: { $0.byte == byte }) {
                    counts[delimiter, default: 0] += 1
                }
            }
        }
        // `allCases` lists comma first, so `max` keeps the earlier case on a tie.
        return CSVDelimiter.allCases.max { counts[$0, default: 0] < counts[$1, default: 0] } ?? .comma
    }

    /// Every record of `text`, in order.
    static func records(in text: String, delimiter: CSVDelimiter, file: String) throws(InterchangeError)
        -> [CSVRecord]
    {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(InterchangeError) in try records(in: bytes, delimiter: delimiter.byte, file: file) }
        }
        return try result.get()
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static func records(in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, file: String)
        throws(InterchangeError) -> [CSVRecord]
    {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var recordHasContent = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }

        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let isCRLF = byte == cr && i + 1 < bytes.count && bytes[i + 1] == lf
            if state == .quoted {
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    field.append(byte)
                    if byte == lf || (byte == cr && !isCRLF) { line += 1 }
                }
                i += 1
                continue
            }
            if byte == cr || byte == lf {
                if recordHasContent { endRecord() }
                line += 1
                recordLine = line
                recordHasContent = false
                state = .fieldStart
                i += isCRLF ? 2 : 1
                continue
            }
            recordHasContent = true
            switch state {
            case .fieldStart where byte == quote:
                state = .quoted
                quoteLine = line
            case .quoteInQuoted where byte == quote:
                field.append(quote)
                state = .quoted
            case _ where byte == delimiter:
                endField()
                state = .fieldStart
            default:
                field.append(byte)
                state = .unquoted
            }
            i += 1
        }
        if state == .quoted { throw .unterminatedQuote(file: file, line: quoteLine) }
        if recordHasContent { endRecord() }
        return records
    }
}
