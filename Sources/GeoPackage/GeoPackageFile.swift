import Foundation
import GRDB

/// A GeoPackage file (OGC GeoPackage 1.3): a SQLite database with the `gpkg_*` core tables.
/// Every connection gets the `ST_*` functions the R-tree triggers call. Reads and writes go
/// through ``read(_:)`` and ``write(_:)``; a write is one transaction, rolled back when its body throws.
public final class GeoPackageFile: Sendable {
    /// How to open a file.
    public enum Mode: Sendable {
        /// Open an existing GeoPackage without writing to it.
        case readOnly
        /// Open an existing GeoPackage for reading and writing.
        case readWrite
        /// Open the GeoPackage, creating it (with the core tables) when the file is missing or empty.
        case create
    }

    /// `PRAGMA application_id`: 'GPKG'.
    public static let applicationID: Int32 = 0x4750_4B47
    /// `PRAGMA user_version`: GeoPackage 1.3.0. (1.4 makes GDAL 3.6 warn that it "may only be
    /// partially supported"; the R-tree triggers are the 1.3 set to match.)
    public static let userVersion: Int32 = 10300

    public let path: String
    let queue: DatabaseQueue

    public init(path: String, mode: Mode = .create) throws(GeoPackageError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && mode != .create {
            throw GeoPackageError(.notAGeoPackage, "the file does not exist", file: path)
        }
        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.label = "GeoPackage"
        configuration.prepareDatabase { db in
            SpatialFunctions.register(in: db)
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if mode == .create {
                try queue.write { db in
                    if try Self.isBlank(db) { try CoreSchema.create(in: db) }
                }
            }
            try queue.read { db in try CoreSchema.check(db) }
        } catch let error as GeoPackageError {
            throw error.located(file: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw GeoPackageError(.notAGeoPackage, "the file is not an SQLite database", file: path)
        } catch {
            throw Self.converted(error, file: path) ?? GeoPackageError(.sqlite, "\(error)", file: path)
        }
    }

    /// Runs `body` in one write transaction: all of it is written, or, when it throws, none of it.
    @discardableResult
    public func write<T>(_ body: (GeoPackageTransaction) throws -> T) throws -> T {
        do {
            return try queue.write { db in try body(GeoPackageTransaction(db: db, file: path)) }
        } catch {
            throw Self.wrap(error, file: path)
        }
    }

    /// Runs `body` with read access.
    public func read<T>(_ body: (GeoPackageTransaction) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(GeoPackageTransaction(db: db, file: path)) }
        } catch {
            throw Self.wrap(error, file: path)
        }
    }

    /// A database without any table yet: a new or empty file.
    private static func isBlank(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0
    }

    /// SQLite errors become ``GeoPackageError``s naming the file; caller errors pass unchanged.
    static func wrap(_ error: any Error, file: String) -> any Error {
        converted(error, file: file) ?? error
    }

    /// The error as a ``GeoPackageError`` located in the file; nil for errors of other modules.
    static func converted(
        _ error: any Error, file: String, table: String? = nil, fid: Int64? = nil,
        position: Int? = nil
    ) -> GeoPackageError? {
        switch error {
        case let error as GeoPackageError:
            return error.located(file: file, table: table, fid: fid, position: position)
        case let error as DatabaseError:
            let kind: GeoPackageError.Kind = error.resultCode == .SQLITE_CONSTRAINT ? .constraint : .sqlite
            return GeoPackageError(
                kind, error.message ?? "\(error.resultCode)", file: file, table: table, fid: fid,
                position: position)
        default:
            return nil
        }
    }
}
