import Foundation
import GRDB
public import GeoCore

/// Writing a big new layer fast: one prepared statement for every row, no per-row dictionaries, and the
/// R-tree filled after the rows, in spatial order, instead of by a trigger per row.
extension GeoPackageTransaction {
    /// Creates the layer `definition` describes and appends `count` rows: `row(i)` gives row i's geometry
    /// and its values in the order of `definition.columns` (`.null` for none). The R-tree, when the definition
    /// asks for one, is built once the rows are in, and its triggers added then, so the table is the same as
    /// ``writeLayer(_:identifier:description:)`` makes. Errors name the table, the row and the column.
    public func writeBulkLayer(
        _ definition: TableDefinition, count: Int, row: (Int) throws -> (geometry: Geometry, values: [ColumnValue])
    ) throws {
        guard let geometry = definition.geometry else {
            throw error(.invalidGeometry, "a bulk layer needs a geometry column", table: definition.name)
        }
        var plain = definition
        plain.geometry?.spatialIndex = false
        try createTable(plain)
        let table = definition.name
        let names = [geometry.name] + definition.columns.map(\.name)
        let statement = try db.makeStatement(
            sql: "INSERT INTO \(table.quotedIdentifier) (\(names.map(\.quotedIdentifier).joined(separator: ", "))) "
                + "VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
        var boxes: [BoundingBox?] = []
        boxes.reserveCapacity(count)
        var extent: BoundingBox?
        var arguments: [DatabaseValue] = []
        arguments.reserveCapacity(names.count)
        for index in 0..<count {
            let fid = Int64(index + 1)
            do {
                let (shape, values) = try row(index)
                guard geometry.type.admits(shape) else {
                    throw error(
                        .invalidGeometry, "a \(shape.typeName) cannot go in a \(geometry.type.rawValue) column",
                        table: table, column: geometry.name)
                }
                guard values.count == definition.columns.count else {
                    throw error(
                        .invalidValue, "\(values.count) values for \(definition.columns.count) columns", table: table)
                }
                let blob = GeometryBlob(geometry: shape, srsID: geometry.srsID)
                arguments.removeAll(keepingCapacity: true)
                do {
                    arguments.append(Data(try blob.encoded()).databaseValue)
                } catch {
                    throw error.located(table: table).withColumn(geometry.name)
                }
                for (column, value) in zip(definition.columns, values) {
                    arguments.append(try bulkValue(value, for: column, table: table))
                }
                statement.setUncheckedArguments(StatementArguments(arguments))
                try statement.execute()
                boxes.append(blob.isEmpty ? nil : blob.envelope)
                if let box = blob.envelope, !blob.isEmpty { extent = extent.map { $0.union(box) } ?? box }
            } catch {
                throw GeoPackageFile.converted(error, file: file, table: table, fid: fid, position: nil) ?? error
            }
        }
        if let extent {
            try db.execute(
                sql: "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                arguments: [extent.minX, extent.minY, extent.maxX, extent.maxY, table])
        }
        if geometry.spatialIndex {
            try fillSpatialIndex(table: table, column: geometry.name, boxes: boxes, extent: extent)
            try createSpatialIndex(
                table: table, column: geometry.name, primaryKey: definition.primaryKey, alreadyFilled: true)
        }
        definitions.tables[table] = nil
        try touch(table)
    }

    /// Fills the R-tree of a new table from the rows' envelopes (fid i + 1 is `boxes[i]`) in Morton order of
    /// their centres: neighbouring boxes go into the same R-tree nodes one after the other, which is several
    /// times faster than inserting them in row order. The virtual table is created here;
    /// ``createSpatialIndex(table:column:primaryKey:alreadyFilled:)`` then adds the triggers.
    private func fillSpatialIndex(table: String, column: String, boxes: [BoundingBox?], extent: BoundingBox?) throws {
        let rtree = Self.rtreeName(table: table, column: column).quotedIdentifier
        try db.execute(sql: "CREATE VIRTUAL TABLE \(rtree) USING rtree(id, minx, maxx, miny, maxy)")
        guard let extent else { return }
        let width = max(extent.maxX - extent.minX, .leastNonzeroMagnitude)
        let height = max(extent.maxY - extent.minY, .leastNonzeroMagnitude)
        var order: [(key: UInt32, index: Int32)] = []
        order.reserveCapacity(boxes.count)
        for (index, box) in boxes.enumerated() {
            guard let box else { continue }
            let x = UInt32(min(65535, max(0, ((box.minX + box.maxX) / 2 - extent.minX) / width * 65535)))
            let y = UInt32(min(65535, max(0, ((box.minY + box.maxY) / 2 - extent.minY) / height * 65535)))
            order.append((Self.interleaved(x) | Self.interleaved(y) << 1, Int32(index)))
        }
        order.sort { $0.key < $1.key }
        let insert = try db.makeStatement(sql: "INSERT INTO \(rtree) (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)")
        for entry in order {
            guard let box = boxes[Int(entry.index)] else { continue }
            insert.setUncheckedArguments([Int64(entry.index) + 1, box.minX, box.maxX, box.minY, box.maxY])
            try insert.execute()
        }
    }

    /// The 16 low bits of `value` spread to the even bits (a Morton code's half).
    private static func interleaved(_ value: UInt32) -> UInt32 {
        var v = value & 0xFFFF
        v = (v | v << 8) & 0x00FF_00FF
        v = (v | v << 4) & 0x0F0F_0F0F
        v = (v | v << 2) & 0x3333_3333
        v = (v | v << 1) & 0x5555_5555
        return v
    }

    private func bulkValue(_ value: ColumnValue, for column: Column, table: String) throws -> DatabaseValue {
        switch (column.type, value) {
        case (_, .null):
            guard !column.notNull else {
                throw error(.invalidValue, "a value is required (NOT NULL)", table: table, column: column.name)
            }
            return .null
        case (.integer, .integer(let i)): return i.databaseValue
        case (.real, .real(let r)) where r.isFinite: return r.databaseValue
        case (.real, .integer(let i)): return Double(i).databaseValue
        case (.text, .text(let t)): return t.databaseValue
        case (.boolean, .boolean(let b)): return (b ? 1 : 0).databaseValue
        default:
            throw error(
                .invalidValue, "\(value) does not fit a \(column.type.rawValue) column", table: table,
                column: column.name)
        }
    }
}

extension GeoPackageFile {
    /// ``GeoPackageTransaction/writeBulkLayer(_:count:row:)`` in one transaction of its own.
    public func writeBulkLayer(
        _ definition: TableDefinition, count: Int, row: (Int) throws -> (geometry: Geometry, values: [ColumnValue])
    ) throws {
        try write { try $0.writeBulkLayer(definition, count: count, row: row) }
    }
}
