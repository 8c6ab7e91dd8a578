public import GeoCore
public import GeometryOps
import Projection
public import WalkNetwork

/// Isochrone polygons: the streets reachable within a walking distance — whole edges and the reachable
/// parts of edges reached only in part — buffered and unioned with GEOS in the network's metric CRS.
public struct Isochrones {
    public let graph: WalkGraph
    /// How far either side of a reachable street counts as reached, metres.
    public let bufferDistance: Double
    /// How the dissolve is split: by default, large areas (a district's reachable streets) are dissolved
    /// in tiles on every core.
    public let tiling: UnionTiling

    public init(graph: WalkGraph, bufferDistance: Double = 25, tiling: UnionTiling = .automatic) {
        self.graph = graph
        self.bufferDistance = bufferDistance
        self.tiling = tiling
    }

    /// The streets and parts of streets reachable from any of `sources` within `distance` metres, and the walk
    /// from each source to its street (EPSG:4326): what ``polygon(from:within:)`` buffers.
    public func reachableLines(from sources: [SnappedPoint], within distance: Double) throws -> [[Coordinate]] {
        guard !sources.isEmpty else { return [] }
        let reach = try ReachabilitySearch(graph: graph).run(from: sources, maxDistance: distance)
        var lines: [[Coordinate]] = []
        for portion in reach.edgePortions {
            for range in portion.ranges where range.upperBound > range.lowerBound {
                lines.append(graph.polyline(of: portion.edge, from: range.lowerBound, to: range.upperBound))
            }
        }
        // The walk from each source to the network counts too.
        for source in sources where source.leg > 0 {
            lines.append([source.position, graph.position(on: source.edge, offset: source.offset)])
        }
        return lines
    }

    /// The area reachable from any of `sources` within `distance` metres, EPSG:4326; nil when nothing is.
    public func polygon(from sources: [SnappedPoint], within distance: Double) throws -> Geometry? {
        let lines = try reachableLines(from: sources, within: distance)
        guard !lines.isEmpty else { return nil }
        let projection = graph.metricProjection
        let metric = try lines.map { Geometry.lineString(try projection.toMetric($0)) }
        let engine = try GeometryEngine()
        let area = try engine.bufferedUnion(
            metric, distance: bufferDistance, quadrantSegments: 4, tiling: tiling, simplification: bufferDistance / 10)
        return try projection.toGeographic(try area.geometry())
    }
}
