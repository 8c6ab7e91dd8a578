public import GeoCore

/// One layer of a vector file read through GDAL's OGR: its columns, and every feature as text cells and a
/// geometry. Text is UTF-8 whatever the file's encoding; numbers are written as OGR writes them, dates as
/// `YYYY-MM-DD`.
public struct VectorTable: Sendable {
    public var file: String
    /// GDAL's short name of the driver that read it: "ESRI Shapefile", "XLSX", "LIBKML", "OpenFileGDB", …
    public var driver: String
    public var layer: String
    /// The attribute columns, in the file's order.
    public var columns: [String]
    public var rows: [VectorRow]
    /// The coordinate system the file states (a Shapefile's `.prj`, a layer's SRS): `EPSG:code` when GDAL
    /// identifies one, else WKT2. Nil when the file states none.
    public var crs: String?
    /// Where `crs` comes from, for messages: "its .prj", "the layer's SRS".
    public var crsSource: String
    /// The text encoding the attributes were decoded from, when the format has a choice (a `.dbf`): e.g.
    /// "UTF-8 (its .cpg)", "GB18030 (detected)". Nil for formats that are always Unicode.
    public var encoding: String?
    /// Whether any feature has a geometry (a spreadsheet has none; its positions are in columns).
    public var hasGeometry: Bool
    /// Spreadsheets (XLSX, XLS, ODS) number rows as the sheet does, so `VectorRow.fid` is the row a user sees.
    public var isSpreadsheet: Bool
    /// GDAL's warnings while reading.
    public var warnings: [String]
}

/// One feature: its OGR feature id (a spreadsheet's row number, a Shapefile's 0-based record number), a text
/// value per column (nil where the field is unset or null), and its geometry.
public struct VectorRow: Sendable {
    public var fid: Int64
    public var values: [String?]
    public var geometry: Geometry?
}

/// How a file's text is decoded where the format leaves it open (a Shapefile's `.dbf`).
public enum VectorTextEncoding: Hashable, Sendable {
    /// As the file declares it (`.cpg`, the `.dbf`'s code page); if it declares nothing, UTF-8 when every text
    /// is valid UTF-8, else GB18030 (GBK's superset), which is what a `.dbf` from a Chinese office usually is.
    case detect
    case utf8
    /// GB18030, GBK's superset.
    case gbk
}

/// What to read: the layer of a file with several, and how to decode a `.dbf`.
public struct VectorReadOptions: Sendable {
    public var layer: String?
    public var encoding: VectorTextEncoding

    public init(layer: String? = nil, encoding: VectorTextEncoding = .detect) {
        self.layer = layer
        self.encoding = encoding
    }
}
