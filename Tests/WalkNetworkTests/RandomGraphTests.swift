import Foundation
import GeoCore
import Testing
@testable import WalkNetwork

/// The searches against Floyd–Warshall on random small graphs. The reference splits every edge at the
/// snapped points on it and hangs each point's leg off it as an edge of its own, so it knows nothing
/// of seeding, offsets or same-edge shortcuts: it only adds up lengths.
@Suite struct RandomGraphTests {
    struct Case {
        var graph: WalkGraph
        var sources: [SnappedPoint]
        var targets: [SnappedPoint]
    }

    static func randomCase(seed: UInt64) throws -> Case {
        var random = SplitMix64(seed: seed)
        let nodeCount = 5 + Int(random.next() % 40)
        let places = (0..<nodeCount).map { _ in (random.unit() * 2000, random.unit() * 2000) }
        var builder = NetworkBuilder()
        let edgeCount = nodeCount + Int(random.next() % UInt64(2 * nodeCount))
        for w in 0..<edgeCount {
            let a = Int(random.next() % UInt64(nodeCount))
            // Mostly near neighbours, sometimes anyone; some shape vertices; now and then a parallel edge.
            var b = Int(random.next() % UInt64(nodeCount))
            if a == b { b = (a + 1) % nodeCount }
            var vertices = [WayVertex(TestNetworks.place(places[a].0, places[a].1), key: Int64(a))]
            for _ in 0..<Int(random.next() % 3) {
                vertices.append(WayVertex(TestNetworks.place(random.unit() * 2000, random.unit() * 2000)))
            }
            vertices.append(WayVertex(TestNetworks.place(places[b].0, places[b].1), key: Int64(b)))
            try builder.add(wayID: Int64(w), vertices: vertices)
        }
        let graph = try builder.build()
        func randomPoint() throws -> SnappedPoint {
            let e = EdgeIndex(Int(random.next() % UInt64(graph.edgeCount)))
            let roll = random.unit()
            let length = graph.length(of: e)
            let offset = roll < 0.1 ? 0 : roll < 0.2 ? length : random.unit() * length
            let leg = random.unit() < 0.3 ? 0 : random.unit() * 100
            return try graph.point(on: e, offset: offset, leg: leg)
        }
        let sources = try (0..<(1 + Int(random.next() % 8))).map { _ in try randomPoint() }
        var targets = try (0..<(1 + Int(random.next() % 12))).map { _ in try randomPoint() }
        // Targets on a source's edge, and on a source itself.
        if let s = sources.first {
            targets.append(try graph.point(on: s.edge, offset: random.unit() * graph.length(of: s.edge), leg: 3))
            targets.append(s)
        }
        return Case(graph: graph, sources: sources, targets: targets)
    }

