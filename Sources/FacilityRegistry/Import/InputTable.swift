public import GeoCore

/// An input file read into rows of text cells, whatever its format: the common ground on which
/// every import maps columns, parses values and checks coordinates, so CSV, GeoJSON and
/// GeoPackage rows get the same checks and the same messages.
public struct InputTable: Sendable {
    /// Where each row's position comes from.
    public enum Location: Sendable {
        /// Coordinate columns of a table (CSV): the cells' text is parsed per row.
        case columns(x: String, y: String)
        /// A geometry per row (GeoJSON, GeoPackage).
        case geometry
    }

    public struct Row: Sendable {
        /// The line (CSV) or feature number (1-based) the row came from.
        public var number: Int
        /// Column → text; absent or empty for no value.
        public var cells: [String: String]
        /// The row's geometry, for `.geometry` tables.
        public var geometry: Geometry?

        public init(number: Int, cells: [String: String], geometry: Geometry? = nil) {
            self.number = number
            self.cells = cells
            self.geometry = geometry
        }
    }

    public var file: String
    public var header: [String]
    public var rows: [Row]
    public var location: Location
    /// The CRS the file states, if it states one (a GeoPackage's srs, GeoJSON's default WGS84).
    public var declaredCRS: String?
    /// "line" or "feature", for messages.
    public var rowLabel: String

    public init(
        file: String, header: [String], rows: [Row], location: Location, declaredCRS: String?, rowLabel: String
    ) {
        self.file = file
        self.header = header
        self.rows = rows
        self.location = location
        self.declaredCRS = declaredCRS
        self.rowLabel = rowLabel
    }
}
