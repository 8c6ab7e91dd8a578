public import Foundation

/// A CSV file read whole: its header, its rows with the line each starts on, and how it was encoded.
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

    /// Reads a CSV file; a gzip-compressed one (`.csv.gz`) is inflated first.
    public static func read(contentsOf url: URL, encoding: TextEncoding = .auto) throws(InterchangeError) -> CSVTable {
        let file = url.path(percentEncoded: false)
        let data = try FileContents.read(url)
        return try CSVTable(data: data, encoding: encoding, file: file)
    }

    /// Reads CSV bytes; `file` names their source in error messages.
    public init(data: Data, encoding: TextEncoding = .auto, file: String) throws(InterchangeError) {
        let decoded = try encoding.decode(data, file: file)
        let delimiter = CSVParser.detectDelimiter(in: decoded.text)
        let records = try CSVParser.records(in: decoded.text, delimiter: delimiter, file: file)
        guard let headerRecord = records.first else { throw .emptyFile(file: file) }
        let columns = try CSVColumnIndex(
            names: headerRecord.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, file: file)
        var rows: [CSVRow] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            let width = columns.names.count
            guard record.fields.count <= width else {
                throw .tooManyFields(file: file, line: record.line, expected: width, found: record.fields.count)
            }
            let values = record.fields + Array(repeating: "", count: width - record.fields.count)
            rows.append(CSVRow(line: record.line, values: values, columns: columns))
        }
        self.header = columns.names
        self.rows = rows
        self.encoding = decoded.encoding
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
