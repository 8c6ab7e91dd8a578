import Foundation
public import GeoCore

/// The type of a user column, as the GeoPackage specification names them (Table 1, data types).
public enum ColumnType: String, Hashable, Sendable, CaseIterable {
    case integer = "INTEGER"
    case real = "REAL"
    case text = "TEXT"
    /// Stored as 0 or 1.
    case boolean = "BOOLEAN"
    /// Stored as text `YYYY-MM-DD`.
    case date = "DATE"
    /// Stored as text `YYYY-MM-DDTHH:MM:SS.SSSZ` (UTC).
    case dateTime = "DATETIME"
    case blob = "BLOB"

    /// The column type for a declared SQL type, as GeoPackage writers declare them
    /// (`MEDIUMINT`, `TEXT(50)`, `DOUBLE`…); unknown declarations read as text.
    public init(declared: String) {
        let base = declared.uppercased().prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces)
        switch base {
        case "INTEGER", "INT", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT": self = .integer
        case "REAL", "DOUBLE", "FLOAT", "NUMERIC": self = .real
        case "BOOLEAN": self = .boolean
        case "DATE": self = .date
        case "DATETIME": self = .dateTime
        case "BLOB": self = .blob
        default: self = .text
        }
    }
}

/// One user column of a table (not the fid, not the geometry).
public struct Column: Hashable, Sendable {
    public var name: String
    public var type: ColumnType
    public var notNull: Bool
    public var unique: Bool

    public init(_ name: String, _ type: ColumnType, notNull: Bool = false, unique: Bool = false) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.unique = unique
    }
}

/// The geometry type of a geometry column, as `gpkg_geometry_columns.geometry_type_name` names it.
public enum GeometryType: String, Hashable, Sendable, CaseIterable {
    case geometry = "GEOMETRY"
    case point = "POINT"
    case lineString = "LINESTRING"
    case polygon = "POLYGON"
    case multiPoint = "MULTIPOINT"
    case multiLineString = "MULTILINESTRING"
    case multiPolygon = "MULTIPOLYGON"
    case geometryCollection = "GEOMETRYCOLLECTION"

    /// The type of one geometry.
    public init(of geometry: Geometry) {
        switch geometry {
        case .point: self = .point
        case .lineString: self = .lineString
        case .polygon: self = .polygon
        case .multiPoint: self = .multiPoint
        case .multiLineString: self = .multiLineString
        case .multiPolygon: self = .multiPolygon
        case .geometryCollection: self = .geometryCollection
        }
    }

    /// The narrowest type that admits every geometry: their common type, else `GEOMETRY`.
    public init(covering geometries: some Sequence<Geometry>) {
        let types = Set(geometries.map(GeometryType.init(of:)))
        self = types.count == 1 ? types.first ?? .geometry : .geometry
    }

    /// Whether a column of this type may hold the geometry (its own type, or anything for `GEOMETRY`).
    public func admits(_ geometry: Geometry) -> Bool {
        self == .geometry || self == GeometryType(of: geometry)
    }
}

/// The geometry column of a feature table.
public struct GeometryColumn: Hashable, Sendable {
    public var name: String
    public var type: GeometryType
    public var srsID: Int32
    /// Whether the table gets the R-tree spatial index extension.
    public var spatialIndex: Bool

    public init(name: String = "geom", type: GeometryType, srsID: Int32, spatialIndex: Bool = true) {
        self.name = name
        self.type = type
        self.srsID = srsID
        self.spatialIndex = spatialIndex
    }
}

/// A user table: a feature table when it has a geometry column, an attributes table otherwise.
public struct TableDefinition: Hashable, Sendable {
    public var name: String
    /// The INTEGER PRIMARY KEY AUTOINCREMENT column.
    public var primaryKey: String
    public var geometry: GeometryColumn?
    public var columns: [Column]
    /// `gpkg_contents.identifier`, a human-readable name; the table name when nil.
    public var identifier: String?
    /// `gpkg_contents.description`.
    public var description: String?

    public init(
        name: String, primaryKey: String = "fid", geometry: GeometryColumn? = nil, columns: [Column],
        identifier: String? = nil, description: String? = nil
    ) {
        self.name = name
        self.primaryKey = primaryKey
        self.geometry = geometry
        self.columns = columns
        self.identifier = identifier
        self.description = description
    }

    /// `gpkg_contents.data_type`.
    public var dataType: String { geometry == nil ? "attributes" : "features" }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}
