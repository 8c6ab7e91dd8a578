import Foundation
import GeoCore
import Testing
@testable import WalkNetwork

/// Hand-checked searches on small graphs. Distances are in metres; graphs are laid out in metres
/// (``TestNetworks/place(_:_:)``), so lengths are the plane lengths to well under a millimetre.
@Suite struct NearestFacilitySearchTests {
    static let tolerance = 0.01

    /// A (1) at (0,0), B (2) at (100,0), C (3) at (100,100), D (4) at (0,100); sides and the diagonal A–C.
    func square() throws -> WalkGraph {
        try TestNetworks.graph([
            [(1, 0, 0), (2, 100, 0)], [(2, 100, 0), (3, 100, 100)], [(3, 100, 100), (4, 0, 100)],
            [(4, 0, 100), (1, 0, 0)],
            [(1, 0, 0), (3, 100, 100)],
        ])
    }

    @Test func squareWithADiagonal() throws {
        let graph = try square()
        #expect(graph.nodeCount == 4 && graph.edgeCount == 5)
        let a = try #require(graph.snappedPoint(at: try TestNetworks.node(graph, 1)))
        let result = try NearestFacilitySearch(graph: graph).run(sources: [a], maxDistance: 1000)
        func at(_ key: Int64) throws -> Double {
            try #require(result.sources(of: try TestNetworks.node(graph, key)).first).distance
        }
        #expect(abs(try at(1)) < Self.tolerance)
        #expect(abs(try at(2) - 100) < Self.tolerance)
        #expect(abs(try at(3) - 100 * 2.0.squareRoot()) < Self.tolerance)  // the diagonal, not 200 round
        #expect(abs(try at(4) - 100) < Self.tolerance)
        // The middle of B–C: 150 via B, 141.4 + 50 via C: 150.
        let target = try TestNetworks.point(graph, 2, 3, at: 50)
        let d = try #require(try result.distances(to: [target]).nearest(0))
        #expect(abs(d.distance - 150) < Self.tolerance && d.source == 0)
        // 30 m along C–D from C: via C (141.42 + 30) beats via D (100 + 70).
        let nearC = try TestNetworks.point(graph, 3, 4, at: 30)
        #expect(abs(try #require(try result.distances(to: [nearC]).nearest(0)).distance - 170) < Self.tolerance)
    }

