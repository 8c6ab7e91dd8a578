/// One CSV record and the 1-based physical line it starts on.
struct CSVRecord: Hashable, Sendable {
    var line: Int
    var fields: [String]
}

/// An RFC 4180 reader over UTF-8 text, fed a chunk at a time, so memory holds one record and not the
/// file. Hand-written rather than taken from a library because error messages need the physical line
/// where each record starts, which counts the newlines inside quoted fields.
///
/// Accepts CRLF, LF and (old Mac) CR line ends, quoted fields with doubled quotes and embedded line
/// breaks, and skips blank lines. Like Excel and Python's `csv`, it keeps a stray quote inside an
/// unquoted field, or text after a closing quote, as literal characters. The delimiter is the one
/// the header line uses most (see `detectDelimiter`), so the first line is held until it ends.
/// A NUL character (a binary file, or UTF-16 without a byte order mark) stops it at its line, and so
/// does a record longer than `maximumRecordBytes`.
struct CSVParser {
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// The longest record read: far beyond any table a person keeps, and it bounds the memory a
    /// file without line breaks can take.
    static let maximumRecordBytes = 16 << 20

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    let file: String
    private(set) var delimiter: CSVDelimiter?
    /// The start of the text, held until the header line ends and the delimiter is known.
    private var header: [UInt8] = []
    private var headerQuoted = false

    private var fields: [String] = []
    private var field: [UInt8] = []
    private var state = State.fieldStart
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var recordHasContent = false
    /// A CR just ended a line (or was kept in a quoted field): a LF right after belongs to it.
    private var afterCR = false

    init(file: String) {
        self.file = file
    }

    /// The delimiter of the header line: whichever of comma, semicolon and tab occurs most often
    /// outside quotes (comma on a tie or when none does).
    static func detectDelimiter(inHeader bytes: some Sequence<UInt8>) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var quoted = false
        for byte in bytes {
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

    /// Reads the next UTF-8 bytes, handing each record completed in them to `emit`.
    mutating func feed(_ bytes: [UInt8], emit: (CSVRecord) throws -> Void) throws {
        guard delimiter != nil else {
            // Until the header line ends outside quotes, only collect (a NUL ends it too, to be refused
            // at once).
            var end: Int?
            for (i, byte) in bytes.enumerated() {
                if byte == Self.quote { headerQuoted.toggle() }
                if byte == 0 || (!headerQuoted && (byte == Self.cr || byte == Self.lf)) {
                    end = i
                    break
                }
            }
            header.append(contentsOf: bytes)
            guard end != nil else {
                if header.count > Self.maximumRecordBytes { throw tooLong() }
                return
            }
            let held = header
            header = []
            self.delimiter = Self.detectDelimiter(inHeader: held)
            try parse(held, emit: emit)
            return
        }
        try parse(bytes, emit: emit)
    }

    /// Ends the text: the last record, or the error of a quote left open.
    mutating func finish(emit: (CSVRecord) throws -> Void) throws {
        if delimiter == nil {
            let held = header
            header = []
            delimiter = Self.detectDelimiter(inHeader: held)
            try parse(held, emit: emit)
        }
        if state == .quoted { throw InterchangeError.unterminatedQuote(file: file, line: quoteLine) }
        if recordHasContent { try endRecord(emit: emit) }
    }

    private func tooLong() -> InterchangeError {
        .recordTooLong(file: file, line: recordLine, limit: Self.maximumRecordBytes)
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(emit: (CSVRecord) throws -> Void) throws {
        endField()
        let record = CSVRecord(line: recordLine, fields: fields)
        fields.removeAll(keepingCapacity: true)
        try emit(record)
    }

    private mutating func parse(_ bytes: [UInt8], emit: (CSVRecord) throws -> Void) throws {
        let delimiter = delimiter!.byte
        for byte in bytes {
            if byte == 0 { throw InterchangeError.nulCharacter(file: file, line: line) }
            let lineFeedAfterCR = afterCR && byte == Self.lf
            afterCR = false
            if state == .quoted {
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    field.append(byte)
                    if byte == Self.cr { afterCR = true }
                    if byte == Self.cr || (byte == Self.lf && !lineFeedAfterCR) { line += 1 }
                }
                continue
            }
            if byte == Self.cr || byte == Self.lf {
                if lineFeedAfterCR { continue }
                if byte == Self.cr { afterCR = true }
                if recordHasContent { try endRecord(emit: emit) }
                line += 1
                recordLine = line
                recordHasContent = false
                state = .fieldStart
                continue
            }
            recordHasContent = true
            switch state {
            case .fieldStart where byte == Self.quote:
                state = .quoted
                quoteLine = line
            case .quoteInQuoted where byte == Self.quote:
                field.append(Self.quote)
                state = .quoted
            case _ where byte == delimiter:
                endField()
                state = .fieldStart
            default:
                field.append(byte)
                state = .unquoted
            }
        }
        // Bytes since the record started, counted per chunk: a record spanning many chunks is refused
        // once it passes the bound.
        if recordHasContent || state == .quoted {
            if fields.reduce(field.count, { $0 + $1.utf8.count }) > Self.maximumRecordBytes { throw tooLong() }
        }
    }
}
