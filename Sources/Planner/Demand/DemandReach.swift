public import Foundation
import WalkNetwork

/// How many of a registry's residents the walking network reaches: those whose nearest walkable street (of the
/// parts the analyses use) is within the snap distance. The rest count as not covered in every coverage figure,
/// so a figure reads only as well as this share.
public struct DemandReach: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// No demand was imported beside the registry.
        case noDemand
        /// Demand, but no network saved: every resident is outside it.
        case noNetwork(residents: Double)
        /// `outside` of `residents` (in `outsideUnits` of `units` demand units) lie beyond the snap distance.
        case measured(residents: Double, outside: Double, units: Int, outsideUnits: Int)
    }

    public let outcome: Outcome
    public let maxSnapDistance: Double

    /// Reads the registry's demand and network and snaps every demand unit as the analyses do.
    public init(registry: String, maxSnapDistance: Double = 250) throws {
        self.maxSnapDistance = maxSnapDistance
        let store = DemandStore(registry: registry)
        guard store.exists else {
            outcome = .noDemand
            return
        }
        let demand = try store.load()
        let residents = demand.reduce(0) { $0 + $1.count(.total) }
        let cache = NetworkFiles(registry: registry).cache
        guard FileManager.default.fileExists(atPath: cache.path) else {
            outcome = .noNetwork(residents: residents)
            return
        }
        let snapper = try Snapper(graph: try WalkGraph(contentsOf: cache), maxDistance: maxSnapDistance)
        let snaps = try snapper.snap(demand.map(\.location))
        var outside = 0.0
        var outsideUnits = 0
        for (unit, snap) in zip(demand, snaps) where snap.snappedPoint == nil {
            outside += unit.count(.total)
            outsideUnits += 1
        }
        outcome = .measured(residents: residents, outside: outside, units: demand.count, outsideUnits: outsideUnits)
    }

    /// The share of residents outside the network; nil without demand, 1 without a network.
    public var outsideShare: Double? {
        switch outcome {
        case .noDemand: nil
        case .noNetwork: 1
        case .measured(let residents, let outside, _, _): residents > 0 ? outside / residents : 0
        }
    }
}
