extension MedianProblem {
    /// The p-median (Hakimi 1964, ReVelle and Swain 1970) with the existing facilities fixed: the `sites`
    /// new sites that minimise the population-weighted distance to the nearest facility. Greedy with lazy
    /// evaluation (the saving of a site only shrinks as others open), then fast interchange until no swap
    /// shortens the total. Fewer sites are returned when the rest would save nothing.
    public func pMedian(
        sites: Int, interchange: Bool = true, progress: (SelectionProgress) -> Void = { _ in }
    ) throws(LocationAllocationError) -> SiteSelection {
        guard sites > 0 else { throw .invalidParameter("the number of new sites must be at least 1, not \(sites)") }
        let engine = SelectionEngine(
            weights: weights, baseline: baseline, reach: reach, costs: { reach.distances[$0] })
        let greedy = engine.greedy(limit: sites) { count, _ in progress(SelectionProgress(stage: .greedy, count: count)) }
        let greedyValue = cost(with: greedy.map(\.candidate)).weightedDistance
        let (swaps, passes) =
            interchange
            ? engine.interchange { swaps, pass in progress(SelectionProgress(stage: .interchange, count: swaps, pass: pass)) }
            : (0, 0)
        let ranked = engine.ranked()
        return SiteSelection(
            sites: ranked, valueBefore: cost(with: []).weightedDistance,
            valueAfter: cost(with: ranked.map(\.candidate)).weightedDistance, greedySites: greedy,
            greedyValue: greedyValue, swaps: swaps, passes: passes)
    }
}
