public import Foundation

/// A CSV file's table: its header, its rows with the line each starts on, and how it was encoded.
///
/// Reading follows RFC 4180 (see `CSVParser`), detects the delimiter (comma, semicolon or tab) from
/// the header line, and decodes UTF-8, GBK/GB18030 and UTF-16 as `TextEncoding` describes. Header
/// names are trimmed and must be non-empty and distinct. Rows with fewer fields than the header are
/// padded with empty strings; rows with more are an error.
public struct CSVTable: Hashable, Sendable {
    public let header: [String]
    public let rows: [CSVRow]
    /// The encoding the file turned out to be in (never `.auto`).
    public let encoding: TextEncoding
    public let delimiter: CSVDelimiter
    /// The file as error messages name it.
    public let file: String

    /// Reads a CSV file; a gzip-compressed one (`.csv.gz`) is inflated as it is read. The file is
    /// read a chunk at a time: memory holds the rows, not the file's bytes.
    public static func read(contentsOf url: URL, encoding: TextEncoding = .auto) throws(InterchangeError) -> CSVTable {
        try CSVTable(file: url.path(percentEncoded: false), encoding: encoding) { () throws(InterchangeError) in
            try FileChunks(contentsOf: url)
        }
    }

    /// Reads CSV bytes; `file` names their source in error messages.
    public init(data: Data, encoding: TextEncoding = .auto, file: String) throws(InterchangeError) {
        try self.init(file: file, encoding: encoding) { () throws(InterchangeError) in
            try FileChunks(data: data, file: file)
        }
    }

    /// Reads the text `open` gives, from the start. Under `.auto` it is read as UTF-8, and read again
    /// as GB18030 from the start at the first byte that is not UTF-8 (the rows read so far are
    /// dropped); a byte neither decodes is reported at its own line in the GB18030 reading.
    private init(
        file: String, encoding: TextEncoding, open: () throws(InterchangeError) -> FileChunks
    ) throws(InterchangeError) {
        let failure: TextStreamDecoder.Failure
        switch Self.parse(try open(), encoding: encoding == .auto ? .utf8 : encoding, file: file) {
        case .success(let table):
            self = table
            return
        case .failure(.other(let error)):
            throw error
        case .failure(.undecodable(let undecodable)):
            failure = undecodable
        }
        guard failure.encoding == .utf8, encoding == .auto || encoding == .utf8 else {
            throw .undecodableText(file: file, encoding: failure.encoding, line: failure.line, byte: failure.byte)
        }
        if encoding == .utf8 {
            // Only to word the message; a system without the converter just cannot tell.
            let looksLikeGBK = (try? Self.decodes(try open(), as: .gbk)) ?? false
            throw .notUTF8(file: file, line: failure.line, byte: failure.byte, looksLikeGBK: looksLikeGBK)
        }
        switch Self.parse(try open(), encoding: .gbk, file: file) {
        case .success(let table):
            self = table
        case .failure(.other(let error)):
            throw error
        case .failure(.undecodable(let undecodable)):
            throw .undecodableText(file: file, encoding: .auto, line: undecodable.line, byte: undecodable.byte)
        }
    }

    /// One reading in one encoding: the table, or the first byte that does not decode (other
    /// problems are thrown as they are).
    private static func parse(_ chunks: FileChunks, encoding: TextEncoding, file: String)
        -> Result<CSVTable, DecodingFailure>
    {
        var decoder = TextStreamDecoder(encoding: encoding)
        var parser = CSVParser(file: file)
        var columns: CSVColumnIndex?
        var rows: [CSVRow] = []
        func take(_ record: CSVRecord) throws(InterchangeError) {
            guard let columns else {
                columns = try CSVColumnIndex(
                    names: record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, file: file)
                return
            }
            let width = columns.names.count
            guard record.fields.count <= width else {
                throw .tooManyFields(file: file, line: record.line, expected: width, found: record.fields.count)
            }
            let values =
                record.fields.count == width
                ? record.fields : record.fields + Array(repeating: "", count: width - record.fields.count)
            rows.append(CSVRow(line: record.line, values: values, columns: columns))
        }
        do {
            while let chunk = try chunks.next() {
                try parser.feed(try decoder.decode(chunk, isLast: false)) { record in try take(record) }
            }
            try parser.feed(try decoder.decode([], isLast: true)) { record in try take(record) }
            try parser.finish { record in try take(record) }
        } catch let failure as TextStreamDecoder.Failure {
            return .failure(.undecodable(failure))
        } catch let error as InterchangeError {
            return .failure(.other(error))
        } catch {
            return .failure(.other(.cannotRead(file: file, reason: "\(error)")))
        }
        guard let columns else { return .failure(.other(.emptyFile(file: file))) }
        return .success(
            CSVTable(
                header: columns.names, rows: rows, encoding: decoder.encoding,
                delimiter: parser.delimiter ?? .comma, file: file))
    }

    /// Whether the whole text decodes in `encoding`.
    private static func decodes(_ chunks: FileChunks, as encoding: TextEncoding) throws -> Bool {
        var decoder = TextStreamDecoder(encoding: encoding)
        do {
            while let chunk = try chunks.next() { _ = try decoder.decode(chunk, isLast: false) }
            _ = try decoder.decode([], isLast: true)
            return true
        } catch is TextStreamDecoder.Failure {
            return false
        }
    }

    private init(header: [String], rows: [CSVRow], encoding: TextEncoding, delimiter: CSVDelimiter, file: String) {
        self.header = header
        self.rows = rows
        self.encoding = encoding
        self.delimiter = delimiter
        self.file = file
    }

    /// Throws `missingColumn` for the first of `names` the header lacks.
    public func checkColumns(_ names: [String]) throws(InterchangeError) {
        if let missing = names.first(where: { !header.contains($0) }) {
            throw .missingColumn(file: file, column: missing, available: header)
        }
    }
}

/// Why one reading of a CSV text stopped: a byte that does not decode (which may make the reader try
/// another encoding), or any other problem, which ends the reading.
private enum DecodingFailure: Error {
    case undecodable(TextStreamDecoder.Failure)
    case other(InterchangeError)
}
