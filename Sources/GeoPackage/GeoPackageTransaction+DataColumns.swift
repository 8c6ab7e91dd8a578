import GRDB

/// How a column is described to people: the Schema extension's `gpkg_data_columns` row. GDAL reads `name` as the
/// field's alternative name, which QGIS shows as the field's alias; `title` is the formal title, `description`
/// the longer text.
public struct DataColumnDescription: Hashable, Sendable {
    public var column: String
    public var name: String
    public var title: String
    public var description: String?

    public init(column: String, name: String, title: String, description: String? = nil) {
        self.column = column
        self.name = name
        self.title = title
        self.description = description
    }
}

extension GeoPackageTransaction {
    static let schemaExtensionDefinition = "http://www.geopackage.org/spec120/#extension_schema"

    /// Describes the columns of a table in `gpkg_data_columns` (the `gpkg_schema` extension, registered in
    /// `gpkg_extensions` the first time), replacing the table's earlier descriptions.
    public func describeColumns(_ descriptions: [DataColumnDescription], of table: String) throws {
        try createSchemaExtensionTables()
        try db.execute(sql: "DELETE FROM gpkg_data_columns WHERE table_name = ?", arguments: [table])
        for description in descriptions {
            try db.execute(
                sql: """
                    INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [table, description.column, description.name, description.title, description.description])
        }
    }

    /// The descriptions of a table's columns, by column name; empty when the file has none.
    public func columnDescriptions(of table: String) throws -> [String: DataColumnDescription] {
        guard try sqliteTableExists("gpkg_data_columns") else { return [:] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT column_name, name, title, description FROM gpkg_data_columns WHERE table_name = ?",
            arguments: [table])
        var found: [String: DataColumnDescription] = [:]
        for row in rows {
            guard let column: String = row["column_name"] else { continue }
            found[column] = DataColumnDescription(
                column: column, name: row["name"] ?? column, title: row["title"] ?? column,
                description: row["description"])
        }
        return found
    }

    /// The two tables of the Schema extension and its `gpkg_extensions` rows, when missing.
    private func createSchemaExtensionTables() throws {
        guard try !sqliteTableExists("gpkg_data_columns") else { return }
        try db.execute(
            sql: """
                CREATE TABLE gpkg_data_column_constraints (
                  constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC,
                  min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
                  CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))
                """)
        try db.execute(
            sql: """
                CREATE TABLE gpkg_data_columns (
                  table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT,
                  mime_type TEXT, constraint_name TEXT,
                  CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
                  CONSTRAINT gdc_tn UNIQUE (table_name, name))
                """)
        for name in ["gpkg_data_columns", "gpkg_data_column_constraints"] {
            try db.execute(
                sql: """
                    INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                    VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')
                    """,
                arguments: [name, Self.schemaExtensionDefinition])
        }
    }
}
