/// Demand to bring closer: a weight per demand unit, the network distance from each candidate to the units
/// it reaches within the cut-off, and each unit's distance to its nearest existing facility. The ground of
/// ``pMedian(sites:interchange:progress:)``.
///
/// **Unreachable demand.** A unit that neither an existing facility nor a chosen site reaches within the
/// cut-off counts at ``unreachableDistance``, which must be at least the cut-off (the Planner uses twice
/// the cut-off: bringing a resident within reach then saves at least one cut-off, more than shortening
/// any trip already within reach can).
public struct MedianProblem: Sendable {
    public let weights: [Double]
    /// Distances within the cut-off.
    public let reach: CandidateReach
    /// Per unit, the distance to the nearest existing facility; `.infinity` where none is within reach.
    public let existingDistances: [Double]
    /// What a unit out of everyone's reach counts as.
    public let unreachableDistance: Double

    public init(
        weights: [Double], reach: CandidateReach, existingDistances: [Double], unreachableDistance: Double
    ) throws(LocationAllocationError) {
        try checkWeights(weights, reach: reach)
        guard existingDistances.count == weights.count else {
            throw .invalidProblem("\(existingDistances.count) existing distances for \(weights.count) demand units")
        }
        if let bad = existingDistances.firstIndex(where: { $0.isNaN || $0 < 0 }) {
            throw .invalidProblem("demand unit \(bad): existing distance \(existingDistances[bad]) is not a distance")
        }
        guard unreachableDistance.isFinite, unreachableDistance > 0 else {
            throw .invalidParameter("the distance unreachable demand counts at must be positive, not \(unreachableDistance)")
        }
        let farthest = reach.distances.max() ?? 0
        guard unreachableDistance >= farthest else {
            throw .invalidParameter(
                "unreachable demand must count at least as far as the farthest reachable unit (\(farthest) m), "
                    + "not \(unreachableDistance) m")
        }
        self.weights = weights
        self.reach = reach
        self.existingDistances = existingDistances
        self.unreachableDistance = unreachableDistance
    }

    /// The cost of a unit with the existing facilities only.
    var baseline: [Double] { existingDistances.map { min($0, unreachableDistance) } }

    /// With the existing facilities and `sites` (candidate indices), computed from scratch: the
    /// population-weighted distance (unreachable units at ``unreachableDistance``) and the weight out of
    /// reach.
    public func cost(with sites: [Int]) -> (weightedDistance: Double, unreachedWeight: Double) {
        var distance = baseline
        for site in sites where site >= 0 && site < reach.candidateCount {
            for position in reach.offsets[site]..<reach.offsets[site + 1] {
                let unit = Int(reach.demand[position])
                distance[unit] = min(distance[unit], reach.distances[position])
            }
        }
        var total = 0.0
        var unreached = 0.0
        for unit in weights.indices {
            total += weights[unit] * distance[unit]
            if distance[unit] >= unreachableDistance { unreached += weights[unit] }
        }
        return (total, unreached)
    }
}
