public import GeoCore

/// One row of a user table: its fid (nil before it is written), its geometry (nil for NULL, and
/// for an empty point) and its column values by name (a missing name is NULL).
public struct FeatureRow: Hashable, Sendable {
    public var fid: Int64?
    public var geometry: Geometry?
    public var values: [String: ColumnValue]

    public init(fid: Int64? = nil, geometry: Geometry? = nil, values: [String: ColumnValue] = [:]) {
        self.fid = fid
        self.geometry = geometry
        self.values = values
    }

    public subscript(column: String) -> ColumnValue {
        values[column] ?? .null
    }
}
