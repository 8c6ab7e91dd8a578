/// A way: an ordered list of node references. Its coordinates are those of its nodes, which come
/// separately (see `OSMWayResolver`).
public struct OSMWay: Hashable, Sendable {
    public var id: OSMWayID
    public var nodeIDs: [OSMNodeID]
    public var tags: OSMTags

    public init(id: OSMWayID, nodeIDs: [OSMNodeID], tags: OSMTags = OSMTags()) {
        self.id = id
        self.nodeIDs = nodeIDs
        self.tags = tags
    }

    /// Whether the way ends where it starts (an area or a roundabout), with at least one node between.
    public var isClosed: Bool { nodeIDs.count > 2 && nodeIDs.first == nodeIDs.last }
}
