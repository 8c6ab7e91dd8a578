public import GeoCore

/// A point of interest found in an OSM file: a node, or a way placed at the centroid of its nodes.
public struct OSMFeature: Hashable, Sendable {
    public var element: OSMElementID
    /// The node's position, or the mean of a way's distinct nodes.
    public var coordinate: Coordinate
    public var tags: OSMTags
    /// The positions, in the extractor's `filters`, of the filters this feature matches.
    public var matchedFilters: [Int]

    public init(element: OSMElementID, coordinate: Coordinate, tags: OSMTags, matchedFilters: [Int]) {
        self.element = element
        self.coordinate = coordinate
        self.tags = tags
        self.matchedFilters = matchedFilters
    }
}

/// What an extraction found.
public struct OSMFeatureExtraction: Hashable, Sendable {
    /// Nodes in file order, then ways in file order.
    public var features: [OSMFeature] = []
    /// Matching ways none of whose nodes the file holds, so they have no position.
    public var waysWithoutCoordinates: [OSMWayID] = []
    /// Matching elements left out because their position is outside the clip.
    public var outsideClip = 0

    public init() {}
}
