import GRDB
import GeoCore

extension GeoPackageTransaction {
    /// Creates a user table and registers it in `gpkg_contents` (and, for a feature table, in
    /// `gpkg_geometry_columns`, with the R-tree index when asked).
    public func createTable(_ definition: TableDefinition) throws {
        let table = definition.name
        try checkTableName(table)
        var seen: Set<String> = []
        for name in [definition.primaryKey] + (definition.geometry.map { [$0.name] } ?? [])
            + definition.columns.map(\.name)
        {
            try checkName(name, table: table, what: "column")
            guard seen.insert(name.lowercased()).inserted else {
                throw error(.invalidName, "the column name is used twice", table: table, column: name)
            }
        }
        guard try !sqliteTableExists(table) else {
            throw error(.tableExists, "a table of that name already exists", table: table)
        }
        if let geometry = definition.geometry, try spatialReferenceSystem(id: geometry.srsID) == nil {
            throw error(.unknownSRS, "srs_id \(geometry.srsID) is not in gpkg_spatial_ref_sys", table: table)
        }
        try CoreSchema.ensureTables(in: db)
        definitions.tables[table] = nil

        var columns = ["\(definition.primaryKey.quotedIdentifier) INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"]
        if let geometry = definition.geometry {
            columns.append("\(geometry.name.quotedIdentifier) \(geometry.type.rawValue)")
        }
        columns += definition.columns.map(Self.columnSQL)
        try db.execute(sql: "CREATE TABLE \(table.quotedIdentifier) (\(columns.joined(separator: ", ")))")
        try db.execute(
            sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
                VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)
                """,
            arguments: [
                table, definition.dataType, definition.identifier ?? table, definition.description ?? "",
                definition.geometry?.srsID,
            ])
        if let geometry = definition.geometry {
            try db.execute(
                sql: """
                    INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
                    VALUES (?, ?, ?, ?, 0, 0)
                    """,
                arguments: [table, geometry.name, geometry.type.rawValue, geometry.srsID])
            if geometry.spatialIndex {
                try createSpatialIndex(table: table, column: geometry.name, primaryKey: definition.primaryKey)
            }
        }
    }

    /// Adds a nullable column to an existing user table (`ALTER TABLE … ADD COLUMN`).
    public func addColumn(_ column: Column, to table: String) throws {
        let definition = try tableDefinition(table)
        try checkName(column.name, table: table, what: "column")
        guard definition.column(named: column.name) == nil, column.name != definition.primaryKey,
            column.name != definition.geometry?.name
        else { throw error(.invalidName, "the table already has this column", table: table, column: column.name) }
        guard !column.notNull, !column.unique else {
            throw error(
                .invalidName, "a column added later cannot be NOT NULL or UNIQUE", table: table, column: column.name)
        }
        try db.execute(sql: "ALTER TABLE \(table.quotedIdentifier) ADD COLUMN \(Self.columnSQL(column))")
        definitions.tables[table] = nil
        try touch(table)
    }

    /// The definition of a user table registered in `gpkg_contents`, or nil when there is none.
    public func table(named name: String) throws -> TableDefinition? {
        if let known = definitions.tables[name] { return known }
        let definition = try readDefinition(of: name)
        definitions.tables[name] = definition
        return definition
    }

    private func readDefinition(of name: String) throws -> TableDefinition? {
        guard
            let contents = try Row.fetchOne(
                db,
                sql: "SELECT table_name, data_type, identifier, description FROM gpkg_contents WHERE table_name = ?",
                arguments: [name])
        else { return nil }
        guard try sqliteTableExists(name) else {
            throw error(.noSuchTable, "gpkg_contents lists the table but the file does not have it", table: name)
        }
        let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedIdentifier))")
        let geometry = try geometryColumn(of: name)
        let unique = try uniqueColumns(of: name)
        var primaryKey = "rowid"
        var columns: [Column] = []
        for row in info {
            let column = row.string("name") ?? ""
            let declared = row.string("type") ?? ""
            if row.int64("pk") == 1 && ColumnType(declared: declared) == .integer {
                primaryKey = column
            } else if column != geometry?.name {
                columns.append(
                    Column(
                        column, ColumnType(declared: declared), notNull: row.int64("notnull") == 1,
                        unique: unique.contains(column)))
            }
        }
        return TableDefinition(
            name: name, primaryKey: primaryKey, geometry: geometry, columns: columns,
            identifier: contents.string("identifier"), description: contents.string("description"))
    }

    /// The user tables of `gpkg_contents` (features and attributes; other data types are listed
    /// without a count), by name.
    public func layers() throws -> [LayerInfo] {
        try Row.fetchAll(db, sql: "\(Self.contentsSelect) ORDER BY table_name").compactMap(layerInfo)
    }

    /// One table as ``layers()`` lists it, or nil when `gpkg_contents` has no such table.
    public func layer(named name: String) throws -> LayerInfo? {
        try Row.fetchOne(db, sql: "\(Self.contentsSelect) WHERE table_name = ?", arguments: [name]).flatMap(layerInfo)
    }

    private static let contentsSelect = """
        SELECT table_name, data_type, identifier, description, srs_id, min_x, min_y, max_x, max_y FROM gpkg_contents
        """

    private func layerInfo(_ row: Row) throws -> LayerInfo? {
        guard let name = row.string("table_name"), try sqliteTableExists(name) else { return nil }
        let dataType = row.string("data_type") ?? ""
        let geometry = try geometryColumn(of: name)
        let count =
            ["features", "attributes"].contains(dataType)
            ? try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name.quotedIdentifier)") ?? 0 : 0
        var bounds: BoundingBox?
        if let w = row.double("min_x"), let s = row.double("min_y"), let e = row.double("max_x"),
            let n = row.double("max_y")
        {
            bounds = try? BoundingBox(minX: w, minY: s, maxX: e, maxY: n)
        }
        return LayerInfo(
            name: name, dataType: dataType, identifier: row.string("identifier"),
            description: row.string("description"), geometry: geometry,
            srsID: geometry?.srsID ?? row.int32("srs_id"), featureCount: count, bounds: bounds)
    }

    // MARK: Internals

    /// The definition of a registered user table, or an error naming it.
    func tableDefinition(_ name: String) throws -> TableDefinition {
        guard let definition = try table(named: name) else {
            let known = try String.fetchAll(db, sql: "SELECT table_name FROM gpkg_contents ORDER BY table_name")
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw error(.noSuchTable, "the GeoPackage has no such table; its tables are: \(list)", table: name)
        }
        return definition
    }

    func geometryColumn(of table: String) throws -> GeometryColumn? {
        guard try sqliteTableExists("gpkg_geometry_columns"),
            let row = try Row.fetchOne(
                db,
                sql: "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?",
                arguments: [table]),
            let name = row.string("column_name")
        else { return nil }
        let type = GeometryType(rawValue: (row.string("geometry_type_name") ?? "").uppercased()) ?? .geometry
        let indexed =
            try sqliteTableExists("gpkg_extensions")
            && Bool.fetchOne(
                db,
                sql: """
                    SELECT count(*) > 0 FROM gpkg_extensions
                    WHERE table_name = ? AND column_name = ? AND extension_name = 'gpkg_rtree_index'
                    """, arguments: [table, name]) == true
            && sqliteTableExists(Self.rtreeName(table: table, column: name))
        return GeometryColumn(name: name, type: type, srsID: row.int32("srs_id") ?? 0, spatialIndex: indexed)
    }

    /// Columns that carry a single-column UNIQUE constraint.
    private func uniqueColumns(of table: String) throws -> Set<String> {
        var names: Set<String> = []
        for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(table.quotedIdentifier))")
        where index.int64("unique") == 1 && index.string("origin") == "u" {
            let columns = try Row.fetchAll(
                db, sql: "PRAGMA index_info(\((index.string("name") ?? "").quotedIdentifier))")
            if columns.count == 1, let name = columns[0].string("name") { names.insert(name) }
        }
        return names
    }

    /// Records a change in `gpkg_contents.last_change`.
    func touch(_ table: String) throws {
        try db.execute(
            sql: "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            arguments: [table])
    }

    private static func columnSQL(_ column: Column) -> String {
        column.name.quotedIdentifier + " " + column.type.rawValue + (column.notNull ? " NOT NULL" : "")
            + (column.unique ? " UNIQUE" : "")
    }

    private func checkTableName(_ name: String) throws {
        try checkName(name, table: name, what: "table")
        let lower = name.lowercased()
        for prefix in ["gpkg_", "rtree_", "sqlite_"] where lower.hasPrefix(prefix) {
            throw error(.invalidName, "table names must not begin with '\(prefix)' (reserved)", table: name)
        }
    }

    private func checkName(_ name: String, table: String, what: String) throws {
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" }) else {
            throw error(
                .invalidName, "a \(what) name must be non-empty without quotes or control characters: '\(name)'",
                table: table)
        }
    }
}
