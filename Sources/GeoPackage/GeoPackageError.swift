/// Why a GeoPackage could not be opened, read or written, and where: the file, the table, the row
/// (its fid, or its position in a batch that was not yet written) and the column, where known.
public struct GeoPackageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a closed set callers can match on.
    public enum Kind: Hashable, Sendable {
        /// The file is not SQLite, or lacks the GeoPackage core tables.
        case notAGeoPackage
        /// A table or column name cannot be used.
        case invalidName
        /// The table is not in the file (or not registered in `gpkg_contents`).
        case noSuchTable
        /// A table of that name already exists.
        case tableExists
        /// The `srs_id` is not in `gpkg_spatial_ref_sys`, or conflicts with the row there.
        case unknownSRS
        /// A geometry blob cannot be decoded, or a geometry cannot be written to the column.
        case invalidGeometry
        /// A value does not fit its column.
        case invalidValue
        /// SQLite refused a write (a NOT NULL, UNIQUE or foreign key constraint).
        case constraint
        /// Another connection held the lock longer than ``GeoPackageFile/busyTimeout``.
        case busy
        /// Any other SQLite failure.
        case sqlite
    }

    public var kind: Kind
    public var file: String?
    public var table: String?
    /// The row's fid.
    public var fid: Int64?
    /// The row's 1-based position in the batch being written, for rows that have no fid yet.
    public var position: Int?
    public var column: String?
    public var reason: String

    public init(
        _ kind: Kind, _ reason: String, file: String? = nil, table: String? = nil, fid: Int64? = nil,
        position: Int? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.reason = reason
        self.file = file
        self.table = table
        self.fid = fid
        self.position = position
        self.column = column
    }

    public var description: String {
        var place: [String] = []
        if let file { place.append("'\(file)'") }
        if let table { place.append("table '\(table)'") }
        if let fid { place.append("row fid=\(fid)") }
        if let position { place.append("row \(position) of the batch") }
        if let column { place.append("column '\(column)'") }
        return place.isEmpty ? reason : place.joined(separator: ", ") + ": " + reason
    }

    /// The same error with the missing parts of its location filled in.
    func located(file: String? = nil, table: String? = nil, fid: Int64? = nil, position: Int? = nil) -> Self {
        var copy = self
        copy.file = copy.file ?? file
        copy.table = copy.table ?? table
        if copy.fid == nil && copy.position == nil {
            copy.fid = fid
            copy.position = position
        }
        return copy
    }
}
