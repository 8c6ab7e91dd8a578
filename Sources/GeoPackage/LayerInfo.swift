public import GeoCore

/// What `gpkg_contents` and `gpkg_geometry_columns` say about one user table, plus its row count.
public struct LayerInfo: Hashable, Sendable {
    public var name: String
    /// `features`, `attributes`, or another data type (e.g. `tiles`) this module does not read.
    public var dataType: String
    public var identifier: String?
    public var description: String?
    /// The geometry column; nil for attributes tables.
    public var geometry: GeometryColumn?
    /// The `srs_id`: the geometry column's, else `gpkg_contents`'.
    public var srsID: Int32?
    public var featureCount: Int
    /// The bounds `gpkg_contents` records.
    public var bounds: BoundingBox?

    public init(
        name: String, dataType: String, identifier: String? = nil, description: String? = nil,
        geometry: GeometryColumn? = nil, srsID: Int32? = nil, featureCount: Int, bounds: BoundingBox? = nil
    ) {
        self.name = name
        self.dataType = dataType
        self.identifier = identifier
        self.description = description
        self.geometry = geometry
        self.srsID = srsID
        self.featureCount = featureCount
        self.bounds = bounds
    }
}

/// A layer as features: what the generic writer takes and the reader returns. Column values
/// become JSON properties (numbers, strings, booleans, null); the fid becomes the feature id.
public struct FeatureLayer: Hashable, Sendable {
    public var name: String
    /// The geometry column's type and SRS; nil for an attributes table.
    public var geometry: GeometryColumn?
    public var columns: [Column]
    public var features: [Feature]

    public init(name: String, geometry: GeometryColumn?, columns: [Column], features: [Feature]) {
        self.name = name
        self.geometry = geometry
        self.columns = columns
        self.features = features
    }

    public var srsID: Int32? { geometry?.srsID }
}
