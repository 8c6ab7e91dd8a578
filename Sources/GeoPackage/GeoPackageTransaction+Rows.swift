import Foundation
import GRDB
public import GeoCore

extension GeoPackageTransaction {
    /// Inserts rows and returns their fids. A row without a fid gets the next one. Values are
    /// checked against their columns and geometries against the geometry column (type, finite
    /// coordinates); `gpkg_contents` bounds grow to cover the new geometries.
    @discardableResult
    public func insert(_ rows: [FeatureRow], into table: String) throws -> [Int64] {
        let definition = try tableDefinition(table)
        let names =
            [definition.primaryKey] + (definition.geometry.map { [$0.name] } ?? []) + definition.columns.map(\.name)
        let statement = try db.makeStatement(
            sql: "INSERT INTO \(table.quotedIdentifier) (\(names.map(\.quotedIdentifier).joined(separator: ", "))) "
                + "VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
        var fids: [Int64] = []
        fids.reserveCapacity(rows.count)
        var added: BoundingBox?
        for (index, row) in rows.enumerated() {
            let place = (fid: row.fid, position: row.fid == nil ? index + 1 : nil)
            do {
                let (arguments, box) = try self.arguments(for: row, in: definition)
                try statement.execute(arguments: StatementArguments([row.fid] + arguments))
                fids.append(row.fid ?? db.lastInsertedRowID)
                if let box { added = added.map { $0.union(box) } ?? box }
            } catch {
                throw located(error, table: table, fid: place.fid, position: place.position)
            }
        }
        if let added {
            try db.execute(
                sql: """
                    UPDATE gpkg_contents SET
                      min_x = CASE WHEN min_x IS NULL THEN ?1 ELSE min(min_x, ?1) END,
                      min_y = CASE WHEN min_y IS NULL THEN ?2 ELSE min(min_y, ?2) END,
                      max_x = CASE WHEN max_x IS NULL THEN ?3 ELSE max(max_x, ?3) END,
                      max_y = CASE WHEN max_y IS NULL THEN ?4 ELSE max(max_y, ?4) END
                    WHERE table_name = ?5
                    """,
                arguments: [added.minX, added.minY, added.maxX, added.maxY, table])
        }
        try touch(table)
        return fids
    }

    /// Replaces the row with the same fid: its geometry and every column (a missing value becomes NULL).
    public func replace(_ row: FeatureRow, in table: String) throws {
        let definition = try tableDefinition(table)
        guard let fid = row.fid else {
            throw error(.invalidValue, "a row to replace needs its fid", table: table)
        }
        let names = (definition.geometry.map { [$0.name] } ?? []) + definition.columns.map(\.name)
        do {
            let (arguments, _) = try self.arguments(for: row, in: definition)
            let assignments = names.map { "\($0.quotedIdentifier) = ?" }.joined(separator: ", ")
            try db.execute(
                sql: "UPDATE \(table.quotedIdentifier) SET \(assignments) "
                    + "WHERE \(definition.primaryKey.quotedIdentifier) = ?",
                arguments: StatementArguments(arguments + [fid]))
        } catch {
            throw located(error, table: table, fid: fid, position: nil)
        }
        guard db.changesCount == 1 else {
            throw self.error(.invalidValue, "there is no row with this fid to replace", table: table, fid: fid)
        }
        try recomputeBounds(of: definition)
    }

    /// Deletes rows by fid and returns how many there were.
    @discardableResult
    public func delete(fids: [Int64], from table: String) throws -> Int {
        let definition = try tableDefinition(table)
        guard !fids.isEmpty else { return 0 }
        let statement = try db.makeStatement(
            sql: "DELETE FROM \(table.quotedIdentifier) WHERE \(definition.primaryKey.quotedIdentifier) = ?")
        var deleted = 0
        for fid in fids {
            try statement.execute(arguments: [fid])
            deleted += db.changesCount
        }
        try recomputeBounds(of: definition)
        return deleted
    }

    /// The rows whose columns equal the given values (`.null` matches NULL) and, when a box is
    /// given, whose geometry's envelope meets it (through the R-tree when the table has one), by fid.
    public func rows(
        in table: String, matching conditions: [String: ColumnValue] = [:], intersecting box: BoundingBox? = nil
    ) throws -> [FeatureRow] {
        let definition = try tableDefinition(table)
        let pk = definition.primaryKey.quotedIdentifier
        var names = [definition.primaryKey] + definition.columns.map(\.name)
        if let geometry = definition.geometry { names.insert(geometry.name, at: 1) }
        let selected = names.map { "t.\($0.quotedIdentifier)" }.joined(separator: ", ")
        var sql = "SELECT \(selected) FROM \(table.quotedIdentifier) t"
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let box {
            guard let geometry = definition.geometry else {
                throw error(.invalidGeometry, "an attributes table has no geometry to query by box", table: table)
            }
            if geometry.spatialIndex {
                let rtree = Self.rtreeName(table: table, column: geometry.name).quotedIdentifier
                sql += " JOIN \(rtree) r ON r.id = t.\(pk)"
                clauses.append("r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?")
                arguments += [box.maxX, box.minX, box.maxY, box.minY]
            }
        }
        for (name, value) in conditions.sorted(by: { $0.key < $1.key }) {
            guard let column = definition.column(named: name) else {
                throw error(.invalidValue, "the table has no such column", table: table, column: name)
            }
            if value == .null {
                clauses.append("t.\(name.quotedIdentifier) IS NULL")
            } else {
                clauses.append("t.\(name.quotedIdentifier) = ?")
                arguments.append(try databaseValue(value, for: column, table: table))
            }
        }
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY t.\(pk)"
        var result: [FeatureRow] = []
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            let decoded = try featureRow(row, definition: definition)
            if let box {
                guard let envelope = decoded.geometry?.boundingBox, envelope.intersects(box) else { continue }
            }
            result.append(decoded)
        }
        return result
    }

