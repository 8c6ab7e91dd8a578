/// The state every solver here works on: demand units with weights, the cost each pays with only the
/// fixed (existing) facilities (`baseline`), and the candidates that would lower it. The three problems
/// are the same search on different costs:
///
/// - covering: cost 0 for a unit within the service distance of an open site or already covered, 1 else;
///   the total cost is the uncovered weight;
/// - p-median: cost = the distance to the nearest open site or existing facility, or the penalty for
///   unreachable demand; the total is the population-weighted distance.
///
/// For every unit it keeps the best cost (`best`, from `bestSite`, −1 for the baseline) and the second best
/// (`second`, over the baseline and the other open sites), and for every open site the `loss`: what the
/// total would rise by if it closed. Opening and closing a site update these for the units in its row
/// only, so that the interchange evaluates a swap in the time of one row (Whitaker's fast interchange, as
/// Resende and Werneck describe it for the p-median).
///
/// Entries that can never help (a cost not below the unit's baseline) are dropped when the engine is made.
/// Ties go to the baseline, then to the site opened first; candidates are visited by index, so every
/// run gives the same result.
final class SelectionEngine {
    let weights: [Double]
    let baseline: [Double]
    let candidateCount: Int
    /// Rows: the units each candidate improves, and its cost there.
    let rowOffsets: [Int]
    let rowDemand: [Int32]
    let rowCost: [Double]
    /// Columns: the candidates that improve each unit, by candidate index, with their cost.
    let columnOffsets: [Int]
    let columnCandidate: [Int32]
    let columnCost: [Double]
    /// Improvements at or below this are rounding, not improvements.
    let tolerance: Double

    private(set) var isOpen: [Bool]
    /// The open sites, in the order they were opened (a swap puts the new site in the old one's place).
    private(set) var openSites: [Int] = []
    private(set) var best: [Double]
    private(set) var second: [Double]
    private(set) var bestSite: [Int32]
    private(set) var loss: [Double]
    /// Scratch for swap evaluation: zero between uses, and the sites it touched.
    private var extra: [Double]
    private var touched: [Int] = []

    /// - Parameters:
    ///   - costs: the cost of every entry of `reach` (its distance for the p-median, 0 for covering).
    init(weights: [Double], baseline: [Double], reach: CandidateReach, costs: (Int) -> Double) {
        self.weights = weights
        self.baseline = baseline
        candidateCount = reach.candidateCount
        var rowOffsets = [0]
        rowOffsets.reserveCapacity(candidateCount + 1)
        var rowDemand: [Int32] = []
        var rowCost: [Double] = []
        var columnCounts = [Int](repeating: 0, count: weights.count + 1)
        for candidate in 0..<candidateCount {
            for position in reach.offsets[candidate]..<reach.offsets[candidate + 1] {
                let unit = Int(reach.demand[position])
                let cost = costs(position)
                guard cost < baseline[unit], weights[unit] > 0 else { continue }
                rowDemand.append(Int32(unit))
                rowCost.append(cost)
                columnCounts[unit + 1] += 1
            }
            rowOffsets.append(rowDemand.count)
        }
        for unit in 0..<weights.count { columnCounts[unit + 1] += columnCounts[unit] }
        var next = Array(columnCounts.dropLast())
        var columnCandidate = [Int32](repeating: 0, count: rowDemand.count)
        var columnCost = [Double](repeating: 0, count: rowDemand.count)
        for candidate in 0..<candidateCount {
            for position in rowOffsets[candidate]..<rowOffsets[candidate + 1] {
                let unit = Int(rowDemand[position])
                columnCandidate[next[unit]] = Int32(candidate)
                columnCost[next[unit]] = rowCost[position]
                next[unit] += 1
            }
        }
        self.rowOffsets = rowOffsets
        self.rowDemand = rowDemand
        self.rowCost = rowCost
        self.columnOffsets = columnCounts
        self.columnCandidate = columnCandidate
        self.columnCost = columnCost
        var scale = 0.0
        for unit in weights.indices { scale += weights[unit] * baseline[unit] }
        tolerance = 1e-10 * max(scale, 1)
        isOpen = [Bool](repeating: false, count: candidateCount)
        best = baseline
        second = baseline
        bestSite = [Int32](repeating: -1, count: weights.count)
        loss = [Double](repeating: 0, count: candidateCount)
        extra = [Double](repeating: 0, count: candidateCount)
    }

    /// Every site closed: the baseline again.
    func reset() {
        for site in openSites { isOpen[site] = false }
        openSites = []
        best = baseline
        second = baseline
        bestSite = [Int32](repeating: -1, count: weights.count)
        loss = [Double](repeating: 0, count: candidateCount)
    }

