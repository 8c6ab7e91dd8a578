import Foundation
import GeoCore
import Projection
import Testing
@testable import WalkNetwork

/// Small hand-made networks near Guangzhou, laid out in metres east/north of an origin.
enum TestNetworks {
    static let origin = Coordinate(lon: 113.30, lat: 23.10)

    /// The position `east`, `north` metres from the origin (tangent plane; exact to well under a millimetre
    /// at these distances).
    static func place(_ east: Double, _ north: Double) -> Coordinate {
        let a = 6_378_137.0
        let f = 1 / 298.257223563
        let e2 = f * (2 - f)
        let phi = origin.lat * .pi / 180
        let w2 = 1 - e2 * sin(phi) * sin(phi)
        let m = a * (1 - e2) / (w2 * w2.squareRoot())
        let n = a / w2.squareRoot()
        return Coordinate(
            lon: origin.lon + east / (n * cos(phi)) * 180 / .pi, lat: origin.lat + north / m * 180 / .pi)
    }

    /// A graph of ways given as lists of (key, east, north); vertices with the same key are one place.
    static func graph(_ ways: [[(Int64, Double, Double)]], profile: WalkingProfile? = nil) throws -> WalkGraph {
        var builder = NetworkBuilder(profile: profile)
        for (i, way) in ways.enumerated() {
            try builder.add(
                wayID: Int64(100 + i), vertices: way.map { WayVertex(place($0.1, $0.2), key: $0.0) },
                tags: ["highway": "footway"])
        }
        return try builder.build()
    }

    /// The node whose external id is `key`.
    static func node(_ graph: WalkGraph, _ key: Int64) throws -> NodeIndex {
        try #require(graph.nodeIndices.first { graph.externalID(of: $0) == key })
    }

    /// The edge joining the nodes keyed `a` and `b` (either direction).
    static func edge(_ graph: WalkGraph, _ a: Int64, _ b: Int64) throws -> EdgeIndex {
        let u = try node(graph, a)
        let v = try node(graph, b)
        return try #require(
            graph.edgeIndices.first {
                let ends = graph.endpoints(of: $0)
                return (ends.source == u && ends.target == v) || (ends.source == v && ends.target == u)
            })
    }

    /// A snapped point `metresFromA` along the edge from node `a` to node `b`, with a leg.
    static func point(_ graph: WalkGraph, _ a: Int64, _ b: Int64, at metresFromA: Double, leg: Double = 0) throws
        -> SnappedPoint
    {
        let e = try edge(graph, a, b)
        let fromSource = graph.endpoints(of: e).source == (try node(graph, a))
        let offset = fromSource ? metresFromA : graph.length(of: e) - metresFromA
        return try graph.point(on: e, offset: offset, leg: leg)
    }

    /// The repository's `GeoData/profiles`.
    static let profiles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GeoData/profiles")

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "walknetwork-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
