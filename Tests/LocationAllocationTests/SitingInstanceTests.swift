import GeoCore
import LocationAllocation
import Planner
import TestSupport
import Testing
import WalkNetwork

/// The candidate × demand distances of `SitingInstance` (one bounded `ReachabilitySearch` per candidate, read
/// at the demand on the edges it reaches) are the distances `NearestFacilitySearch` finds from the same
/// candidate alone: the search `lifecircle coverage` uses.
@Suite("Siting instance distances")
struct SitingInstanceTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func distancesAreThoseOfTheNearestFacilitySearch(seed: UInt64) throws {
        // A SYNTHETIC grid city of 30 × 30 streets, 80 m apart, with shaped edges and missing blocks.
        let graph = try GridCity.make(
            nodesPerSide: 30, spacing: 80, removedShare: 0.1, jitter: 0.2, midpoints: 2, seed: seed)
        var random = SeededGenerator(seed: seed)
        let corner = graph.coordinate(of: NodeIndex(0))
        func place() -> Coordinate {
            Coordinate(
                lon: corner.lon + Double.random(in: -0.002..<0.026, using: &random),
                lat: corner.lat + Double.random(in: -0.002..<0.024, using: &random))
        }
        let demand = (0..<400).map { _ in place() }
        let nodes = (0..<20).map { _ in NodeIndex(Int.random(in: 0..<graph.nodeCount, using: &random)) }
            .filter { graph.component(of: $0) == 0 }
        let candidates =
            nodes.map { SiteCandidate(id: "\($0)", location: graph.coordinate(of: $0), node: $0) }
            + (0..<20).map { SiteCandidate(id: "free \($0)", location: place()) }
        let existing = (0..<4).map { _ in place() }
        let cutoff = 450.0
        let instance = try SitingInstance(
            graph: graph, demand: demand, candidates: candidates, existing: existing, cutoff: cutoff,
            maxSnapDistance: 60)
        #expect(!instance.unsnappedDemand.isEmpty, "some places should fall off the network")

        var compared = 0
        for (index, snap) in instance.candidateSnaps.enumerated() {
            guard let snap else { continue }
            let expected = try NearestFacilitySearch(graph: graph).run(sources: [snap], maxDistance: cutoff)
                .distances(to: instance.demandSnaps)
            let row = instance.reach.row(index)
            let found = Dictionary(uniqueKeysWithValues: row.map { ($0.demand, $0.distance) })
            for unit in demand.indices {
                let reference = expected.nearest(unit)?.distance
                #expect(
                    (reference == nil && found[unit] == nil)
                        || abs((reference ?? -1) - (found[unit] ?? -2)) < 1e-9,
                    "candidate \(index), unit \(unit): \(String(describing: found[unit])) vs \(String(describing: reference))")
            }
            compared += row.count
        }
        #expect(compared > 300)

        let sources = existing.compactMap { try? Snapper(graph: graph, maxDistance: 60).snap($0).snappedPoint }
        let nearest = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: cutoff)
            .distances(to: instance.demandSnaps)
        for unit in demand.indices {
            #expect(instance.existingDistances[unit] == (nearest.nearest(unit)?.distance ?? .infinity))
        }
    }
}
