public import GeoCore

/// A way with the coordinates of its nodes: the whole way, or one piece of it where a clip or nodes
/// missing from the file cut it.
public struct OSMResolvedWay: Hashable, Sendable {
    public var id: OSMWayID
    /// The way's nodes in order (at least two), each with its coordinate at the same position.
    public var nodeIDs: [OSMNodeID]
    public var coordinates: [Coordinate]
    public var tags: OSMTags
    /// Which piece of the way this is, counting from 0 in the way's direction.
    public var piece: Int
    /// Whether this is all of the way, uncut.
    public var isWhole: Bool

    public init(
        id: OSMWayID, nodeIDs: [OSMNodeID], coordinates: [Coordinate], tags: OSMTags, piece: Int = 0,
        isWhole: Bool = true
    ) {
        self.id = id
        self.nodeIDs = nodeIDs
        self.coordinates = coordinates
        self.tags = tags
        self.piece = piece
        self.isWhole = isWhole
    }
}
