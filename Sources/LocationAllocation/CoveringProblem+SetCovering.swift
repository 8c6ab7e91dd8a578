/// How much a set covering must cover.
public struct CoverageTarget: Hashable, Sendable {
    /// What the share is of.
    public enum Basis: String, Hashable, Sendable, CaseIterable {
        /// All the weight (population) of the problem: the way plan targets are written ("90 % of
        /// children within 300 m"). May be out of reach when some demand is too far from every candidate.
        case total
        /// Only the weight that is covered already or that some candidate could cover.
        case reachable
    }

    /// 0…1.
    public var share: Double
    public var basis: Basis

    public init(share: Double, of basis: Basis = .total) throws(LocationAllocationError) {
        guard share.isFinite, share >= 0, share <= 1 else {
            throw .invalidParameter("the share to cover must be between 0 and 1 (e.g. 0.9 for 90 %), not \(share)")
        }
        self.share = share
        self.basis = basis
    }
}

/// The outcome of a set covering: the sites, and whether they meet the target.
public struct SetCoveringSolution: Hashable, Sendable {
    public var selection: SiteSelection
    /// The weight the target asks for.
    public var targetWeight: Double
    /// The weight any choice of candidates could cover at most (covered already included).
    public var reachableWeight: Double
    public var totalWeight: Double
    /// Whether the sites cover the target weight. When they do not, they are every candidate that adds
    /// anything, and ``SiteSelection/valueAfter`` says how close they come.
    public var isTargetMet: Bool
}

extension CoveringProblem {
    /// Set covering (Toregas et al. 1971) with a target share: the fewest new sites that, with the
    /// existing facilities, cover the target. Greedy (the site covering most of what is left, until the
    /// target is met), then redundancy elimination: sites whose removal keeps the target met are dropped,
    /// the one that loses least first. Greedy is within a factor H(max row) of the fewest sites.
    public func setCovering(target: CoverageTarget, progress: (SelectionProgress) -> Void = { _ in })
        -> SetCoveringSolution
    {
        let total = totalWeight
        let reachable = reachableWeight
        let targetWeight = target.share * (target.basis == .total ? total : reachable)
        let engine = engine()
        // The engine's cost is the uncovered weight: stop once it is at most total − target.
        let ceiling = total - targetWeight
        let greedy = engine.greedy(limit: covers.candidateCount, stopAtCost: ceiling) { count, _ in
            progress(SelectionProgress(stage: .greedy, count: count))
        }
        let greedyValue = coveredWeight(with: greedy.map(\.candidate))
        let met = greedyValue >= targetWeight - engine.tolerance
        if met {
            let dropped = engine.dropRedundant(keepingCostAtMost: ceiling)
            progress(SelectionProgress(stage: .redundancy, count: dropped.count))
        }
        let selection = selection(engine, greedy: greedy, greedyValue: greedyValue, swaps: 0, passes: 0)
        return SetCoveringSolution(
            selection: selection, targetWeight: targetWeight, reachableWeight: reachable, totalWeight: total,
            isTargetMet: selection.valueAfter >= targetWeight - engine.tolerance)
    }
}