    /// The weighted cost of every unit, summed in unit order from the current assignment (no drift).
    var totalCost: Double {
        var total = 0.0
        for unit in weights.indices { total += weights[unit] * best[unit] }
        return total
    }

    /// Whether the candidate can improve any unit at all.
    func isUseful(_ candidate: Int) -> Bool { rowOffsets[candidate + 1] > rowOffsets[candidate] }

    /// How much the total cost would fall if `candidate` opened now.
    func gain(_ candidate: Int) -> Double {
        var gain = 0.0
        for position in rowOffsets[candidate]..<rowOffsets[candidate + 1] {
            let unit = Int(rowDemand[position])
            let cost = rowCost[position]
            if cost < best[unit] { gain += weights[unit] * (best[unit] - cost) }
        }
        return gain
    }

    func open(_ candidate: Int) {
        precondition(!isOpen[candidate], "site \(candidate) is open already")
        isOpen[candidate] = true
        openSites.append(candidate)
        attach(candidate)
    }

    func close(_ candidate: Int) {
        precondition(isOpen[candidate], "site \(candidate) is not open")
        isOpen[candidate] = false
        openSites.removeAll { $0 == candidate }
        detach(candidate)
    }

    /// Closes `old` and opens `new` in its place in ``openSites``.
    func swap(out old: Int, in new: Int) {
        guard let slot = openSites.firstIndex(of: old) else { preconditionFailure("site \(old) is not open") }
        isOpen[old] = false
        detach(old)
        isOpen[new] = true
        openSites[slot] = new
        attach(new)
    }

    /// The units of an opened site's row take it as their best or second best where it is better.
    private func attach(_ site: Int) {
        for position in rowOffsets[site]..<rowOffsets[site + 1] {
            let unit = Int(rowDemand[position])
            let cost = rowCost[position]
            let w = weights[unit]
            if cost < best[unit] {
                let previous = Int(bestSite[unit])
                if previous >= 0 { loss[previous] -= w * (second[unit] - best[unit]) }
                second[unit] = best[unit]
                best[unit] = cost
                bestSite[unit] = Int32(site)
                loss[site] += w * (second[unit] - cost)
            } else if cost < second[unit] {
                let current = Int(bestSite[unit])
                if current >= 0 { loss[current] += w * (cost - second[unit]) }
                second[unit] = cost
            }
        }
        loss[site] = max(loss[site], 0)
    }

    /// The units of a closed site's row that had it as best or second best look again over their column.
    private func detach(_ site: Int) {
        for position in rowOffsets[site]..<rowOffsets[site + 1] {
            let unit = Int(rowDemand[position])
            if Int(bestSite[unit]) == site || rowCost[position] <= second[unit] { reassign(unit) }
        }
        loss[site] = 0
    }

    /// Best and second best of one unit from scratch: the baseline, then its open candidates by index.
    private func reassign(_ unit: Int) {
        let w = weights[unit]
        let previous = Int(bestSite[unit])
        if previous >= 0 { loss[previous] -= w * (second[unit] - best[unit]) }
        var bestCost = baseline[unit]
        var site = -1
        var secondCost = Double.infinity
        for position in columnOffsets[unit]..<columnOffsets[unit + 1] {
            let candidate = Int(columnCandidate[position])
            guard isOpen[candidate] else { continue }
            let cost = columnCost[position]
            if cost < bestCost {
                secondCost = bestCost
                bestCost = cost
                site = candidate
            } else if cost < secondCost {
                secondCost = cost
            }
        }
        best[unit] = bestCost
        bestSite[unit] = Int32(site)
        second[unit] = site >= 0 ? secondCost : bestCost
        if site >= 0 { loss[site] += w * (secondCost - bestCost) }
    }

    /// The best swap that brings `candidate` in: the open site to close and how much the total cost would
    /// fall (negative: it would rise). Nil when no site is open.
    func bestSwap(bringing candidate: Int) -> (out: Int, gain: Double)? {
        guard !openSites.isEmpty else { return nil }
        var gain = 0.0
        for position in rowOffsets[candidate]..<rowOffsets[candidate + 1] {
            let unit = Int(rowDemand[position])
            let cost = rowCost[position]
            let w = weights[unit]
            if cost < best[unit] { gain += w * (best[unit] - cost) }
            let site = Int(bestSite[unit])
            // If `site` closed, this unit would fall back to min(second, cost), not to second.
            if site >= 0, cost < second[unit] {
                if extra[site] == 0 { touched.append(site) }
                extra[site] += w * (second[unit] - max(cost, best[unit]))
            }
        }
        var out = -1
        var change = -Double.infinity
        for site in openSites {
            let value = extra[site] - loss[site]
            if value > change || (value == change && site < out) {
                change = value
                out = site
            }
        }
        for site in touched { extra[site] = 0 }
        touched.removeAll(keepingCapacity: true)
        return (out, gain + change)
    }
}
