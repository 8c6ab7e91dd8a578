import Foundation
import GeoCore
import Projection
import Testing
@testable import WalkNetwork

@Suite struct SnapperTests {
    @Test func farPlacesAreListedWithTheirDistance() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 1000, 0)]])
        let snapper = try Snapper(graph: graph, maxDistance: 250)
        let results = try snapper.snap([
            TestNetworks.place(500, 249), TestNetworks.place(500, 400), TestNetworks.place(1300, 0),
            TestNetworks.place(500, 5000),
        ])
        #expect(results.count == 4)
        #expect(abs(try #require(results[0].snappedPoint).leg - 249) < 0.01)
        guard case .unsnapped(let d1?) = results[1] else { Issue.record("expected unsnapped with a distance"); return }
        #expect(abs(d1 - 400) < 0.5)
        guard case .unsnapped(let d2?) = results[2] else { Issue.record("expected unsnapped with a distance"); return }
        #expect(abs(d2 - 300) < 0.5)
        // Beyond the search radius (10 × 250 m): no distance.
        #expect(results[3] == .unsnapped(nearestDistance: nil))
    }

    @Test func setsAsideFragmentsButKeepsEveryPartWithStreets() throws {
        // A long main street, 20 m from the first place a 200 m fragment, and 2 km away a town of its own (800 m).
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 500, 0), (3, 1000, 0)],
            [(10, 400, 100), (11, 600, 100)],
            [(20, 3000, 0), (21, 3400, 0), (22, 3800, 0)],
        ])
        let snapper = try Snapper(graph: graph)
        let nearFragment = try #require(try snapper.snap(TestNetworks.place(500, 80)).snappedPoint)
        #expect(graph.component(of: nearFragment.edge) == 0)
        let inTown = try #require(try snapper.snap(TestNetworks.place(3400, 30)).snappedPoint)
        #expect(graph.component(of: inTown.edge) != 0, "the 800 m town is a part of its own")
        #expect(abs(inTown.leg - 30) < 0.01)
        let share = graph.share(of: .analysed)
        #expect(share.keptComponents == 2 && share.droppedComponents == 1)
        #expect(abs(share.droppedLength - 200) < 1)
    }

    @Test func snapsToTheChosenComponents() throws {
        // A long main street and, 20 m from the place, a small island.
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 500, 0), (3, 1000, 0)],
            [(10, 400, 100), (11, 600, 100)],
        ])
        let place = TestNetworks.place(500, 80)
        let main = try #require(try Snapper(graph: graph, components: .largest).snap(place).snappedPoint)
        #expect(graph.component(of: main.edge) == 0)
        #expect(abs(main.leg - 80) < 0.01)
        let any = try #require(try Snapper(graph: graph, components: .all).snap(place).snappedPoint)
        #expect(graph.component(of: any.edge) == 1)
        #expect(abs(any.leg - 20) < 0.01)
        let island = try #require(try Snapper(graph: graph, components: .only([1])).snap(place).snappedPoint)
        #expect(island.edge == any.edge)
        #expect(try Snapper(graph: graph, components: .only([7])).snap(place) == .unsnapped(nearestDistance: nil))
        // Within 50 m there is only the island, which is not a candidate: unsnapped, 80 m from the main street.
        let far = try Snapper(graph: graph, maxDistance: 50, components: .largest).snap(place)
        #expect(far.snappedPoint == nil)
        #expect(abs((far.nearestDistanceForTest ?? 0) - 80) < 0.5)
    }

    @Test func atAnIntersectionTheLowestEdgeWins() throws {
        let graph = try TestNetworks.graph([
            [(1, -100, 0), (2, 0, 0), (3, 100, 0)], [(4, 0, -100), (2, 0, 0), (5, 0, 100)],
        ])
        let snapped = try #require(try Snapper(graph: graph).snap(TestNetworks.place(0, 0)).snappedPoint)
        #expect(snapped.edge == EdgeIndex(0))
        #expect(snapped.leg < 0.01)
    }

    /// The grid index finds what a search of every segment finds.
    @Test func gridAgreesWithBruteForce() throws {
        let graph = try GridCity.make(
            nodesPerSide: 25, spacing: 80, removedShare: 0.15, jitter: 0.3, midpoints: 2, seed: 5)
        let snapper = try Snapper(graph: graph, maxDistance: 120, components: .all)
        var random = SplitMix64(seed: 11)
        let places = (0..<800).map { _ in TestNetworks.place(random.unit() * 2400 - 200, random.unit() * 2400 - 200) }
        let results = try snapper.snap(places)
        let metric = try CoordinateTransformer(from: .wgs84, to: graph.metricCRS).transform(places)
        for (i, p) in metric.enumerated() {
            var best = Double.infinity
            for e in graph.edgeIndices {
                let line = graph.metricPolyline(of: e)
                for (a, b) in zip(line, line.dropFirst()) {
                    let dx = b.x - a.x, dy = b.y - a.y
                    let l2 = dx * dx + dy * dy
                    let t = l2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0), 1) : 0
                    let qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y
                    best = min(best, (qx * qx + qy * qy).squareRoot())
                }
            }
            switch results[i] {
            case .snapped(let point):
                #expect(best <= 120.2)
                // The leg is geodesic, the search metric: they agree to the CRS's scale error.
                #expect(abs(point.leg - best) < 1e-3 * best + 0.01)
                #expect(point.offset >= 0 && point.offset <= graph.length(of: point.edge))
                let back = graph.position(on: point.edge, offset: point.offset)
                #expect(abs(back.lon - point.position.lon) < 1e-7 && abs(back.lat - point.position.lat) < 1e-7)
            case .unsnapped(let d):
                #expect(best > 119.8)
                if let d { #expect(abs(d - best) < 1e-3 * best + 0.01) }
            }
        }
    }

    @Test func badPlacesAreRefused() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 1000, 0)]])
        #expect {
            try Snapper(graph: graph).snap([TestNetworks.place(0, 0), Coordinate(x: 500_000, y: 2_500_000)])
        } throws: { "\($0)".hasPrefix("place #1 (500000.0,2500000.0) is not a longitude/latitude") }
        #expect(throws: WalkNetworkError.self) { try Snapper(graph: graph, maxDistance: -5) }
    }
}

extension SnapResult {
    var nearestDistanceForTest: Double? {
        if case .unsnapped(let d) = self { return d }
        return nil
    }
}
