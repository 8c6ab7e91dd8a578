import Foundation
import GRDB

/// A GeoPackage file (OGC GeoPackage 1.3): a SQLite database with the `gpkg_*` core tables.
/// Every connection gets the `ST_*` functions the R-tree triggers call. Reads and writes go
/// through ``read(_:)`` and ``write(_:)``; a write is one transaction, rolled back when its body throws.
///
/// Many readers, one writer: a file opened for writing is put in WAL mode (`PRAGMA journal_mode=WAL`, kept in the
/// file), so readers see the last commit while a writer works and never wait for it. Write transactions begin
/// IMMEDIATE, taking the write lock before they read, so a second writer waits its turn from the start (up to
/// ``busyTimeout``) instead of failing when it upgrades a read. A crash leaves `-wal`/`-shm` files that the next
/// open, read-only included, reads as they are: there is no hot journal to roll back.
public final class GeoPackageFile: Sendable {
    /// How to open a file.
    public enum Mode: Sendable {
        /// Open an existing GeoPackage without writing to it.
        case readOnly
        /// Open an existing GeoPackage for reading and writing.
        case readWrite
        /// Open the GeoPackage, creating it (with the core tables) when the file is missing or empty.
        case create
        /// Create a new file under a temporary name, to be renamed into place once complete (an output built
        /// beside its target). Nobody reads it meanwhile, so it keeps SQLite's rollback journal: when the last
        /// write commits the file is whole by itself, with no -wal to carry along.
        case build
    }

    /// `PRAGMA application_id`: 'GPKG'.
    public static let applicationID: Int32 = 0x4750_4B47
    /// `PRAGMA user_version`: GeoPackage 1.3.0. (1.4 makes GDAL 3.6 warn that it "may only be
    /// partially supported"; the R-tree triggers are the 1.3 set to match.)
    public static let userVersion: Int32 = 10300

    /// How long a connection waits for another one's lock (a writer for the write lock, a reader for a WAL
    /// recovery) before it gives up with ``GeoPackageError/Kind/busy``.
    public static let busyTimeout: Double = 60

    public let path: String
    let queue: DatabaseQueue
    private let readOnly: Bool

    public init(path: String, mode: Mode = .create) throws(GeoPackageError) {
        self.path = path
        readOnly = mode == .readOnly
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && (mode == .readOnly || mode == .readWrite) {
            throw GeoPackageError(.notAGeoPackage, "the file does not exist", file: path)
        }
        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.label = "GeoPackage"
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            SpatialFunctions.register(in: db)
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if mode == .create || mode == .build {
                try queue.inTransaction(.immediate) { db in
                    if try Self.isBlank(db) { try CoreSchema.create(in: db) }
                    return .commit
                }
            }
            // After the core tables, so that the header GDAL reads from the file itself (application_id,
            // user_version) is in the main file, not only in the -wal. A file already in WAL mode is left as it is.
            if mode == .create || mode == .readWrite {
                try queue.inDatabase { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
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

    deinit {
        guard readOnly else { return }
        try? queue.close()
        Self.removeIdleSideFiles(of: path)
    }

    /// A read-only connection cannot delete the `-wal` and `-shm` files it found or made when it closes (that
    /// takes the file's write lock), so they stay beside the file. A brief read-write open does it as GDAL does
    /// after a read-only open: SQLite closes it with a checkpoint and removes them, but only when no other
    /// connection has the file open. A file the user cannot write keeps them.
    private static func removeIdleSideFiles(of path: String) {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: path + "-wal") || fileManager.fileExists(atPath: path + "-shm"),
            fileManager.isWritableFile(atPath: path)
        else { return }
        var configuration = Configuration()
        configuration.label = "GeoPackage cleanup"
        _ = try? DatabaseQueue(path: path, configuration: configuration)
    }

    /// Runs `body` in one write transaction: all of it is written, or, when it throws, none of it.
    /// The transaction begins IMMEDIATE: it waits (up to ``busyTimeout``) for any other writer first.
    @discardableResult
    public func write<T>(_ body: (GeoPackageTransaction) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.inTransaction(.immediate) { db in
                result = try body(GeoPackageTransaction(db: db, file: path))
                return .commit
            }
            return result!
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

    /// Writes a consistent copy of the file as of its last commit to `path` (`VACUUM INTO`), whatever a writer is
    /// doing meanwhile; a plain file copy would miss what is still in the `-wal` file.
    public func copy(to path: String) throws {
        do {
            try queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        } catch {
            throw Self.wrap(error, file: self.path)
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
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY:
            return GeoPackageError(
                .busy,
                "another program has held the file's write lock for \(Int(busyTimeout)) s; gave up waiting "
                    + "(try again when it has finished)",
                file: file, table: table, fid: fid, position: position)
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
