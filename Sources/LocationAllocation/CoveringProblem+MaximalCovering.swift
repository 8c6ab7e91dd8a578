extension CoveringProblem {
    /// Maximal covering (Church and ReVelle 1974): the `sites` new sites that together cover the most
    /// weight not yet covered. Greedy with lazy evaluation, then interchange until no swap of a chosen
    /// site for another candidate covers more.
    ///
    /// Greedy alone is within (1 − 1/e) of the optimum (coverage is submodular); the interchange only
    /// improves on it. Fewer sites are returned when the rest would cover nobody new.
    public func maximalCovering(
        sites: Int, interchange: Bool = true, progress: (SelectionProgress) -> Void = { _ in }
    ) throws(LocationAllocationError) -> SiteSelection {
        guard sites > 0 else { throw .invalidParameter("the number of new sites must be at least 1, not \(sites)") }
        let engine = engine()
        let greedy = engine.greedy(limit: sites) { count, _ in progress(SelectionProgress(stage: .greedy, count: count)) }
        let greedyValue = coveredWeight(with: greedy.map(\.candidate))
        let (swaps, passes) =
            interchange
            ? engine.interchange { swaps, pass in progress(SelectionProgress(stage: .interchange, count: swaps, pass: pass)) }
            : (0, 0)
        return selection(engine, greedy: greedy, greedyValue: greedyValue, swaps: swaps, passes: passes)
    }
}
