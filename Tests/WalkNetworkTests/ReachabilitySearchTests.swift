import GeoCore
import Testing
@testable import WalkNetwork

@Suite struct ReachabilitySearchTests {
    @Test func partialEdgesFromTheEnds() throws {
        // 1–2–3, 100 m blocks, and a 300 m spur 2–4.
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 100, 0)], [(2, 100, 0), (3, 200, 0)], [(2, 100, 0), (4, 100, 300)],
        ])
        let search = ReachabilitySearch(graph: graph)
        let reach = try search.run(from: try TestNetworks.node(graph, 1), maxDistance: 150)
        #expect(reach.nodes.count == 2)
        #expect(abs(reach.distances[1] - 100) < 0.01)
        #expect(reach.edgePortions.count == 3)
        let portions = Dictionary(uniqueKeysWithValues: reach.edgePortions.map { ($0.edge, $0) })
        let e12 = try #require(portions[try TestNetworks.edge(graph, 1, 2)])
        #expect(e12.isComplete)
        let e23 = try #require(portions[try TestNetworks.edge(graph, 2, 3)])
        #expect(!e23.isComplete)
        let fromTwo =
            graph.endpoints(of: e23.edge).source == (try TestNetworks.node(graph, 2)) ? e23.fromStart : e23.fromEnd
        #expect(abs(fromTwo - 50) < 0.01)
        #expect(abs(e23.reachableLength - 50) < 0.01)
        let e24 = try #require(portions[try TestNetworks.edge(graph, 2, 4)])
        #expect(abs(e24.reachableLength - 50) < 0.01)
        // The cut polyline is 50 m long and starts at node 2.
        let range = e23.ranges[0]
        let cut = graph.polyline(of: e23.edge, from: range.lowerBound, to: range.upperBound)
        #expect(cut.count == 2)
        #expect(cut.contains(graph.coordinate(of: try TestNetworks.node(graph, 2))))
        #expect(cut.contains { abs($0.lon - TestNetworks.place(150, 0).lon) < 1e-9 })
    }

    @Test func aSourceInsideALongEdgeReachesAroundItself() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (5, 500, 20), (2, 1000, 0)]])
        let source = try TestNetworks.point(graph, 1, 2, at: 500, leg: 20)
        let search = ReachabilitySearch(graph: graph)
        let reach = try search.run(from: [source], maxDistance: 100)
        #expect(reach.nodes.isEmpty)
        let portion = try #require(reach.edgePortions.first)
        #expect(portion.ranges.count == 1)
        #expect(abs(portion.ranges[0].lowerBound - 420) < 1e-6 && abs(portion.ranges[0].upperBound - 580) < 1e-6)
        #expect(portion.fromStart == 0 && portion.fromEnd == 0)
        // A larger bound reaches both ends and covers the edge; the buffers were reset in between.
        let all = try search.run(from: [source], maxDistance: 600)
        #expect(all.nodes.count == 2)
        #expect(try #require(all.edgePortions.first).isComplete)
        let again = try search.run(from: [source], maxDistance: 100)
        #expect(again.nodes.isEmpty && again.edgePortions == reach.edgePortions)
    }

    @Test func twoSourcesMeetInTheMiddle() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 1000, 0)]])
        let a = try TestNetworks.point(graph, 1, 2, at: 0)
        let b = try TestNetworks.point(graph, 1, 2, at: 1000)
        let reach = try ReachabilitySearch(graph: graph).run(from: [a, b], maxDistance: 300)
        let portion = try #require(reach.edgePortions.first)
        #expect(portion.ranges.count == 2)
        #expect(abs(portion.fromStart - 300) < 0.01 && abs(portion.fromEnd - 300) < 0.01)
        let both = try ReachabilitySearch(graph: graph).run(from: [a, b], maxDistance: 500.01)
        #expect(try #require(both.edgePortions.first).isComplete)
    }

    /// Cutting an edge between two offsets gives a polyline as long as the stretch, following the edge.
    @Test func cutPolylinesHaveTheLengthOfTheirStretch() throws {
        let graph = try GridCity.make(nodesPerSide: 12, removedShare: 0.1, jitter: 0.3, midpoints: 3, seed: 2)
        var random = SplitMix64(seed: 3)
        for _ in 0..<300 {
            let e = EdgeIndex(Int(random.next() % UInt64(graph.edgeCount)))
            let length = graph.length(of: e)
            let a = random.unit() * length
            let b = random.unit() * length
            let cut = graph.polyline(of: e, from: a, to: b)
            let cutLength = zip(cut, cut.dropFirst()).reduce(0) { $0 + FastGeodesic.distance($1.0, $1.1) }
            #expect(abs(cutLength - abs(b - a)) < 1e-6 * length + 1e-6)
            #expect(cut.first == graph.position(on: e, offset: min(a, b)))
            // Interior vertices of the cut are vertices of the edge.
            let vertices = Set(graph.polyline(of: e).map { "\($0)" })
            #expect(cut.dropFirst().dropLast().allSatisfy { vertices.contains("\($0)") })
        }
        let whole = EdgeIndex(0)
        #expect(graph.polyline(of: whole, from: 0, to: graph.length(of: whole)) == graph.polyline(of: whole))
        #expect(graph.polyline(of: whole, from: -5, to: 1e9) == graph.polyline(of: whole))
    }
}
