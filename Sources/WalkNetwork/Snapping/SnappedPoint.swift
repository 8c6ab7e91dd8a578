public import GeoCore

/// A place on the network: a point on an edge, `offset` metres along it from its source node, reached from
/// the original place by a straight `leg` (metres) that counts as walking.
///
/// Searches seed an edge's ends from a snapped source (source node: `leg + offset`, target node:
/// `leg + length − offset`) and read a snapped target's distance the same way.
public struct SnappedPoint: Hashable, Sendable {
    public var edge: EdgeIndex
    /// Metres along the edge's polyline from its source node, in `0...length`.
    public var offset: Double
    /// Metres from the original place to ``position``; counts as walking.
    public var leg: Double
    /// The point on the edge, longitude/latitude.
    public var position: Coordinate

    public init(edge: EdgeIndex, offset: Double, leg: Double, position: Coordinate) {
        self.edge = edge
        self.offset = offset
        self.leg = leg
        self.position = position
    }

    /// ``offset`` as a share of the edge's length, 0…1 (0 on an edge of length 0).
    public func fraction(in graph: WalkGraph) -> Double {
        let length = graph.length(of: edge)
        return length > 0 ? min(max(offset / length, 0), 1) : 0
    }
}

/// What became of one place given to ``Snapper``. Callers list the unsnapped ones; they are never dropped.
public enum SnapResult: Hashable, Sendable {
    case snapped(SnappedPoint)
    /// Nothing within the snapper's maximum distance. `nearestDistance` is the distance to the nearest edge
    /// of the chosen components when it lies within the snapper's search radius, else nil.
    case unsnapped(nearestDistance: Double?)

    public var snappedPoint: SnappedPoint? {
        if case .snapped(let point) = self { return point }
        return nil
    }
}

extension WalkGraph {
    /// The place of a node as a snapped point with no leg: on its first edge, at the end it shares.
    public func snappedPoint(at node: NodeIndex) -> SnappedPoint? {
        guard node.index >= 0, node.index < nodeCount, degree(of: node) > 0 else { return nil }
        let edge = Int(arcEdges[Int(arcOffsets[node.index])])
        let offset = Int(edgeSources[edge]) == node.index ? 0 : edgeLengths[edge]
        return SnappedPoint(edge: EdgeIndex(edge), offset: offset, leg: 0, position: nodeCoordinates[node.index])
    }

    /// A snapped point `offset` metres along `edge` from its source, with a leg. Fails when the edge is
    /// not in this graph or the offset is not on it.
    public func point(on edge: EdgeIndex, offset: Double, leg: Double = 0) throws(WalkNetworkError) -> SnappedPoint {
        guard edge.index >= 0, edge.index < edgeCount else {
            throw .invalidArgument("\(edge) is not in this network of \(edgeCount) edges")
        }
        let length = edgeLengths[edge.index]
        guard offset.isFinite, offset >= 0, offset <= length else {
            throw .invalidArgument("offset \(offset) m is not on \(edge), which is \(length) m long")
        }
        guard leg.isFinite, leg >= 0 else { throw .invalidArgument("leg \(leg) m is not a distance") }
        return SnappedPoint(edge: edge, offset: offset, leg: leg, position: position(on: edge, offset: offset))
    }
}
