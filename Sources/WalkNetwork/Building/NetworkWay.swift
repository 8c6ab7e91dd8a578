public import GeoCore

/// One vertex of a way fed to ``NetworkBuilder``: a longitude/latitude (EPSG:4326) and, for OSM, the node id.
///
/// Vertices with the same `key` are one place of the network. Vertices without a key (road layers) are
/// one place when their coordinates agree to 1e-7 degrees (about 1 cm).
public struct WayVertex: Hashable, Sendable {
    public var coordinate: Coordinate
    /// The external node id (OSM node id), or nil.
    public var key: Int64?

    public init(_ coordinate: Coordinate, key: Int64? = nil) {
        self.coordinate = coordinate
        self.key = key
    }
}

/// A way as a source hands it to ``NetworkBuilder``: its external id, its vertices in order, its tags.
public struct NetworkWay: Hashable, Sendable {
    public var id: Int64
    public var vertices: [WayVertex]
    public var tags: [String: String]

    public init(id: Int64, vertices: [WayVertex], tags: [String: String] = [:]) {
        self.id = id
        self.vertices = vertices
        self.tags = tags
    }
}
