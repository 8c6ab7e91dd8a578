/// A table's column names, where each is, and the file they came from; shared by all of its rows.
final class CSVColumnIndex: Sendable {
    let names: [String]
    let file: String
    private let positions: [String: Int]

    /// Checks the names: none empty, none repeated.
    init(names: [String], file: String) throws(InterchangeError) {
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            guard !name.isEmpty else { throw .emptyColumnName(file: file, column: i + 1) }
            if let first = positions[name] {
                throw .duplicateColumnName(file: file, name: name, columns: [first + 1, i + 1])
            }
            positions[name] = i
        }
        self.names = names
        self.file = file
        self.positions = positions
    }

    func position(of name: String) -> Int? { positions[name] }
}
