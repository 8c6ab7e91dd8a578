import Coverage
import Foundation
import GeoCore
import TestSupport
import Testing
import WalkNetwork

/// Two-step floating catchment on small networks whose answers are worked out by hand, and the property
/// that supply is conserved on a larger synthetic one.
@Suite("Two-step floating catchment")
struct FloatingCatchmentTests {
    /// A straight street of seven crossings 100 m apart (nodes 0…6 from west to east), each block its own way.
    struct Street {
        let graph: WalkGraph
        let positions: [Coordinate]

        init() throws {
            // 100 m of longitude at 23.1° N (WGS 84 radius of curvature in the prime vertical).
            let a = 6_378_137.0
            let e2 = (1 / 298.257223563) * (2 - 1 / 298.257223563)
            let phi = 23.1 * Double.pi / 180
            let metresPerDegree = a / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * cos(phi) * .pi / 180
            positions = (0...6).map { Coordinate(lon: 113.3 + Double($0) * 100 / metresPerDegree, lat: 23.1) }
            var builder = NetworkBuilder(provenance: ["source": "test street"])
            for block in 0..<6 {
                try builder.add(NetworkWay(
                    id: Int64(block + 1),
                    vertices: [WayVertex(positions[block], key: Int64(block)), WayVertex(positions[block + 1], key: Int64(block + 1))],
                    tags: ["highway": "residential"]))
            }
            graph = try builder.build()
        }

