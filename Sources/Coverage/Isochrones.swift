public import GeoCore
public import GeometryOps
import Projection
public import WalkNetwork

/// Isochrone polygons: the area within ``bufferDistance`` of the streets reachable within a walking distance —
/// whole edges and the reachable parts of edges reached only in part — in the network's metric CRS.
public struct Isochrones {
    /// How the area around the reachable streets is made.
    public enum Method: Hashable, Sendable {
        /// The distance to the nearest reachable street sampled every `resolution` metres and contoured at the
        /// buffer distance (``ContouredBuffer``), simplified at a tenth of the resolution (coarser
        /// simplification takes area off every convex bend): one pass over a lattice, seconds for a whole
        /// 1M-node city.
        case raster(resolution: Double)
        /// GEOS's buffer of every reachable portion (4 segments a quarter circle) and their union, split as
        /// `tiling` says, simplified at a tenth of the buffer distance. Exact to GEOS's circle segments, but
        /// its union grows faster than linearly: tens of seconds for a 100k-node district.
        case exact(tiling: UnionTiling)

        /// 5 m lattice: the area of a 25 m buffer to within half a per cent (it fills concave corners by up
        /// to a cell; ContouredBufferTests, IsochroneTests, Docs/performance.md).
        public static let standard = Method.raster(resolution: 5)
    }

    /// An isochrone: its polygons in EPSG:4326 and the area they cover, m² (measured in the metric CRS).
    public struct Area: Sendable {
        public var geometry: Geometry
        public var squareMetres: Double
    }

    public let graph: WalkGraph
    /// How far either side of a reachable street counts as reached, metres.
    public let bufferDistance: Double
    public let method: Method

    public init(graph: WalkGraph, bufferDistance: Double = 25, method: Method = .standard) {
        self.graph = graph
        self.bufferDistance = bufferDistance
        self.method = method
    }

    /// The GEOS buffer-and-union method with this tiling.
    public init(graph: WalkGraph, bufferDistance: Double = 25, tiling: UnionTiling) {
        self.init(graph: graph, bufferDistance: bufferDistance, method: .exact(tiling: tiling))
    }

    /// The area reachable from any of `sources` within `distance` metres, EPSG:4326; nil when nothing is.
    public func polygon(from sources: [SnappedPoint], within distance: Double) throws -> Geometry? {
        try area(from: sources, within: distance)?.geometry
    }

    /// The area reachable from any of `sources` within `distance` metres, with its size; nil when nothing is.
    public func area(from sources: [SnappedPoint], within distance: Double) throws -> Area? {
        let lines = try reachableMetricLines(from: sources, within: distance)
        guard !lines.isEmpty else { return nil }
        let simplification = bufferDistance / 10
        switch method {
        case .raster(let resolution):
            let area = try ContouredBuffer(
                distance: bufferDistance, resolution: resolution, simplification: resolution / 10
            ).area(of: lines)
            // Not checked with GEOS here: `isValid` of a district's one polygon with 100 000 holes takes far longer
            // than tracing it (36 s against 1.3 s on the 100k grid). Validity is checked in ContouredBufferTests,
            // IsochroneTests and by lifecircle-bench; `restoreInvalidPolygons(in:)` repairs where needed.
            guard !area.polygons.isEmpty else { return nil }
            return Area(
                geometry: try graph.metricProjection.toGeographic(area.geometry), squareMetres: area.area)
        case .exact(let tiling):
            let metric = lines.map { Geometry.lineString($0) }
            let union = try GeometryEngine().bufferedUnion(
                metric, distance: bufferDistance, quadrantSegments: 4, tiling: tiling, simplification: simplification)
            return Area(
                geometry: try graph.metricProjection.toGeographic(try union.geometry()), squareMetres: try union.area)
        }
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
        for source in sources where source.leg > 0 {
            lines.append([source.position, graph.position(on: source.edge, offset: source.offset)])
        }
        return lines
    }

    /// As ``reachableLines(from:within:)``, in the metric CRS (the network's own metric vertices: no PROJ call
    /// but for the sources' walks).
    public func reachableMetricLines(from sources: [SnappedPoint], within distance: Double) throws -> [[Coordinate]] {
        guard !sources.isEmpty else { return [] }
        let reach = try ReachabilitySearch(graph: graph).run(from: sources, maxDistance: distance)
        var lines: [[Coordinate]] = []
        lines.reserveCapacity(reach.edgePortions.count)
        for portion in reach.edgePortions {
            for range in portion.ranges where range.upperBound > range.lowerBound {
                lines.append(graph.metricPolyline(of: portion.edge, from: range.lowerBound, to: range.upperBound))
            }
        }
        // The walk from each source to the network counts too.
        let legs = sources.filter { $0.leg > 0 }
        if !legs.isEmpty {
            let starts = try graph.metricProjection.toMetric(legs.map(\.position))
            for (source, start) in zip(legs, starts) {
                let onNetwork = graph.metricPolyline(of: source.edge, from: source.offset, to: source.offset)[0]
                lines.append([start, onNetwork])
            }
        }
        return lines
    }
}
