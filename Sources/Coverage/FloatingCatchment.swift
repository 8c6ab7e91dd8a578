public import GeoCore
public import WalkNetwork

/// Capacity accessibility by two-step floating catchment on the walking network: how much of a supply
/// (托位, paediatric beds) each place can reach, per `per` residents.
///
/// - Step 1 (Luo & Wang 2003): each facility j shares its supply Sⱼ among the residents within the
///   catchment distance d₀, weighted by distance: Rⱼ = Sⱼ / Σₖ Pₖ·W(dₖⱼ), over demand k with dₖⱼ ≤ d₀.
/// - Step 2: each demand place i sums the shares within reach: Aᵢ = Σⱼ Rⱼ·W(dᵢⱼ), reported × `per`
///   (e.g. 托位 per 1,000 children).
/// - W is ``Decay``: 1 everywhere in the classic 2SFCA; stepped zones (E2SFCA, Luo & Qi 2009) or a
///   Gaussian otherwise. Because the same W serves both steps, supply is conserved: Σᵢ Pᵢ·Aᵢ / per equals
///   Σⱼ Sⱼ over the facilities with residents in reach.
///
/// Distances are walking distances on the network, snap legs included, as in ``CoverageAnalysis``: one
/// bounded search per facility (``ReachabilitySearch``), as many at once as there are cores. Places that
/// cannot be snapped are listed in the result, never dropped: an unsnapped facility shares nothing, an
/// unsnapped demand place reaches nothing (Aᵢ = 0) and still counts in population-weighted figures.
public struct FloatingCatchment: Sendable {
    /// A facility with what it offers: an id, EPSG:4326, and an amount (places, beds) of zero or more.
    public struct Supply: Hashable, Sendable {
        public var id: String
        public var location: Coordinate
        public var amount: Double

        public init(id: String, location: Coordinate, amount: Double) {
            self.id = id
            self.location = location
            self.amount = amount
        }
    }

    /// A place where people live: an id, EPSG:4326, and its population (of the group analysed).
    public struct Demand: Hashable, Sendable {
        public var id: String
        public var location: Coordinate
        public var population: Double

        public init(id: String, location: Coordinate, population: Double) {
            self.id = id
            self.location = location
            self.population = population
        }
    }

    /// A demand place (by its index in the demand list) within a facility's catchment, and the walking
    /// distance between them, metres.
    public struct Reach: Hashable, Sendable {
        public var demand: Int
        public var distance: Double

        public init(demand: Int, distance: Double) {
            self.demand = demand
            self.distance = distance
        }
    }

    public let graph: WalkGraph
    /// The catchment distance d₀, metres: nothing farther is reached.
    public let catchment: Double
    public let decay: Decay
    /// Results are per this many residents (1,000 for 托位 per 1,000).
    public let per: Double
    /// The farthest a place may be from the network to be snapped, metres.
    public let maxSnapDistance: Double

    public init(
        graph: WalkGraph, catchment: Double, decay: Decay = .none, per: Double = 1000, maxSnapDistance: Double = 250
    ) throws(FloatingCatchmentError) {
        guard catchment.isFinite, catchment > 0 else {
            throw .invalidParameter("the catchment distance must be a positive number of metres, not \(catchment)")
        }
        guard per.isFinite, per > 0 else {
            throw .invalidParameter("`per` must be a positive number of residents (e.g. 1000), not \(per)")
        }
        guard maxSnapDistance.isFinite, maxSnapDistance >= 0 else {
            throw .invalidParameter("the maximum snap distance must be zero or more metres, not \(maxSnapDistance)")
        }
        try decay.validate(catchment: catchment)
        self.graph = graph
        self.catchment = catchment
        self.decay = decay
        self.per = per
        self.maxSnapDistance = maxSnapDistance
    }

