/// Demand to cover: a weight (population) per demand unit, the units each candidate site would cover
/// (those within the service distance), and the units the existing facilities cover already. The ground of
/// ``maximalCovering(sites:interchange:progress:)`` and ``setCovering(target:progress:)``.
public struct CoveringProblem: Sendable {
    public let weights: [Double]
    /// Row `c`: the units candidate `c` covers (the distances are kept, not used).
    public let covers: CandidateReach
    /// Units within the service distance of an existing facility.
    public let alreadyCovered: [Bool]

    public init(weights: [Double], covers: CandidateReach, alreadyCovered: [Bool]) throws(LocationAllocationError) {
        try checkWeights(weights, reach: covers)
        guard alreadyCovered.count == weights.count else {
            throw .invalidProblem(
                "\(alreadyCovered.count) 'already covered' flags for \(weights.count) demand units")
        }
        self.weights = weights
        self.covers = covers
        self.alreadyCovered = alreadyCovered
    }

    /// The covering problem at `serviceDistance`: a unit is covered by a candidate within that distance
    /// (inclusive), and already covered when its existing facility distance is within it (`.infinity`
    /// where none is).
    public init(
        weights: [Double], reach: CandidateReach, existingDistances: [Double], serviceDistance: Double
    ) throws(LocationAllocationError) {
        guard serviceDistance.isFinite, serviceDistance >= 0 else {
            throw .invalidParameter("the service distance must be zero or more metres, not \(serviceDistance)")
        }
        guard existingDistances.count == weights.count else {
            throw .invalidProblem("\(existingDistances.count) existing distances for \(weights.count) demand units")
        }
        if let bad = existingDistances.firstIndex(where: { $0.isNaN || $0 < 0 }) {
            throw .invalidProblem("demand unit \(bad): existing distance \(existingDistances[bad]) is not a distance")
        }
        try self.init(
            weights: weights, covers: reach.within(serviceDistance),
            alreadyCovered: existingDistances.map { $0 <= serviceDistance })
    }

    /// All the weight, covered or not.
    public var totalWeight: Double { weights.reduce(0, +) }

    /// The weight the existing facilities cover.
    public var coveredWeight: Double { coveredWeight(with: []) }

    /// The weight that is covered or that some candidate could cover: the most any choice can reach.
    public var reachableWeight: Double {
        var reachable = alreadyCovered
        for unit in covers.demand { reachable[Int(unit)] = true }
        return weight(where: reachable)
    }

    /// The weight covered with the existing facilities and `sites` (candidate indices), computed from
    /// scratch.
    public func coveredWeight(with sites: [Int]) -> Double {
        var covered = alreadyCovered
        for site in sites where site >= 0 && site < covers.candidateCount {
            for position in covers.offsets[site]..<covers.offsets[site + 1] { covered[Int(covers.demand[position])] = true }
        }
        return weight(where: covered)
    }

    private func weight(where flags: [Bool]) -> Double {
        var total = 0.0
        for unit in weights.indices where flags[unit] { total += weights[unit] }
        return total
    }

    /// Costs 0 (covered) and 1 (not), for the engine: its total cost is the uncovered weight.
    func engine() -> SelectionEngine {
        SelectionEngine(
            weights: weights, baseline: alreadyCovered.map { $0 ? 0 : 1 }, reach: covers, costs: { _ in 0 })
    }

    /// The engine's state as a selection, with the covered weight as its value.
    func selection(_ engine: SelectionEngine, greedy: [SiteSelection.Site], greedyValue: Double,
                   swaps: Int, passes: Int) -> SiteSelection {
        let ranked = engine.ranked()
        return SiteSelection(
            sites: ranked, valueBefore: coveredWeight, valueAfter: coveredWeight(with: ranked.map(\.candidate)),
            greedySites: greedy, greedyValue: greedyValue, swaps: swaps, passes: passes)
    }
}

/// Weights must match the demand of the reach, each finite and not negative.
func checkWeights(_ weights: [Double], reach: CandidateReach) throws(LocationAllocationError) {
    guard weights.count == reach.demandCount else {
        throw .invalidProblem("\(weights.count) weights for \(reach.demandCount) demand units")
    }
    if let bad = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
        throw .invalidProblem("demand unit \(bad): weight \(weights[bad]) is not a count of people")
    }
}
