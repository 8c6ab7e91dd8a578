public import GeoCore

/// A node: a point with an id and, for a few of them, tags.
public struct OSMNode: Hashable, Sendable {
    public var id: OSMNodeID
    /// Longitude and latitude (WGS 84), exactly as the file stores them (1e-7° for PBF).
    public var coordinate: Coordinate
    /// Empty when the node has none, or when the read asked for nodes without tags.
    public var tags: OSMTags

    public init(id: OSMNodeID, coordinate: Coordinate, tags: OSMTags = OSMTags()) {
        self.id = id
        self.coordinate = coordinate
        self.tags = tags
    }
}
