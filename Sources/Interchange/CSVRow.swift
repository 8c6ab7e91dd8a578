/// One record of a CSV table, as many values as the header has columns.
public struct CSVRow: Hashable, Sendable {
    /// The 1-based physical line where the record starts; the header is line 1 (or later, after
    /// blank lines or a header with line breaks in quotes).
    public let line: Int
    public let values: [String]
    private let columns: CSVColumnIndex

    init(line: Int, values: [String], columns: CSVColumnIndex) {
        self.line = line
        self.values = values
        self.columns = columns
    }

    /// The file the row was read from, as error messages name it.
    public var file: String { columns.file }

    /// The table's column names.
    var columnNames: [String] { columns.names }

    /// The value in the named column; nil when the table has no such column.
    public subscript(column name: String) -> String? {
        columns.position(of: name).map { values[$0] }
    }

    /// Whether every value is empty or whitespace, as Excel leaves rows it once touched.
    public var isBlank: Bool {
        values.allSatisfy { $0.allSatisfy(\.isWhitespace) }
    }

    /// Where a cell of this row is, for error messages.
    public func location(ofColumn name: String) -> CellLocation {
        CellLocation(file: file, line: line, column: name)
    }

    public static func == (lhs: CSVRow, rhs: CSVRow) -> Bool {
        lhs.line == rhs.line && lhs.values == rhs.values && lhs.file == rhs.file
            && lhs.columns.names == rhs.columns.names
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(values)
    }
}
