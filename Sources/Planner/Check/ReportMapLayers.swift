import Coverage
public import FacilityKit
public import GeoCore
public import Reports
import Rules
public import WalkNetwork

/// What the report maps draw from the walking network: its streets, and per rule the streets its facilities
/// reach on foot.
public enum ReportMapLayers {
    /// The graph's edges as streets, each ranked by the length of its whole way; with `area`, only the edges
    /// whose extent meets it (widened by a tenth on each side), so a province's network under a district's
    /// maps costs only the district's streets.
    public static func streets(of graph: WalkGraph, within area: BoundingBox?, source: String) -> StreetLayer {
        var wayLengths: [Int64: Double] = [:]
        for edge in graph.edgeIndices { wayLengths[graph.wayID(of: edge), default: 0] += graph.length(of: edge) }
        let window = area.flatMap { box in
            let dx = (box.maxX - box.minX) / 10
            let dy = (box.maxY - box.minY) / 10
            return BoundingBox(covering: [
                Coordinate(x: box.minX - dx, y: box.minY - dy), Coordinate(x: box.maxX + dx, y: box.maxY + dy),
            ])
        }
        var lines: [StreetLine] = []
        for edge in graph.edgeIndices {
            let points = graph.polyline(of: edge)
            if let window, let box = BoundingBox(covering: points), !box.intersects(window) { continue }
            lines.append(StreetLine(points: points, wayLength: wayLengths[graph.wayID(of: edge)] ?? 0))
        }
        return StreetLayer(lines: lines, source: source)
    }

    /// The street portions reachable within `meters` from the facilities (snapped as the analyses snap them),
    /// with the walk from each facility to its street; nil when none snaps.
    public static func walkingArea(
        from locations: [Coordinate], meters: Double, graph: WalkGraph, snapper: Snapper
    ) throws -> WalkingArea? {
        let sources = try snapper.snap(locations.filter(\.isValidGeographic)).compactMap(\.snappedPoint)
        guard !sources.isEmpty else { return nil }
        let isochrones = Isochrones(graph: graph)
        let lines = try isochrones.reachableLines(from: sources, within: meters)
        return WalkingArea(meters: meters, lines: lines, bufferMeters: isochrones.bufferDistance)
    }
}

extension RuleMeasure {
    /// The walking distance the rule reads, where it reads one on the network: a coverage rule's, a per-capita
    /// rule's two-step floating catchment's.
    public var walkingDistance: Double? {
        switch self {
        case .coverage(_, _, let within, _): within
        case .perCapita(_, _, _, _, .twoStepFloatingCatchment(let within), _): within
        case .perCapita, .presence, .count, .attribute, .mandate: nil
        }
    }
}