    /// Snaps the places to every part of the network but fragments (`ComponentSelection.analysed`), then runs both steps.
    public func run(
        supply: [Supply], demand: [Demand], progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> FloatingCatchmentResult {
        let snapper = try Snapper(graph: graph, maxDistance: maxSnapDistance)
        let demandPoints = try snapper.snap(demand.map(\.location)).map(\.snappedPoint)
        let supplyPoints = try snapper.snap(supply.map(\.location)).map(\.snappedPoint)
        return try run(supply: supply, at: supplyPoints, demand: demand, at: demandPoints, progress: progress)
    }

    /// Runs both steps on places already snapped (nil: could not be snapped), so that demand snapped once
    /// serves many runs. `supplyPoints` and `demandPoints` are aligned with `supply` and `demand`.
    public func run(
        supply: [Supply], at supplyPoints: [SnappedPoint?], demand: [Demand], at demandPoints: [SnappedPoint?],
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> FloatingCatchmentResult {
        guard supplyPoints.count == supply.count, demandPoints.count == demand.count else {
            throw FloatingCatchmentError.invalidParameter(
                "\(supplyPoints.count) snapped places for \(supply.count) facilities, "
                    + "\(demandPoints.count) for \(demand.count) demand places")
        }
        try Self.validate(supply: supply, demand: demand)
        try validate(supplyPoints, ids: supply.map(\.id), isSupply: true)
        try validate(demandPoints, ids: demand.map(\.id), isSupply: false)
        let reached = try catchments(from: supplyPoints, to: demandPoints, progress: progress)

        // Step 1: each facility's supply per `per` residents within reach (distance-weighted).
        var catchmentPopulation = [Double](repeating: 0, count: supply.count)
        var ratios = [Double?](repeating: nil, count: supply.count)
        for j in supply.indices {
            let weighted = reached[j].reduce(0.0) { sum, reach in
                sum + demand[reach.demand].population * decay.weight(reach.distance, catchment: catchment)
            }
            catchmentPopulation[j] = weighted
            if weighted > 0 { ratios[j] = supply[j].amount / weighted * per }
        }
        // Step 2: each place sums the ratios of the facilities within reach (distance-weighted).
        var accessibility = [Double](repeating: 0, count: demand.count)
        for j in supply.indices {
            guard let ratio = ratios[j] else { continue }
            for reach in reached[j] {
                accessibility[reach.demand] += ratio * decay.weight(reach.distance, catchment: catchment)
            }
        }
        return FloatingCatchmentResult(
            catchment: catchment, decay: decay, per: per, supply: supply, demand: demand,
            supplySnapped: supplyPoints.map { $0 != nil }, demandSnapped: demandPoints.map { $0 != nil },
            reached: reached, catchmentPopulation: catchmentPopulation, ratios: ratios,
            accessibility: accessibility)
    }

    /// Snapped places handed in must lie on this graph's edges.
    private func validate(_ points: [SnappedPoint?], ids: [String], isSupply: Bool) throws(FloatingCatchmentError) {
        for (index, point) in points.enumerated() {
            guard let point else { continue }
            do {
                _ = try graph.point(on: point.edge, offset: point.offset, leg: point.leg)
            } catch {
                let reason = "its snapped place is not on this network: \(error)"
                throw isSupply
                    ? .invalidSupply(index: index, id: ids[index], reason: reason)
                    : .invalidDemand(index: index, id: ids[index], reason: reason)
            }
        }
    }

    /// Amounts and populations must be numbers of zero or more.
    static func validate(supply: [Supply], demand: [Demand]) throws(FloatingCatchmentError) {
        for (index, facility) in supply.enumerated() where !(facility.amount.isFinite && facility.amount >= 0) {
            throw .invalidSupply(
                index: index, id: facility.id, reason: "its amount \(facility.amount) is not a number of zero or more")
        }
        for (index, place) in demand.enumerated() where !(place.population.isFinite && place.population >= 0) {
            throw .invalidDemand(
                index: index, id: place.id, reason: "its population \(place.population) is not a number of zero or more")
        }
    }
}