    /// The number of rows in a table.
    public func count(in table: String) throws -> Int {
        _ = try tableDefinition(table)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedIdentifier)") ?? 0
    }

    // MARK: Internals

    /// The statement arguments for a row's geometry and columns, in definition order, with the
    /// envelope of its geometry.
    private func arguments(
        for row: FeatureRow, in definition: TableDefinition
    ) throws
        -> ([(any DatabaseValueConvertible)?], BoundingBox?)
    {
        let table = definition.name
        for name in row.values.keys.sorted() where definition.column(named: name) == nil {
            throw error(.invalidValue, "the table has no such column", table: table, column: name)
        }
        var arguments: [(any DatabaseValueConvertible)?] = []
        var box: BoundingBox?
        if let column = definition.geometry {
            if let geometry = row.geometry {
                guard column.type.admits(geometry) else {
                    throw error(
                        .invalidGeometry, "a \(geometry.typeName) cannot go in a \(column.type.rawValue) column",
                        table: table, column: column.name)
                }
                let blob = GeometryBlob(geometry: geometry, srsID: column.srsID)
                do {
                    arguments.append(Data(try blob.encoded()))
                } catch {
                    throw error.located(table: table).withColumn(column.name)
                }
                box = blob.envelope
            } else {
                arguments.append(nil)
            }
        } else if row.geometry != nil {
            throw error(.invalidGeometry, "an attributes table has no geometry column", table: table)
        }
        for column in definition.columns {
            let value = row[column.name]
            if value == .null {
                guard !column.notNull else {
                    throw error(.invalidValue, "a value is required (NOT NULL)", table: table, column: column.name)
                }
                arguments.append(nil)
            } else {
                arguments.append(try databaseValue(value, for: column, table: table))
            }
        }
        return (arguments, box)
    }

    /// A non-null value as SQLite stores it in the column, or an error when it does not fit.
    private func databaseValue(
        _ value: ColumnValue, for column: Column, table: String
    ) throws
        -> any DatabaseValueConvertible
    {
        func unfit(_ why: String) -> GeoPackageError {
            error(.invalidValue, why, table: table, column: column.name)
        }
        switch (column.type, value) {
        case (.integer, .integer(let i)): return i
        case (.real, .real(let r)):
            guard r.isFinite else { throw unfit("\(r) is not a finite number") }
            return r
        case (.real, .integer(let i)): return Double(i)
        case (.text, .text(let t)): return t
        case (.boolean, .boolean(let b)): return b ? 1 : 0
        case (.date, .text(let t)):
            guard DateText.isDate(t) else { throw unfit("'\(t)' is not a date YYYY-MM-DD") }
            return t
        case (.dateTime, .text(let t)):
            guard DateText.isDateTime(t) else { throw unfit("'\(t)' is not a date-time YYYY-MM-DDTHH:MM:SS.SSSZ") }
            return t
        case (.blob, .blob(let b)): return Data(b)
        default:
            throw unfit("\(value) does not fit a \(column.type.rawValue) column")
        }
    }

    /// A fetched row as a ``FeatureRow``: values read by their column's type, the blob decoded.
    private func featureRow(_ row: Row, definition: TableDefinition) throws -> FeatureRow {
        let fid = row.int64(definition.primaryKey)
        var feature = FeatureRow(fid: fid)
        if let column = definition.geometry {
            switch (row[column.name] as DatabaseValue).storage {
            case .null:
                break
            case .blob(let data):
                do {
                    feature.geometry = try GeometryBlob(decoding: [UInt8](data)).geometry
                } catch {
                    throw error.located(file: file, table: definition.name, fid: fid).withColumn(column.name)
                }
            default:
                throw self.error(
                    .invalidGeometry, "the geometry is not a blob", table: definition.name, fid: fid,
                    column: column.name)
            }
        }
        for column in definition.columns {
            let value: ColumnValue
            switch ((row[column.name] as DatabaseValue).storage, column.type) {
            case (.null, _): value = .null
            case (.int64(let i), .boolean): value = .boolean(i != 0)
            case (.int64(let i), .real): value = .real(Double(i))
            case (.int64(let i), _): value = .integer(i)
            case (.double(let d), _): value = .real(d)
            case (.string(let s), _): value = .text(s)
            case (.blob(let b), _): value = .blob([UInt8](b))
            }
            feature.values[column.name] = value
        }
        return feature
    }

    /// Sets the `gpkg_contents` bounds to the envelope of the table's geometries.
    private func recomputeBounds(of definition: TableDefinition) throws {
        if let geometry = definition.geometry {
            let g = geometry.name.quotedIdentifier
            try db.execute(
                sql: """
                    UPDATE gpkg_contents SET (min_x, min_y, max_x, max_y) = (
                      SELECT min(ST_MinX(\(g))), min(ST_MinY(\(g))), max(ST_MaxX(\(g))), max(ST_MaxY(\(g)))
                      FROM \(definition.name.quotedIdentifier) WHERE \(g) NOT NULL AND NOT ST_IsEmpty(\(g)))
                    WHERE table_name = ?
                    """,
                arguments: [definition.name])
        }
        try touch(definition.name)
    }

    /// Any error from writing one row, located at that row.
    private func located(_ error: any Error, table: String, fid: Int64?, position: Int?) -> any Error {
        GeoPackageFile.converted(error, file: file, table: table, fid: fid, position: position) ?? error
    }
}

extension GeoPackageError {
    func withColumn(_ column: String) -> Self {
        var copy = self
        copy.column = copy.column ?? column
        return copy
    }
}
