public import Foundation
public import GeoCore
import WalkNetwork

/// The name of the street each place snaps to on the registry's saved network (the way's OSM `name` tag).
public enum NearestStreet {
    /// One name per place, nil where the place is beyond `maxSnapDistance` of the network, its street has no
    /// name, or the network was saved without names (built before names were kept, or from an unnamed layer).
    public static func names(of places: [Coordinate], registry: String, maxSnapDistance: Double) throws -> [String?] {
        let cache = NetworkFiles(registry: registry).cache
        guard !places.isEmpty, FileManager.default.fileExists(atPath: cache.path) else {
            return places.map { _ in nil }
        }
        let graph = try WalkGraph(contentsOf: cache)
        guard !graph.streetNames.isEmpty else { return places.map { _ in nil } }
        let snaps = try Snapper(graph: graph, maxDistance: maxSnapDistance).snap(places)
        return snaps.map { $0.snappedPoint.flatMap { name(at: $0, in: graph) } }
    }

    /// The snapped edge's name; at a node (a site on a crossing), any named street meeting there.
    private static func name(at point: SnappedPoint, in graph: WalkGraph) -> String? {
        if let name = graph.streetName(of: point.edge) { return name }
        let (source, target) = graph.endpoints(of: point.edge)
        let atNode = point.offset <= 0.5 ? source : point.offset >= graph.length(of: point.edge) - 0.5 ? target : nil
        return atNode.flatMap { node in graph.neighbors(of: node).lazy.compactMap { graph.streetName(of: $0.edge) }.first }
    }
}