    /// A line 1–2–3–4, 100 m blocks: a source in the middle of 1–2 with a leg, targets along the line.
    @Test func aLineWithLegsOnBothSides() throws {
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 100, 0)], [(2, 100, 0), (3, 200, 0)], [(3, 200, 0), (4, 300, 0)],
        ])
        let source = try TestNetworks.point(graph, 1, 2, at: 40, leg: 12)
        let result = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 1000)
        let node1 = try TestNetworks.node(graph, 1)
        let node4 = try TestNetworks.node(graph, 4)
        #expect(abs(try #require(result.sources(of: node1).first).distance - 52) < Self.tolerance)
        #expect(abs(try #require(result.sources(of: node4).first).distance - 272) < Self.tolerance)
        let target = try TestNetworks.point(graph, 3, 4, at: 25, leg: 8)
        let d = try #require(try result.distances(to: [target]).nearest(0))
        #expect(abs(d.distance - (12 + 60 + 100 + 25 + 8)) < Self.tolerance)
    }

    @Test func anotherComponentIsNotReached() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0)], [(3, 500, 0), (4, 600, 0)]])
        let source = try TestNetworks.point(graph, 1, 2, at: 50)
        let target = try TestNetworks.point(graph, 3, 4, at: 50)
        let result = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: .infinity)
        let distances = try result.distances(to: [target, nil, source])
        #expect(distances.nearest(0) == nil)
        #expect(distances.nearest(1) == nil)  // an unsnapped target stays in place, with nothing
        #expect(distances.nearest(2)?.distance == 0)
        #expect(result.sources(of: try TestNetworks.node(graph, 3)).isEmpty)
    }

    /// Source and target on one long edge: the direct stretch between them, not a detour through an end.
    @Test func sourceAndTargetOnTheSameEdge() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 1000, 0)], [(2, 1000, 0), (3, 1000, 100), (1, 0, 0)]])
        let source = try TestNetworks.point(graph, 1, 2, at: 300, leg: 5)
        let target = try TestNetworks.point(graph, 1, 2, at: 700, leg: 7)
        for k in [1, 2] {
            let result = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 1000, k: k)
            let d = try #require(try result.distances(to: [target]).nearest(0))
            #expect(abs(d.distance - 412) < Self.tolerance)
        }
        // A target behind the source on the same edge.
        let behind = try TestNetworks.point(graph, 1, 2, at: 100)
        let result = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 1000)
        #expect(abs(try #require(try result.distances(to: [behind]).nearest(0)).distance - 205) < Self.tolerance)
    }

    /// Snapping a point 30 m off the middle of an edge: offset 50, leg 30, and the leg counts.
    @Test func snapToTheMiddleOfAnEdgeCountsTheLeg() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0)], [(2, 100, 0), (3, 100, 100)]])
        let snapper = try Snapper(graph: graph)
        let snapped = try #require(try snapper.snap(TestNetworks.place(50, 30)).snappedPoint)
        let ab = try TestNetworks.edge(graph, 1, 2)
        #expect(snapped.edge == ab)
        let fromA =
            graph.endpoints(of: ab).source == (try TestNetworks.node(graph, 1)) ? snapped.offset : 100 - snapped.offset
        #expect(abs(fromA - 50) < Self.tolerance)
        #expect(abs(snapped.leg - 30) < Self.tolerance)
        #expect(abs(snapped.fraction(in: graph) - 0.5) < 1e-4)
        // From node 3: 100 + 50 + 30.
        let source = try #require(graph.snappedPoint(at: try TestNetworks.node(graph, 3)))
        let result = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 500)
        #expect(abs(try #require(try result.distances(to: [snapped]).nearest(0)).distance - 180) < Self.tolerance)
        // The bound excludes what lies beyond it, legs included.
        let tight = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 179.9)
        #expect(try tight.distances(to: [snapped]).nearest(0) == nil)
        let exact = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 180.05)
        #expect(try exact.distances(to: [snapped]).nearest(0) != nil)
    }

    @Test func boundStopsTheSearch() throws {
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 100, 0)], [(2, 100, 0), (3, 200, 0)], [(3, 200, 0), (4, 300, 0)],
        ])
        let source = try #require(graph.snappedPoint(at: try TestNetworks.node(graph, 1)))
        let result = try NearestFacilitySearch(graph: graph).run(sources: [source], maxDistance: 250)
        #expect(result.sources(of: try TestNetworks.node(graph, 3)).count == 1)
        #expect(result.sources(of: try TestNetworks.node(graph, 4)).isEmpty)
        let t = try TestNetworks.point(graph, 3, 4, at: 49)
        let u = try TestNetworks.point(graph, 3, 4, at: 51)
        let d = try result.distances(to: [t, u])
        #expect(d.nearest(0) != nil && d.nearest(1) == nil)
    }

    /// A line 1–2–3–4–5, 100 m blocks; target at 3. Sources: two at node 1 (an exact tie at 200 m, as
    /// two facilities in one building), one at 2 (100 m) and one at 5 (~200 m).
    @Test func kthNearestWithTies() throws {
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 100, 0)], [(2, 100, 0), (3, 200, 0)], [(3, 200, 0), (4, 300, 0)],
            [(4, 300, 0), (5, 400, 0)],
        ])
        let at = { (key: Int64) in try #require(graph.snappedPoint(at: try TestNetworks.node(graph, key))) }
        let target = try at(3)
        for (sources, names) in [
            ([try at(1), try at(2), try at(1)], ["first at 1", "at 2", "second at 1"]),
            ([try at(2), try at(1), try at(1)], ["at 2", "first at 1", "second at 1"]),
        ] {
            let result = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: 1000, k: 3)
            let d = try result.distances(to: [target])
            let found = d.sources(of: 0)
            #expect(found.count == 3)
            #expect(names[found[0].source] == "at 2" && abs(found[0].distance - 100) < Self.tolerance)
            // The tie at 200 m: both, the lower source index first.
            #expect(found[1].distance == found[2].distance && abs(found[1].distance - 200) < Self.tolerance)
            #expect(names[found[1].source] == "first at 1" && names[found[2].source] == "second at 1")
            #expect(d.kthNearest(0) == found[2])
            // With k = 2 the tie is broken the same way: the second nearest is the lower index.
            let two = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: 1000, k: 2)
            #expect(try two.distances(to: [target]).kthNearest(0) == found[1])
            // With a bound of 150 m only one is within reach: no 2nd nearest.
            let bounded = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: 150, k: 2)
            let b = try bounded.distances(to: [target])
            #expect(b.nearest(0)?.distance.rounded() == 100 && b.kthNearest(0) == nil)
        }
        // A fourth source at 5, also about 200 m away: k = 4 finds all four, ordered by distance then index.
        let four = [try at(1), try at(5), try at(2), try at(1)]
        let found = try NearestFacilitySearch(graph: graph).run(sources: four, maxDistance: 1000, k: 4)
            .distances(to: [target]).sources(of: 0)
        #expect(found.map(\.source).sorted() == [0, 1, 2, 3])
        #expect(found[0].source == 2)
        #expect(zip(found, found.dropFirst()).allSatisfy { ($0.distance, $0.source) < ($1.distance, $1.source) })
        // k = 1 with the tie only: the lower index wins.
        let tie = try NearestFacilitySearch(graph: graph).run(sources: [try at(1), try at(1)], maxDistance: 1000)
        #expect(try tie.distances(to: [target]).nearest(0)?.source == 0)
        #expect(tie.sources(of: try TestNetworks.node(graph, 5)).first?.source == 0)
    }

    /// Distinct sources: one source reached over two routes counts once.
    @Test func kNearestCountsEachSourceOnce() throws {
        let graph = try square()
        let a = try #require(graph.snappedPoint(at: try TestNetworks.node(graph, 1)))
        let result = try NearestFacilitySearch(graph: graph).run(sources: [a], maxDistance: 1000, k: 3)
        let c = try #require(graph.snappedPoint(at: try TestNetworks.node(graph, 3)))
        let d = try result.distances(to: [c])
        #expect(d.sources(of: 0).count == 1)
        #expect(abs(d.nearest(0)!.distance - 100 * 2.0.squareRoot()) < Self.tolerance)
    }

    @Test func badInputIsRefused() throws {
        let graph = try square()
        let search = NearestFacilitySearch(graph: graph)
        let bad = SnappedPoint(edge: EdgeIndex(99), offset: 0, leg: 0, position: TestNetworks.origin)
        #expect { try search.run(sources: [bad], maxDistance: 100) } throws: {
            "\($0)" == "source #0: edge 99 is not in this network of 5 edges"
        }
        let beyond = SnappedPoint(edge: EdgeIndex(0), offset: 500, leg: 0, position: TestNetworks.origin)
        #expect { try search.run(sources: [beyond], maxDistance: 100) } throws: {
            "\($0)".hasPrefix("source #0: offset 500.0 m is not on edge 0")
        }
        #expect(throws: WalkNetworkError.self) { try search.run(sources: [], maxDistance: -1) }
        #expect(throws: WalkNetworkError.self) { try search.run(sources: [], maxDistance: 10, k: 0) }
        let result = try search.run(sources: [], maxDistance: 100)
        #expect { try result.distances(to: [nil, beyond]) } throws: { "\($0)".hasPrefix("target #1:") }
        // Of several bad targets, the first in the list is named.
        let alsoBeyond = SnappedPoint(edge: EdgeIndex(3), offset: 900, leg: 0, position: TestNetworks.origin)
        let fine = try #require(graph.snappedPoint(at: NodeIndex(0)))
        #expect { try result.distances(to: [fine, alsoBeyond, beyond]) } throws: { "\($0)".hasPrefix("target #1:") }
    }

    @Test func severalKindsConcurrentlyMatchOneByOne() throws {
        let graph = try GridCity.make(nodesPerSide: 40, removedShare: 0.1, jitter: 0.2, midpoints: 1, seed: 9)
        let snapper = try Snapper(graph: graph)
        var random = SplitMix64(seed: 21)
        let places: [Coordinate] = (0..<300).map { _ in
            let east: Double = random.unit() * 3900
            let north: Double = random.unit() * 3900
            return TestNetworks.place(east, north)
        }
        let snapped = try snapper.snap(places).map(\.snappedPoint)
        // Nine kinds, one of them without facilities: on two cores, more than run at once (four).
        let kinds = [
            Array(snapped.prefix(10)), Array(snapped.dropFirst(10).prefix(25)), Array(snapped.dropFirst(35).prefix(3)),
            Array(snapped.dropFirst(38).prefix(1)), Array(snapped.dropFirst(39).prefix(40)), [],
            Array(snapped.dropFirst(79).prefix(7)), Array(snapped.dropFirst(86).prefix(12)),
            Array(snapped.dropFirst(98).prefix(2)),
        ]
        .map { $0.compactMap { $0 } }
        for k in [1, 3] {
            let together = try NearestFacilitySearch.distances(
                in: graph, from: kinds, to: snapped, maxDistance: 1500, k: k)
            for (kind, sources) in kinds.enumerated() {
                let alone = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: 1500, k: k)
                    .distances(to: snapped)
                for t in 0..<snapped.count {
                    #expect(together[kind].sources(of: t) == alone.sources(of: t))
                }
            }
        }
    }

    /// Jobs beyond the thread limit wait for a thread; results come back in job order, every job run once.
    @Test func searchThreadsRunEveryJobOnceInOrder() {
        for (count, limit) in [(0, 2), (1, 2), (3, 2), (9, 2), (9, 1), (5, 16)] {
            let results = SearchThreads.run(count, limit: limit) { i in (i, i * i) }
            #expect(results.map(\.0) == Array(0..<count))
            #expect(results.map(\.1) == (0..<count).map { $0 * $0 })
        }
    }
}
