public import Foundation
import GeoCore

/// Writes CSV per RFC 4180: a field is quoted when it holds the delimiter, a quote or a line break,
/// and quotes inside are doubled. By default the text is UTF-8 with a byte order mark and CRLF line
/// ends, which Excel in China opens correctly; `.gbk` writes GBK without a mark, for older Excel and the
/// systems that read only GBK. Equal input gives equal bytes.
public struct CSVWriter: Hashable, Sendable {
    /// The bytes the text is written in.
    public enum Encoding: String, Hashable, Sendable, CaseIterable {
        /// UTF-8, with a byte order mark when `writesByteOrderMark`.
        case utf8
        /// GBK (code page 936), never with a mark; a character GBK lacks is refused, naming its row and column.
        case gbk
    }

    /// The line end written after every record, the last one included.
    public enum LineEnding: String, Hashable, Sendable, CaseIterable {
        case crlf
        case lf

        var text: String { self == .crlf ? "\r\n" : "\n" }
    }

    public var delimiter: CSVDelimiter
    public var lineEnding: LineEnding
    /// Whether the file starts with a UTF-8 byte order mark (without one, Excel reads UTF-8 as GBK).
    public var writesByteOrderMark: Bool
    public var encoding: Encoding

    public init(
        delimiter: CSVDelimiter = .comma, lineEnding: LineEnding = .crlf, writesByteOrderMark: Bool = true,
        encoding: Encoding = .utf8
    ) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.writesByteOrderMark = writesByteOrderMark
        self.encoding = encoding
    }

    /// The CSV bytes of a header and rows. The header names must be non-empty and distinct; rows
    /// shorter than the header are padded with empty fields, longer ones are refused.
    public func encode(header: [String], rows: [[String]]) throws(InterchangeError) -> Data {
        try encode(header: header, rows: rows, file: "CSV output")
    }

    /// Writes a header and rows to `url` atomically: the file is complete or untouched.
    public func write(header: [String], rows: [[String]], to url: URL) throws(InterchangeError) {
        let file = url.path(percentEncoded: false)
        let data = try encode(header: header, rows: rows, file: file)
        do {
            try AtomicOutput.write(data, to: url)
        } catch let error as AtomicOutputError {
            throw .cannotWrite(file: file, reason: error.reason)
        } catch {
            throw .cannotWrite(file: file, reason: error.localizedDescription)
        }
    }

    private func encode(header: [String], rows: [[String]], file: String) throws(InterchangeError) -> Data {
        _ = try CSVColumnIndex(names: header, file: file)
        if encoding == .gbk { return try gbk(header: header, rows: rows, file: file) }
        var text = writesByteOrderMark ? "\u{FEFF}" : ""
        append(header, to: &text)
        for (i, row) in rows.enumerated() {
            guard row.count <= header.count else {
                throw .cannotWrite(
                    file: file, reason: "row \(i + 1) has \(row.count) fields but the header has \(header.count)")
            }
            append(row + Array(repeating: "", count: header.count - row.count), to: &text)
        }
        return Data(text.utf8)
    }

    /// The whole text in GBK; a field GBK cannot hold is named by its row (the header is row 0) and column.
    private func gbk(header: [String], rows: [[String]], file: String) throws(InterchangeError) -> Data {
        let encoder = try GBKEncoder()
        var bytes: [UInt8] = []
        for (i, row) in ([header] + rows).enumerated() {
            guard row.count <= header.count else {
                throw .cannotWrite(file: file, reason: "row \(i) has \(row.count) fields but the header has \(header.count)")
            }
            var line = ""
            append(row + Array(repeating: "", count: header.count - row.count), to: &line)
            guard let encoded = encoder.encode(line) else {
                let column = row.indices.first { encoder.encode(row[$0]) == nil } ?? 0
                let field = row.indices.contains(column) ? row[column] : ""
                throw .cannotWrite(
                    file: file,
                    reason: "row \(i), column '\(header[column])': '\(field)' has a character GBK cannot hold; "
                        + "write UTF-8 (the default) instead")
            }
            bytes += encoded
        }
        return Data(bytes)
    }

    private func append(_ fields: [String], to text: inout String) {
        // A lone empty field would be a blank line, which readers skip.
        if fields == [""] {
            text += "\"\"" + lineEnding.text
            return
        }
        for (i, field) in fields.enumerated() {
            if i > 0 { text.unicodeScalars.append(Unicode.Scalar(delimiter.byte)) }
            text += quoted(field)
        }
        text += lineEnding.text
    }

    private func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { byte in
            byte == delimiter.byte || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
