/// What resolving ways found, for the report of a network build: nothing is dropped unsaid.
public struct OSMWayResolution: Hashable, Sendable {
    /// Ways whose tags the filter accepted.
    public var waysMatched = 0
    /// Matched ways handed over whole.
    public var waysWhole = 0
    /// Matched ways handed over in pieces (cut by the clip or by missing nodes).
    public var waysCut = 0
    /// Matched ways of which nothing was left: no two consecutive nodes both present and inside.
    public var waysDropped: [OSMWayID] = []
    /// Pieces handed over, whole ways included.
    public var pieces = 0
    /// Distinct nodes that matched ways use.
    public var nodesReferenced = 0
    /// Distinct nodes that matched ways use but the file does not hold (cut off by the extract).
    public var nodesMissing = 0
    /// Distinct nodes outside the clip.
    public var nodesOutsideClip = 0

    public init() {}
}
