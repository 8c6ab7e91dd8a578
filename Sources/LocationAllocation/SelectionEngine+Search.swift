import HeapModule

/// A candidate's gain as last computed, and the number of sites open when it was: lazy greedy (CELF)
/// recomputes a gain only when the candidate comes to the top with an old one. The heap's maximum is the
/// largest gain, ties going to the lower candidate index.
private struct LazyGain: Comparable {
    var gain: Double
    var candidate: Int32
    var round: Int32

    static func < (lhs: LazyGain, rhs: LazyGain) -> Bool {
        lhs.gain < rhs.gain || (lhs.gain == rhs.gain && lhs.candidate > rhs.candidate)
    }

    static func == (lhs: LazyGain, rhs: LazyGain) -> Bool {
        lhs.gain == rhs.gain && lhs.candidate == rhs.candidate
    }
}

extension SelectionEngine {
    /// Greedy selection with lazy evaluation (CELF, Leskovec et al. 2007): opens, one at a time, the
    /// candidate whose opening lowers the total cost most. Gains only shrink as sites open (the cost of a
    /// unit is a minimum over open sites), so a stale gain is an upper bound and only the top of the heap
    /// needs recomputing.
    ///
    /// - Parameters:
    ///   - among: the candidates to choose from (nil: all); these are all opened in turn, even those
    ///     that gain nothing, which is how a chosen set is ranked.
    ///   - limit: at most this many sites.
    ///   - stopAtCost: stop once the total cost is at or below this.
    /// - Returns: the sites opened, in order, with the cost each took off.
    func greedy(
        among: [Int]? = nil, limit: Int, stopAtCost: Double = -.infinity, report: (Int, Double) -> Void = { _, _ in }
    ) -> [SiteSelection.Site] {
        let pool = among ?? (0..<candidateCount).filter { !isOpen[$0] && isUseful($0) }
        var heap = Heap(pool.map { LazyGain(gain: gain($0), candidate: Int32($0), round: 0) })
        var picks: [SiteSelection.Site] = []
        var cost = totalCost
        var round: Int32 = 0
        while picks.count < limit, cost > stopAtCost + tolerance, let top = heap.popMax() {
            let candidate = Int(top.candidate)
            if top.round != round {
                heap.insert(LazyGain(gain: gain(candidate), candidate: top.candidate, round: round))
                continue
            }
            if among == nil, top.gain <= tolerance { break }
            open(candidate)
            picks.append(SiteSelection.Site(candidate: candidate, gain: top.gain))
            cost -= top.gain
            round += 1
            report(picks.count, top.gain)
        }
        return picks
    }

    /// Interchange (Teitz and Bart 1968): for every candidate not open, in index order, the best swap with
    /// an open site; a swap that lowers the total cost is made at once. Passes repeat until one makes no
    /// swap. Returns the number of swaps and of passes.
    func interchange(report: (_ swaps: Int, _ passes: Int) -> Void = { _, _ in }) -> (swaps: Int, passes: Int) {
        guard !openSites.isEmpty else { return (0, 0) }
        var swaps = 0
        var passes = 0
        var improved = true
        while improved {
            improved = false
            passes += 1
            for candidate in 0..<candidateCount where !isOpen[candidate] && isUseful(candidate) {
                guard let move = bestSwap(bringing: candidate), move.gain > tolerance else { continue }
                swap(out: move.out, in: candidate)
                swaps += 1
                improved = true
                report(swaps, passes)
            }
            report(swaps, passes)
        }
        return (swaps, passes)
    }

    /// Drops open sites, cheapest first (ties: the lower index), while the total cost stays at or below
    /// `ceiling`: the redundancy elimination of the set-covering heuristics. Returns the sites dropped.
    func dropRedundant(keepingCostAtMost ceiling: Double) -> [Int] {
        var dropped: [Int] = []
        var cost = totalCost
        while true {
            var cheapest = -1
            for site in openSites where cost + loss[site] <= ceiling + tolerance {
                if cheapest < 0 || loss[site] < loss[cheapest] || (loss[site] == loss[cheapest] && site < cheapest) {
                    cheapest = site
                }
            }
            guard cheapest >= 0 else { return dropped }
            cost += loss[cheapest]
            close(cheapest)
            dropped.append(cheapest)
        }
    }

    /// The open sites ranked: reopened from the baseline one by one, each time the one that adds most.
    /// Their gains then add up to the whole improvement, in the order a planner would build them.
    func ranked() -> [SiteSelection.Site] {
        let sites = openSites.sorted()
        reset()
        return greedy(among: sites, limit: sites.count)
    }
}
