extension SelectionEngine {
    /// What the incremental bookkeeping should hold, recomputed from scratch: each unit's best and second
    /// cost and each open site's loss. Returns the differences found (empty when all is well). For tests.
    func invariantViolations() -> [String] {
        var problems: [String] = []
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
        var expectedLoss = [Double](repeating: 0, count: candidateCount)
        for unit in weights.indices {
            var costs: [(cost: Double, site: Int)] = [(baseline[unit], -1)]
            for position in columnOffsets[unit]..<columnOffsets[unit + 1] where isOpen[Int(columnCandidate[position])] {
                costs.append((columnCost[position], Int(columnCandidate[position])))
            }
            let sorted = costs.sorted { $0.cost < $1.cost }
            if !close(sorted[0].cost, best[unit]) { problems.append("unit \(unit): best \(best[unit]), expected \(sorted[0].cost)") }
            let site = Int(bestSite[unit])
            if site >= 0 {
                guard isOpen[site] else {
                    problems.append("unit \(unit): best site \(site) is closed")
                    continue
                }
                let secondCost = costs.filter { $0.site != site }.map(\.cost).min() ?? .infinity
                if !close(secondCost, second[unit]) {
                    problems.append("unit \(unit): second \(second[unit]), expected \(secondCost)")
                }
                expectedLoss[site] += weights[unit] * (secondCost - best[unit])
            } else if !close(baseline[unit], best[unit]) {
                problems.append("unit \(unit): served by the baseline at \(best[unit]), not \(baseline[unit])")
            }
        }
        for site in openSites where !close(expectedLoss[site], loss[site]) {
            problems.append("site \(site): loss \(loss[site]), expected \(expectedLoss[site])")
        }
        return problems
    }
}
