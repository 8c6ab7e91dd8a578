public import Coverage
public import FacilityKit
public import WalkNetwork

/// Capacity accessibility (two-step floating catchment, ``FloatingCatchment``) over a set of demand units:
/// how much of a supply — 托位, paediatric beds — the residents of each unit can walk to, per `per` residents
/// of a population group. The demand is snapped once, so a check that evaluates several rules on the same
/// demand pays for it once.
public struct AccessAnalysis: Sendable {
    public let graph: WalkGraph
    public let demand: [DemandUnit]
    public let maxSnapDistance: Double
    private let snapper: Snapper
    private let demandPoints: [SnappedPoint?]

    public init(graph: WalkGraph, demand: [DemandUnit], maxSnapDistance: Double = 250) throws {
        self.graph = graph
        self.demand = demand
        self.maxSnapDistance = maxSnapDistance
        snapper = try Snapper(graph: graph, maxDistance: maxSnapDistance)
        demandPoints = try snapper.snap(demand.map(\.location)).map(\.snappedPoint)
    }

    /// Each facility's amount shared among the residents of `group` within `withinMeters` of walking, and
    /// what each demand unit reaches, per `per` residents. `decay` weighs distances (none: classic 2SFCA).
    public func run(
        supply: [(facility: FacilityRecord, amount: Double)], group: PopulationGroup, withinMeters: Double,
        per: Double = 1000, decay: FloatingCatchment.Decay = .none,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> AccessResult {
        let method = try FloatingCatchment(
            graph: graph, catchment: withinMeters, decay: decay, per: per, maxSnapDistance: maxSnapDistance)
        let facilities = supply.map {
            FloatingCatchment.Supply(id: $0.facility.id.rawValue, location: $0.facility.location, amount: $0.amount)
        }
        let places = demand.map { FloatingCatchment.Demand(id: $0.id, location: $0.location, population: $0.count(group)) }
        let supplyPoints = try snapper.snap(facilities.map(\.location)).map(\.snappedPoint)
        let result = try method.run(
            supply: facilities, at: supplyPoints, demand: places, at: demandPoints, progress: progress)
        return AccessResult(group: group, units: demand, facilities: supply.map(\.facility), catchment: result)
    }
}

/// What ``AccessAnalysis`` found: Aᵢ per demand unit (aligned with ``units``), Rⱼ per facility (aligned
/// with ``facilities``), and population-weighted means for any grouping of the units.
public struct AccessResult: Sendable {
    public let group: PopulationGroup
    public let units: [DemandUnit]
    public let facilities: [FacilityRecord]
    /// The run itself: ratios, accessibility, distances, what could not be snapped.
    public let catchment: FloatingCatchmentResult

    /// Aᵢ × per for every demand unit; 0 where nothing is in reach or the unit could not be snapped.
    public var accessibility: [Double] { catchment.accessibility }

    /// The population-weighted mean of Aᵢ over every unit; nil when the group has no residents.
    public var mean: Double? { catchment.populationWeightedMean() }

    /// The population-weighted mean of Aᵢ per group of units (`key` nil: in no group), e.g. per admin unit.
    public func means<Key: Hashable>(groupedBy key: (DemandUnit) -> Key?) -> [Key: Double] {
        catchment.populationWeightedMeans(groupedBy: units.map(key))
    }

    /// The population-weighted mean per admin unit named by the demand.
    public var meansByAdminUnit: [String: Double] { means { $0.adminUnit } }
}
