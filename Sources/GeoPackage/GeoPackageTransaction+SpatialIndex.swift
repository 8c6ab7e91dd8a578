import GRDB
public import GeoCore

/// The R-tree spatial index extension (`gpkg_rtree_index`, GeoPackage 1.3 Annex F.3).
extension GeoPackageTransaction {
    static let rtreeExtensionDefinition = "http://www.geopackage.org/spec/#extension_rtree"

    static func rtreeName(table: String, column: String) -> String { "rtree_\(table)_\(column)" }

    /// The fids whose R-tree boxes meet the box. R-tree boxes are 32-bit floats rounded outwards,
    /// so this may include a few rows just outside; ``rows(in:matching:intersecting:)`` filters exactly.
    public func spatialIndexFids(in table: String, intersecting box: BoundingBox) throws -> [Int64] {
        let definition = try tableDefinition(table)
        guard let geometry = definition.geometry, geometry.spatialIndex else {
            throw error(.noSuchTable, "the table has no R-tree spatial index", table: table)
        }
        let rtree = Self.rtreeName(table: table, column: geometry.name).quotedIdentifier
        return try Int64.fetchAll(
            db, sql: "SELECT id FROM \(rtree) WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? ORDER BY id",
            arguments: [box.maxX, box.minX, box.maxY, box.minY])
    }

    /// Creates the virtual table, fills it from the table's rows, adds the triggers that keep it
    /// current and registers the extension. With `alreadyFilled`, the virtual table exists and holds every
    /// row's box (a bulk writer filled it): only the triggers and the extension are added.
    func createSpatialIndex(table: String, column: String, primaryKey: String, alreadyFilled: Bool = false) throws {
        let rtree = Self.rtreeName(table: table, column: column)
        let (t, c, i, r) = (
            table.quotedIdentifier, column.quotedIdentifier, primaryKey.quotedIdentifier, rtree.quotedIdentifier
        )
        if !alreadyFilled {
            try db.execute(sql: "CREATE VIRTUAL TABLE \(r) USING rtree(id, minx, maxx, miny, maxy)")
            try db.execute(
            sql: """
                INSERT OR REPLACE INTO \(r)
                  SELECT \(i), ST_MinX(\(c)), ST_MaxX(\(c)), ST_MinY(\(c)), ST_MaxY(\(c)) FROM \(t)
                  WHERE \(c) NOT NULL AND NOT ST_IsEmpty(\(c))
                """)
        }
        let values = "NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c))"
        let triggers: [(String, String)] = [
            // Insertion of a non-empty geometry: add it.
            (
                "insert",
                """
                AFTER INSERT ON \(t) WHEN (NEW.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
                """
            ),
            // Geometry changed to a non-empty one, same fid: replace its box.
            (
                "update1",
                """
                AFTER UPDATE OF \(c) ON \(t)
                WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
                """
            ),
            // Geometry changed to NULL or empty, same fid: remove its box.
            (
                "update2",
                """
                AFTER UPDATE OF \(c) ON \(t)
                WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
                BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END
                """
            ),
            // fid changed, non-empty geometry: move the box.
            (
                "update3",
                """
                AFTER UPDATE ON \(t)
                WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
                """
            ),
            // fid changed, NULL or empty geometry: remove both.
            (
                "update4",
                """
                AFTER UPDATE ON \(t)
                WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
                BEGIN DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i)); END
                """
            ),
            // Row deleted: remove its box.
            (
                "delete",
                """
                AFTER DELETE ON \(t) WHEN OLD.\(c) NOT NULL
                BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END
                """
            ),
        ]
        for (suffix, body) in triggers {
            try db.execute(sql: "CREATE TRIGGER \("\(rtree)_\(suffix)".quotedIdentifier) \(body)")
        }
        try db.execute(
            sql: """
                INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')
                """,
            arguments: [table, column, Self.rtreeExtensionDefinition])
    }
}
