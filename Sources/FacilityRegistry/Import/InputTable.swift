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
        public var cells: Cells
        /// The row's geometry, for `.geometry` tables.
        public var geometry: Geometry?

        public init(number: Int, cells: Cells, geometry: Geometry? = nil) {
            self.number = number
            self.cells = cells
            self.geometry = geometry
        }
    }

    /// A row's text by column: one array of values beside the table's one index of column positions,
    /// so a million rows hold their values and not a million dictionaries.
    public struct Cells: Sendable {
        public let columns: Columns
        /// By column position, empty for no value (a CSV row's own array, shared, not copied).
        let values: [String]

        public init(columns: Columns, values: [String]) {
            self.columns = columns
            self.values = values
        }

        /// Cells given by name (tests, small tables); names not in `columns` are dropped.
        public init(columns: Columns, _ cells: [String: String]) {
            var values = [String](repeating: "", count: columns.names.count)
            for (name, text) in cells { if let at = columns.position(of: name) { values[at] = text } }
            self.init(columns: columns, values: values)
        }

        /// The text of the named column; nil when the row has none or it is empty.
        public subscript(column: String) -> String? {
            guard let at = columns.position(of: column), at < values.count, !values[at].isEmpty else { return nil }
            return values[at]
        }

        /// Every column with a value, as a dictionary (tags of a road layer).
        public var dictionary: [String: String] {
            var cells: [String: String] = [:]
            for (at, value) in values.enumerated() where !value.isEmpty { cells[columns.names[at]] = value }
            return cells
        }
    }

    /// Column names and their positions, shared by every row of a table.
    public final class Columns: Sendable {
        public let names: [String]
        private let positions: [String: Int]

        /// Names as given; a repeated name keeps its first position.
        public init(_ names: [String]) {
            self.names = names
            positions = Dictionary(zip(names, names.indices), uniquingKeysWith: { first, _ in first })
        }

        public func position(of name: String) -> Int? { positions[name] }
    }

    public var file: String
    public var header: [String]
    public var rows: [Row]
    public var location: Location
    /// The CRS the file states, if it states one (a GeoPackage's srs, GeoJSON's default WGS84).
    public var declaredCRS: String?
    /// "line" or "feature", for messages.
    public var rowLabel: String
    /// Where the file states `declaredCRS` ("its .prj", "the layer's SRS") when it states it itself rather than by
    /// its format's default: a `--crs` that contradicts such a statement is refused.
    public var crsStatement: String?
    /// The text encoding the rows were decoded from, when the file left it open (a Shapefile's `.dbf`).
    public var textEncoding: String?
    /// The one column that held both coordinates as "lng,lat" (AMap's `location`), when the location columns
    /// were split from it.
    public var pairColumn: String?

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
