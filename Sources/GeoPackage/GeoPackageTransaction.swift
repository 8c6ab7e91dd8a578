import Foundation
import GRDB

/// Access to a GeoPackage inside ``GeoPackageFile/read(_:)`` or ``GeoPackageFile/write(_:)``.
/// Valid only inside that closure. Errors name the file, table, row and column.
public struct GeoPackageTransaction {
    let db: Database
    /// The file's path, for messages.
    public let file: String
    /// Table definitions read in this transaction; forgotten when this module changes a table.
    let definitions = DefinitionCache()

    init(db: Database, file: String) {
        self.db = db
        self.file = file
    }

    /// An error located in this file (and the table, when given).
    func error(
        _ kind: GeoPackageError.Kind, _ reason: String, table: String? = nil, fid: Int64? = nil,
        position: Int? = nil, column: String? = nil
    ) -> GeoPackageError {
        GeoPackageError(kind, reason, file: file, table: table, fid: fid, position: position, column: column)
    }

    /// Whether a table, view or virtual table of that name exists.
    func sqliteTableExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = ? COLLATE NOCASE",
            arguments: [name]) ?? false
    }
}

@available(*, unavailable)
extension GeoPackageTransaction: Sendable {}

/// The table definitions one transaction has read (nil: the table is not registered).
final class DefinitionCache {
    var tables: [String: TableDefinition?] = [:]
}

extension String {
    /// The name as a quoted SQL identifier.
    var quotedIdentifier: String { "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
