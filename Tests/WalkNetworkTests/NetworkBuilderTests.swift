import Foundation
import GeoCore
import Projection
import Testing
@testable import WalkNetwork

@Suite struct NetworkBuilderTests {
    /// A T: a street A–X–B (keys 1, 10, 2) with a shape vertex S between A and X, and a side street X–C.
    @Test func intersectionsSplitWaysAndShapeVerticesStay() throws {
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (5, 50, 10), (10, 100, 0), (2, 200, 0)],
            [(10, 100, 0), (3, 100, 150)],
        ])
        #expect(graph.nodeCount == 4)  // A, X, B, C; S is a shape vertex
        #expect(graph.edgeCount == 3)
        #expect(graph.interiorVertexCount == 1)
        let x = try TestNetworks.node(graph, 10)
        #expect(graph.degree(of: x) == 3)
        let ax = try TestNetworks.edge(graph, 1, 10)
        let polyline = graph.polyline(of: ax)
        #expect(polyline.count == 3)
        #expect(polyline[1] == TestNetworks.place(50, 10))
        // Length along the polyline, not the chord: 2 × √(50² + 10²).
        #expect(abs(graph.length(of: ax) - 2 * (2600.0).squareRoot()) < 0.01)
        #expect(abs(graph.length(of: try TestNetworks.edge(graph, 10, 2)) - 100) < 0.01)
        #expect(abs(graph.length(of: try TestNetworks.edge(graph, 10, 3)) - 150) < 0.01)
        #expect(graph.wayID(of: ax) == 100)
        #expect(graph.externalID(of: x) == 10)
        #expect(graph.components.count == 1)
        #expect(graph.metricCRS.epsgCode == 4547)  // CGCS2000 3° zone, CM 114°E
        // Metric positions are the projected lon/lat.
        let projected = try CoordinateTransformer(from: .wgs84, to: graph.metricCRS).transform(graph.coordinate(of: x))
        #expect(graph.metricCoordinate(of: x) == projected)
    }

    /// Road layers have no node ids: vertices at the same coordinates (to 1e-7°) are one place.
    @Test func unkeyedVerticesMergeByCoordinates() throws {
        var builder = NetworkBuilder()
        let p = TestNetworks.place
        try builder.add(wayID: 1, vertices: [WayVertex(p(0, 0)), WayVertex(p(100, 0)), WayVertex(p(200, 0))])
        var nearly = p(100, 0)
        nearly.x += 2e-8  // rounds to the same 1e-7° cell
        try builder.add(wayID: 2, vertices: [WayVertex(p(100, -100)), WayVertex(nearly), WayVertex(p(100, 100))])
        let graph = try builder.build()
        #expect(graph.nodeCount == 5)
        #expect(graph.edgeCount == 4)
        #expect(graph.nodeIndices.allSatisfy { graph.externalID(of: $0) == nil })
        #expect(graph.nodeIndices.filter { graph.degree(of: $0) == 4 }.count == 1)
    }

    @Test func profileFiltersAndStatisticsCount() throws {
        let walk = try WalkingProfile.load(named: "walk", in: TestNetworks.profiles)
        var builder = NetworkBuilder(profile: walk, provenance: ["source": "test"])
        let p = TestNetworks.place
        #expect(
            try builder.add(
                wayID: 1, vertices: [WayVertex(p(0, 0), key: 1), WayVertex(p(100, 0), key: 2)],
                tags: ["highway": "footway"]))
        #expect(
            !(try builder.add(
                wayID: 2, vertices: [WayVertex(p(0, 0), key: 1), WayVertex(p(0, 100), key: 3)],
                tags: ["highway": "motorway"])))
        // Collapses to one place: degenerate.
        #expect(
            !(try builder.add(
                wayID: 3, vertices: [WayVertex(p(0, 0), key: 1), WayVertex(p(0, 0), key: 1)], tags: ["highway": "path"]))
        )
        let s = builder.statistics
        #expect(s.waysOffered == 3 && s.waysAccepted == 1 && s.waysRejectedByProfile == 1 && s.waysDegenerate == 1)
        let graph = try builder.build()
        #expect(graph.edgeCount == 1)
        #expect(graph.provenance == ["source": "test", "profile": "walk@1.1.0"])
    }

    @Test func badCoordinatesNameTheWay() {
        var builder = NetworkBuilder()
        #expect {
            try builder.add(
                wayID: 77,
                vertices: [WayVertex(Coordinate(x: 500_000, y: 2_500_000)), WayVertex(TestNetworks.place(0, 0))])
        } throws: { error in
            "\(error)".hasPrefix("way 77: vertex #0 (500000.0,2500000.0) is not a longitude/latitude")
        }
        #expect {
            try NetworkBuilder().build()
        } throws: { error in
            "\(error)".contains("no walkable ways")
        }
    }

    @Test func componentsAreCountedLargestFirstAndDropsReported() throws {
        let graph = try TestNetworks.graph([
            [(1, 0, 0), (2, 100, 0)],  // small island, added first
            [(10, 1000, 0), (11, 1100, 0), (12, 1200, 0)],
            [(11, 1100, 0), (13, 1100, 100)],
        ])
        #expect(graph.components.map(\.nodeCount) == [4, 2])
        #expect(graph.components.map(\.edgeCount) == [3, 1])
        #expect(graph.component(of: try TestNetworks.node(graph, 1)) == 1)
        #expect(graph.component(of: try TestNetworks.node(graph, 13)) == 0)
        let share = graph.share(of: .largest)
        #expect(share.keptNodes == 4 && share.droppedNodes == 2 && share.droppedComponents == 1)
        #expect(abs(share.keptLength - 300) < 0.01 && abs(share.droppedLength - 100) < 0.01)
        #expect(share.description.hasPrefix("kept 1 connected component: 4 of 6 nodes (66.7%), 0.3 of 0.4 km (75.0%)"))
        #expect(share.description.hasSuffix("dropped 1 smaller component (2 nodes, 1 edge, 0.1 km)"))
        #expect(graph.share(of: .all).droppedNodes == 0)
    }

    @Test func aClosedWayIsALoopAtItsEnd() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0), (3, 100, 100), (1, 0, 0)]])
        #expect(graph.nodeCount == 1)
        #expect(graph.edgeCount == 1)
        let loop = EdgeIndex(0)
        #expect(graph.endpoints(of: loop).source == graph.endpoints(of: loop).target)
        #expect(abs(graph.length(of: loop) - (200 + 100 * 2.0.squareRoot())) < 0.01)
        #expect(graph.degree(of: NodeIndex(0)) == 1)
    }

    /// A way crossing itself has a node where it does.
    @Test func aWayUsingAPlaceTwiceHasANodeThere() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0), (3, 100, 100), (2, 100, 0), (4, 200, 0)]])
        #expect(graph.nodeCount == 3)  // 1, 2, 4
        #expect(graph.edgeCount == 3)  // 1–2, the loop 2–3–2, 2–4
    }

    /// The fast distance used for every segment agrees with Karney's geodesic (PROJ) to 1e-5 (the brief
    /// allows 1e-3) up to the 5 km where it hands over, at all latitudes it serves.
    @Test func fastGeodesicAgreesWithPROJ() {
        var random = SplitMix64(seed: 7)
        var worst = 0.0
        for _ in 0..<20_000 {
            let lat = random.unit() * 150 - 75
            let lon = random.unit() * 360 - 180
            let length = 0.5 + random.unit() * 6000
            let a = Coordinate(lon: lon, lat: lat)
            let b = Geodesic.destination(from: a, azimuth: random.unit() * 360, distance: length)
            let fast = FastGeodesic.distance(a, b)
            let exact = Geodesic.distance(a, b)
            worst = max(worst, abs(fast - exact) / exact)
        }
        #expect(worst < 1e-5)
        // Across the antimeridian.
        let east = Coordinate(lon: 179.9995, lat: 10)
        let west = Coordinate(lon: -179.9995, lat: 10)
        #expect(abs(FastGeodesic.distance(east, west) - Geodesic.distance(east, west)) < 1e-3)
    }

    @Test func gridCityHasTheExpectedShape() throws {
        let full = try GridCity.make(nodesPerSide: 20, spacing: 100, removedShare: 0)
        #expect(full.nodeCount == 400)
        #expect(full.edgeCount == 2 * 20 * 19)
        #expect(full.components.count == 1)
        #expect(abs(full.totalLength - 760 * 100) < 76 * 0.5)  // within 0.05 % of 100 m per block
        let holed = try GridCity.make(nodesPerSide: 30, removedShare: 0.2, jitter: 0.3, midpoints: 2, seed: 3)
        #expect(holed.components.count > 1)
        #expect(holed.interiorVertexCount > 0)
        let again = try GridCity.make(nodesPerSide: 30, removedShare: 0.2, jitter: 0.3, midpoints: 2, seed: 3)
        #expect(again.nodeCoordinates == holed.nodeCoordinates && again.edgeLengths == holed.edgeLengths)
        #expect(holed.provenance["source"]?.hasPrefix("synthetic grid city") == true)
    }
}