    /// All-pairs distances over graph nodes + the points on edges + the places the legs come from.
    /// Returns the matrix and, for each point, the index of its place.
    static func reference(_ c: Case) -> (distance: [[Double]], sourcePlace: [Int], targetPlace: [Int]) {
        let g = c.graph
        let points = c.sources + c.targets
        let n = g.nodeCount + 2 * points.count
        var d = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: n)
        for i in 0..<n { d[i][i] = 0 }
        func link(_ a: Int, _ b: Int, _ w: Double) {
            d[a][b] = min(d[a][b], w)
            d[b][a] = min(d[b][a], w)
        }
        for e in g.edgeIndices {
            let (u, v) = g.endpoints(of: e)
            // The chain u – points on e by offset – v.
            let on = points.indices.filter { points[$0].edge == e }.sorted { points[$0].offset < points[$1].offset }
            var previous = u.index
            var at = 0.0
            for p in on {
                link(previous, g.nodeCount + p, points[p].offset - at)
                previous = g.nodeCount + p
                at = points[p].offset
            }
            link(previous, v.index, g.length(of: e) - at)
        }
        for (p, point) in points.enumerated() { link(g.nodeCount + p, g.nodeCount + points.count + p, point.leg) }
        for k in 0..<n {
            for i in 0..<n where d[i][k] < .infinity {
                for j in 0..<n where d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] }
            }
        }
        let place = { (p: Int) in g.nodeCount + points.count + p }
        return (d, c.sources.indices.map(place), c.targets.indices.map { place(c.sources.count + $0) })
    }

    @Test(arguments: 0..<60)
    func nearestAndKNearestMatchFloydWarshall(seed: Int) throws {
        let c = try Self.randomCase(seed: UInt64(seed) &* 7919 &+ 1)
        let (d, sourcePlace, targetPlace) = Self.reference(c)
        var random = SplitMix64(seed: UInt64(seed))
        let bound = random.unit() < 0.2 ? Double.infinity : 300 + random.unit() * 3000
        let search = NearestFacilitySearch(graph: c.graph)
        for k in [1, 2, 3] {
            let result = try search.run(sources: c.sources, maxDistance: bound, k: k)
            let found = try result.distances(to: c.targets)
            for t in c.targets.indices {
                // Reference: distinct sources by distance, then index; within the bound.
                let expected = c.sources.indices
                    .map { SourceDistance(source: $0, distance: d[sourcePlace[$0]][targetPlace[t]]) }
                    .filter { $0.distance <= bound }
                    .sorted { ($0.distance, $0.source) < ($1.distance, $1.source) }
                    .prefix(k)
                let got = found.sources(of: t)
                #expect(got.count == expected.count, "seed \(seed) k \(k) target \(t)")
                for (g, e) in zip(got, expected) {
                    #expect(abs(g.distance - e.distance) < 1e-6 * max(1, e.distance), "seed \(seed) k \(k) target \(t)")
                    // The same source, unless another lies at the same distance (rounding decides ties then).
                    if g.source != e.source {
                        #expect(abs(d[sourcePlace[g.source]][targetPlace[t]] - e.distance) < 1e-6 * max(1, e.distance))
                    }
                }
            }
            // Every node's labels.
            for node in c.graph.nodeIndices {
                let expected = c.sources.indices
                    .map { SourceDistance(source: $0, distance: d[sourcePlace[$0]][node.index]) }
                    .filter { $0.distance <= bound }
                    .sorted { ($0.distance, $0.source) < ($1.distance, $1.source) }
                    .prefix(k)
                let got = result.sources(of: node)
                #expect(got.count == expected.count)
                for (g, e) in zip(got, expected) { #expect(abs(g.distance - e.distance) < 1e-6 * max(1, e.distance)) }
            }
        }
    }

    @Test(arguments: 0..<30)
    func reachabilityMatchesFloydWarshall(seed: Int) throws {
        let c = try Self.randomCase(seed: UInt64(seed) &* 104_729 &+ 3)
        let (d, sourcePlace, _) = Self.reference(c)
        let bound = 200 + Double(seed) * 50
        let reach = try ReachabilitySearch(graph: c.graph).run(from: c.sources, maxDistance: bound)
        let fromSources = { (x: Int) in sourcePlace.map { d[$0][x] }.min() ?? .infinity }
        // Nodes and their distances.
        let expectedNodes = c.graph.nodeIndices.filter { fromSources($0.index) <= bound }
        #expect(Set(reach.nodes) == Set(expectedNodes), "seed \(seed)")
        for (node, distance) in zip(reach.nodes, reach.distances) {
            #expect(abs(distance - fromSources(node.index)) < 1e-6 * max(1, distance))
        }
        #expect(reach.distances == reach.distances.sorted())
        // Reachable length of each edge: sample points along it.
        let portions = Dictionary(uniqueKeysWithValues: reach.edgePortions.map { ($0.edge, $0) })
        for e in c.graph.edgeIndices {
            let (u, v) = c.graph.endpoints(of: e)
            let length = c.graph.length(of: e)
            let onEdge = c.sources.filter { $0.edge == e }
            for step in 0...20 {
                let x = min(length * Double(step) / 20, length)
                var best = min(fromSources(u.index) + x, fromSources(v.index) + length - x)
                for s in onEdge { best = min(best, s.leg + abs(s.offset - x)) }
                let covered = portions[e]?.ranges.contains { $0.contains(x) } ?? false
                if best < bound - 1e-6 { #expect(covered, "seed \(seed) \(e) at \(x)") }
                if best > bound + 1e-6 { #expect(!covered, "seed \(seed) \(e) at \(x)") }
            }
        }
    }
}
