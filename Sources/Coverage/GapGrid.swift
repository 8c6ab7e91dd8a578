public import GeoCore
import GeometryOps
import Projection
public import WalkNetwork

/// The cells of a metric grid over the study area, each with the walking distance from its centre to the
/// nearest facility: the gap map shows the cells beyond the threshold (or off the network).
public struct GapGrid {
    public struct Cell: Sendable {
        /// The cell square, EPSG:4326.
        public var polygon: Geometry
        public var center: Coordinate
        /// Metres to the nearest facility; nil when none is reachable or the centre is off the network.
        public var distance: Double?
        public var snapped: Bool
    }

    public let graph: WalkGraph
    public let cellSize: Double
    public let maxSnapDistance: Double

    public init(graph: WalkGraph, cellSize: Double = 100, maxSnapDistance: Double = 250) {
        self.graph = graph
        self.cellSize = cellSize
        self.maxSnapDistance = maxSnapDistance
    }

    /// Cells whose centre lies in `area` (EPSG:4326; default: the network's convex hull), with distances
    /// to the nearest of `facilities`.
    public func cells(area: Geometry?, facilities: [Coordinate]) throws -> [Cell] {
        let projection = graph.metricProjection
        let engine = try GeometryEngine()
        let study: PlanarGeometry
        if let area {
            study = try PlanarGeometry(try projection.toMetric(area), in: engine)
        } else {
            study = try PlanarGeometry(.multiPoint(graph.nodeMetricCoordinates), in: engine).convexHull()
        }
        let grid = try study.prepared().squareGrid(cellSize: cellSize)
        let centers = try projection.toGeographic(grid.map(\.center))
        let snapper = try Snapper(graph: graph, maxDistance: maxSnapDistance)
        let targets = try snapper.snap(centers).map(\.snappedPoint)
        let sources = try snapper.snap(facilities).compactMap(\.snappedPoint)
        let distances = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: .infinity)
            .distances(to: targets)
        return try grid.indices.map { i in
            Cell(
                polygon: try projection.toGeographic(grid[i].polygon), center: centers[i],
                distance: distances.nearest(i)?.distance, snapped: targets[i] != nil)
        }
    }
}
