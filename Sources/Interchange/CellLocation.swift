/// Where a cell is: the file, the 1-based physical line where its record starts, and the column name.
public struct CellLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String

    public init(file: String, line: Int, column: String) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file), line \(line), column \"\(column)\"" }
}
