import GRDB

/// The GeoPackage core tables (GeoPackage 1.3 §1.1.2, §1.1.3, §2.1.5, §2.3) and the checks made
/// when a file is opened.
enum CoreSchema {
    static func create(in db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(GeoPackageFile.applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(GeoPackageFile.userVersion)")
        try ensureTables(in: db)
        for srs in SpatialReferenceSystem.required {
            try GeoPackageTransaction.insert(srs, in: db)
        }
    }

    /// Creates whichever core tables are missing (an attributes-only file may lack the feature ones).
    static func ensureTables(in db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
                  srs_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL PRIMARY KEY,
                  organization TEXT NOT NULL,
                  organization_coordsys_id INTEGER NOT NULL,
                  definition TEXT NOT NULL,
                  description TEXT);
                CREATE TABLE IF NOT EXISTS gpkg_contents (
                  table_name TEXT NOT NULL PRIMARY KEY,
                  data_type TEXT NOT NULL,
                  identifier TEXT UNIQUE,
                  description TEXT DEFAULT '',
                  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
                  srs_id INTEGER,
                  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
                  table_name TEXT NOT NULL,
                  column_name TEXT NOT NULL,
                  geometry_type_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL,
                  z TINYINT NOT NULL,
                  m TINYINT NOT NULL,
                  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
                CREATE TABLE IF NOT EXISTS gpkg_extensions (
                  table_name TEXT,
                  column_name TEXT,
                  extension_name TEXT NOT NULL,
                  definition TEXT NOT NULL,
                  scope TEXT NOT NULL,
                  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
                """)
    }

    /// Refuses files that are not GeoPackages: the core tables must be there. An unexpected
    /// application_id is accepted when they are (older GeoPackages used 'GP10' and 'GP11').
    static func check(_ db: Database) throws {
        let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        let missing = ["gpkg_spatial_ref_sys", "gpkg_contents"].filter { !tables.contains($0) }
        guard missing.isEmpty else {
            let id = UInt32(bitPattern: try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0)
            let tables = missing.joined(separator: " or ")
            throw GeoPackageError(
                .notAGeoPackage, "it has no \(tables) table (application_id 0x\(String(id, radix: 16)))")
        }
    }
}