        /// The graph's node at crossing `k`.
        func node(_ k: Int) throws -> NodeIndex {
            try #require(graph.nodeIndices.first {
                abs(graph.coordinate(of: $0).lon - positions[k].lon) < 1e-9
            })
        }

        /// A place exactly at crossing `k`.
        func at(_ k: Int) throws -> SnappedPoint {
            try #require(graph.snappedPoint(at: try node(k)))
        }

        /// A place on the block from crossing `k` to `k + 1`, `share` of the way from `k`, `leg` metres off it.
        func onBlock(_ k: Int, share: Double, leg: Double = 0) throws -> SnappedPoint {
            let from = try node(k)
            let to = try node(k + 1)
            let edge = try #require(graph.neighbors(of: from).first { $0.node == to }?.edge)
            let length = graph.length(of: edge)
            let offset = graph.endpoints(of: edge).source == from ? share * length : (1 - share) * length
            return try graph.point(on: edge, offset: offset, leg: leg)
        }
    }

    static func supply(_ amounts: [Double]) -> [FloatingCatchment.Supply] {
        amounts.enumerated().map { .init(id: "s\($0.offset)", location: Coordinate(lon: 0, lat: 0), amount: $0.element) }
    }

    static func demand(_ populations: [Double]) -> [FloatingCatchment.Demand] {
        populations.enumerated().map { .init(id: "d\($0.offset)", location: Coordinate(lon: 0, lat: 0), population: $0.element) }
    }

    /// 10 places at crossing 0, 20 at crossing 6; 100, 200 and 300 residents at crossings 1, 3 and 5.
    /// Within 350 m the first reaches crossings 1 and 3, the second 3 and 5:
    /// R₀ = 10 / 300, R₁ = 20 / 500; A = 1000·R₀, 1000·(R₀ + R₁), 1000·R₁.
    @Test func classicTwoStepSharesSupplyAmongResidentsWithinReach() throws {
        let street = try Street()
        let method = try FloatingCatchment(graph: street.graph, catchment: 350)
        let result = try method.run(
            supply: Self.supply([10, 20]), at: [try street.at(0), try street.at(6)],
            demand: Self.demand([100, 200, 300]), at: [try street.at(1), try street.at(3), try street.at(5)])
        try #require(result.ratios.count == 2)
        #expect(abs((result.ratios[0] ?? 0) - 1000.0 / 30) < 1e-9)
        #expect(abs((result.ratios[1] ?? 0) - 1000.0 / 25) < 1e-9)
        let expected = [1000.0 / 30, 1000.0 / 30 + 1000.0 / 25, 1000.0 / 25]
        for (mine, hand) in zip(result.accessibility, expected) { #expect(abs(mine - hand) < 1e-9) }
        #expect(result.catchmentPopulation == [300, 500])
        // Crossing 3 is 300 m from both facilities (to the few millimetres of geodesic lengths).
        #expect(result.reached[0].map(\.demand) == [0, 1] && result.reached[1].map(\.demand) == [1, 2])
        #expect(abs(result.reached[0][1].distance - 300) < 0.01)
        // 100·33.3 + 200·73.3 + 300·40 = 30,000 = 30 places per 1,000.
        let weighted = zip(result.accessibility, [100.0, 200, 300]).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(weighted / 1000 - 30) < 1e-9)
        #expect(abs((result.populationWeightedMean() ?? 0) - 30_000.0 / 600) < 1e-9)

        // Within 250 m the middle residents reach nothing: R₀ = 10 / 100, R₁ = 20 / 300.
        let short = try FloatingCatchment(graph: street.graph, catchment: 250).run(
            supply: Self.supply([10, 20]), at: [try street.at(0), try street.at(6)],
            demand: Self.demand([100, 200, 300]), at: [try street.at(1), try street.at(3), try street.at(5)])
        #expect(abs(short.accessibility[0] - 100) < 1e-9)
        #expect(short.accessibility[1] == 0)
        #expect(abs(short.accessibility[2] - 20_000.0 / 300) < 1e-9)
    }

    /// Steps 0–150 m weigh 1, 150–350 m weigh 0.5. Facility 0 (10 places) sees 100 + 0.5·200 = 200 weighted
    /// residents, facility 1 (30 places) 300 + 0.5·200 = 400: R = 0.05 and 0.075 per person.
    @Test func enhancedTwoStepWeighsZonesInBothSteps() throws {
        let street = try Street()
        let decay = FloatingCatchment.Decay.steps([.init(upTo: 150, weight: 1), .init(upTo: 350, weight: 0.5)])
        let result = try FloatingCatchment(graph: street.graph, catchment: 350, decay: decay).run(
            supply: Self.supply([10, 30]), at: [try street.at(0), try street.at(6)],
            demand: Self.demand([100, 200, 300]), at: [try street.at(1), try street.at(3), try street.at(5)])
        #expect(result.catchmentPopulation == [200, 400])
        let expected = [50.0, 0.5 * 50 + 0.5 * 75, 75]
        for (mine, hand) in zip(result.accessibility, expected) { #expect(abs(mine - hand) < 1e-9) }
        let weighted = zip(result.accessibility, [100.0, 200, 300]).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(weighted / 1000 - 40) < 1e-9)
    }

    @Test func gaussianWeightFallsFromOneToZero() throws {
        let d0 = 1000.0
        #expect(FloatingCatchment.Decay.gaussian.weight(0, catchment: d0) == 1)
        #expect(abs(FloatingCatchment.Decay.gaussian.weight(d0, catchment: d0)) < 1e-15)
        #expect(FloatingCatchment.Decay.gaussian.weight(d0 + 1, catchment: d0) == 0)
        // (e^(−1/8) − e^(−1/2)) / (1 − e^(−1/2)) = 0.70137…
        #expect(abs(FloatingCatchment.Decay.gaussian.weight(500, catchment: d0) - 0.701_37) < 1e-5)
        let luoQi = FloatingCatchment.Decay.luoQi(catchment: d0)
        #expect([0, 300, 301, 600, 601, 1000, 1001].map { luoQi.weight($0, catchment: d0) } == [1, 1, 0.68, 0.68, 0.22, 0.22, 0])
        #expect(luoQi.label == "300:1,600:0.68,1000:0.22")

        // On the street: each facility's ratio is its supply over Σ P·W(d) at the distances the search found.
        let street = try Street()
        let result = try FloatingCatchment(graph: street.graph, catchment: 350, decay: .gaussian).run(
            supply: Self.supply([10, 20]), at: [try street.at(0), try street.at(6)],
            demand: Self.demand([100, 200, 300]), at: [try street.at(1), try street.at(3), try street.at(5)])
        func w(_ d: Double) -> Double { (exp(-0.5 * (d / 350) * (d / 350)) - exp(-0.5)) / (1 - exp(-0.5)) }
        let r0 = 10 / (100 * w(100) + 200 * w(300))
        let r1 = 20 / (200 * w(300) + 300 * w(100))
        #expect(abs(result.accessibility[0] - 1000 * r0 * w(100)) < 1e-3)
        #expect(abs(result.accessibility[1] - 1000 * (r0 + r1) * w(300)) < 1e-3)
        #expect(abs(result.accessibility[2] - 1000 * r1 * w(100)) < 1e-3)
    }

    /// A facility and a place on the same block reach each other along it; legs count as walking.
    @Test func legsCountAndPlacesOnAFacilitysOwnEdgeAreReachedDirectly() throws {
        let street = try Street()
        let result = try FloatingCatchment(graph: street.graph, catchment: 200).run(
            supply: Self.supply([5]), at: [try street.onBlock(1, share: 0.25, leg: 10)],
            demand: Self.demand([50, 80, 70]),
            at: [try street.onBlock(1, share: 0.75, leg: 5), try street.onBlock(3, share: 0.5, leg: 20),
                 try street.at(3)])
        // 10 + 50 + 5 m along the block; 10 + 75 + 100 + 50 + 20 = 255 m (too far); 10 + 75 + 100 = 185 m.
        #expect(result.reached[0].map(\.demand) == [0, 2])
        #expect(abs(result.reached[0][0].distance - 65) < 0.01)
        #expect(abs(result.reached[0][1].distance - 185) < 0.01)
        #expect(result.accessibility[1] == 0)
        #expect(abs(result.accessibility[0] - 5000.0 / 120) < 1e-9)
    }

    @Test func unsnappedPlacesAndFacilitiesWithoutResidentsAreListed() throws {
        let street = try Street()
        let result = try FloatingCatchment(graph: street.graph, catchment: 150).run(
            supply: Self.supply([10, 7, 3]), at: [try street.at(0), nil, try street.at(6)],
            demand: Self.demand([100, 40, 0]), at: [try street.at(1), nil, try street.at(5)])
        #expect(result.unsnappedSupply == ["s1"])
        #expect(result.unsnappedDemand == ["d1"])
        // Facility s2 reaches only a place with no residents: its supply is shared with nobody.
        #expect(result.supplyWithoutResidents == ["s2"])
        #expect(result.ratios[1] == nil && result.ratios[2] == nil)
        #expect(result.distributedSupply == 10)
        #expect(result.accessibility == [100, 0, 0])
        // The unsnapped residents count, at 0: 100·100 / 140.
        let summary = result.summary(target: 5.5)
        #expect(summary.population == 140 && summary.unsnappedPopulation == 40)
        #expect(abs((summary.mean ?? 0) - 10_000.0 / 140) < 1e-9)
        #expect(abs((summary.shareBelowTarget ?? 0) - 40.0 / 140) < 1e-12)
        #expect(summary.quantiles[0.25] == 0 && summary.quantiles[0.5] == 100)
        let means = result.populationWeightedMeans(groupedBy: ["甲街道", "乙街道", "甲街道"])
        #expect(means == ["甲街道": 100, "乙街道": 0])
    }

    @Test func badParametersAndAmountsAreRefusedWithReasons() throws {
        let street = try Street()
        #expect(throws: FloatingCatchmentError.self) { try FloatingCatchment(graph: street.graph, catchment: 0) }
        #expect(throws: FloatingCatchmentError.self) { try FloatingCatchment(graph: street.graph, catchment: 500, per: -1) }
        do {
            _ = try FloatingCatchment(
                graph: street.graph, catchment: 500, decay: .steps([.init(upTo: 300, weight: 1), .init(upTo: 400, weight: 0.5)]))
            Issue.record("steps ending before the catchment were accepted")
        } catch {
            #expect(error.description.contains("last step") && error.description.contains("500"))
        }
        let method = try FloatingCatchment(graph: street.graph, catchment: 500)
        do {
            _ = try method.run(
                supply: Self.supply([.nan]), at: [try street.at(0)], demand: Self.demand([1]), at: [try street.at(1)])
            Issue.record("a NaN amount was accepted")
        } catch let error as FloatingCatchmentError {
            #expect(error == .invalidSupply(index: 0, id: "s0", reason: "its amount nan is not a number of zero or more"))
        }
        #expect(throws: FloatingCatchmentError.self) {
            try method.run(supply: Self.supply([1]), at: [try street.at(0)], demand: Self.demand([-3]), at: [try street.at(1)])
        }
    }

    /// Σᵢ Pᵢ·Aᵢ / per = Σⱼ Sⱼ over the facilities with residents in reach, whatever the decay, on a synthetic grid
    /// city with places snapped from coordinates.
    @Test(arguments: ["none", "luoQi", "gaussian"])
    func supplyIsConserved(decayName: String) throws {
        let graph = try GridCity.make(nodesPerSide: 40, spacing: 100, removedShare: 0.1, jitter: 0.2, seed: 7)
        var random = SeededGenerator(seed: 11)
        func place() -> Coordinate {
            let node = graph.nodeCoordinates[Int(random.next() % UInt64(graph.nodeCount))]
            return Coordinate(
                lon: node.lon + (Double(random.next() % 1000) / 1000 - 0.5) * 0.001,
                lat: node.lat + (Double(random.next() % 1000) / 1000 - 0.5) * 0.001)
        }
        let supply = (0..<60).map { FloatingCatchment.Supply(id: "s\($0)", location: place(), amount: Double(random.next() % 90 + 10)) }
        let demand = (0..<800).map { FloatingCatchment.Demand(id: "d\($0)", location: place(), population: Double(random.next() % 500)) }
        let decay: FloatingCatchment.Decay =
            switch decayName {
            case "luoQi": .luoQi(catchment: 600)
            case "gaussian": .gaussian
            default: .none
            }
        let result = try FloatingCatchment(graph: graph, catchment: 600, decay: decay, maxSnapDistance: 40)
            .run(supply: supply, demand: demand)
        #expect(result.unsnappedDemand.count > 0 && result.unsnappedDemand.count < 400)
        #expect(result.ratios.compactMap { $0 }.count > 30)
        let weighted = zip(result.accessibility, demand).reduce(0) { $0 + $1.0 * $1.1.population }
        #expect(abs(weighted / 1000 - result.distributedSupply) < 1e-9 * result.distributedSupply)
        #expect(result.distributedSupply < supply.reduce(0) { $0 + $1.amount } + 1e-9)
        // The same run again gives the same numbers, whatever order the workers took the facilities in.
        let again = try FloatingCatchment(graph: graph, catchment: 600, decay: decay, maxSnapDistance: 40)
            .run(supply: supply, demand: demand)
        #expect(again.accessibility == result.accessibility)
    }
}
