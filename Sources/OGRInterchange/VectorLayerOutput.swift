public import GeoCore

/// A layer to write through GDAL: typed columns, a row of values per feature and, for formats that carry
/// geometry, a point per feature.
public struct VectorLayerOutput: Sendable {
    public enum FieldType: Hashable, Sendable { case text, integer, real, boolean, date }

    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: FieldType

        public init(name: String, type: FieldType) {
            self.name = name
            self.type = type
        }
    }

    public enum Value: Hashable, Sendable {
        case text(String)
        case integer(Int)
        case real(Double)
        case boolean(Bool)
        /// A civil date.
        case date(year: Int, month: Int, day: Int)
    }

    public var name: String
    public var fields: [Field]
    /// One value per field per row; nil for none.
    public var rows: [[Value?]]
    /// A position per row in `crs`, or nil for a table without geometry (a spreadsheet).
    public var points: [Coordinate]?
    /// The system of `points`, as GDAL reads it (`EPSG:4547`, WKT): it becomes the `.prj`.
    public var crs: String?

    public init(name: String, fields: [Field], rows: [[Value?]], points: [Coordinate]?, crs: String?) {
        self.name = name
        self.fields = fields
        self.rows = rows
        self.points = points
        self.crs = crs
    }
}

/// The files written through GDAL.
public enum VectorOutputFormat: Hashable, Sendable {
    /// An ESRI Shapefile (`.shp`, `.shx`, `.dbf`, `.prj`, `.cpg`), its `.dbf` in UTF-8 or GBK.
    case shapefile(encoding: VectorTextEncoding)
    /// An Excel workbook with one sheet; positions must be columns of the table.
    case xlsx

    var driver: String {
        switch self {
        case .shapefile: "ESRI Shapefile"
        case .xlsx: "XLSX"
        }
    }
}
