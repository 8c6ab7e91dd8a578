public import GeoCore

extension CoordinateColumns {
    /// The position in a row: `x` from the `lon` column, `y` from the `lat` column, each read by
    /// `CoordinateText.parse`. Errors name the file, the line and the column. The caller checks the
    /// range, since only it knows the coordinate system.
    public func coordinate(in row: CSVRow) throws(InterchangeError) -> Coordinate {
        Coordinate(x: try value(in: row, column: lon), y: try value(in: row, column: lat))
    }

    private func value(in row: CSVRow, column: String) throws(InterchangeError) -> Double {
        guard let text = row[column: column] else {
            throw .missingColumn(file: row.file, column: column, available: row.columnNames)
        }
        return try CoordinateText.parse(text, at: row.location(ofColumn: column))
    }
}
