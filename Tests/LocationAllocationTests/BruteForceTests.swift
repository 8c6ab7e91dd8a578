import Foundation
import LocationAllocation
import TestSupport
import Testing

/// Random small instances against exhaustive search: greedy keeps its (1 − 1/e) guarantee, the interchange
/// never makes greedy worse, and no heuristic beats the optimum.
@Suite("Brute force on random small instances")
struct BruteForceTests {
    static let bound = 1 - 1 / M_E

    /// Every way to pick `k` of `0..<n`.
    static func combinations(_ n: Int, _ k: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        guard k <= n else { return [] }
        var result: [[Int]] = []
        var current: [Int] = []
        func extend(from start: Int) {
            if current.count == k {
                result.append(current)
                return
            }
            for next in start..<n where n - next >= k - current.count {
                current.append(next)
                extend(from: next + 1)
                current.removeLast()
            }
        }
        extend(from: 0)
        return result
    }

    /// Demand units and candidates scattered on a 1 km square; distance is straight-line, cut at `cutoff`.
    static func scatter(
        seed: UInt64, demand: Int, candidates: Int, cutoff: Double, existing: Int
    ) throws -> (weights: [Double], reach: CandidateReach, existing: [Double]) {
        var random = SeededGenerator(seed: seed)
        func point() -> (Double, Double) { (Double.random(in: 0..<1000, using: &random), Double.random(in: 0..<1000, using: &random)) }
        let units = (0..<demand).map { _ in point() }
        let weights = units.map { _ in Double(Int.random(in: 0...100, using: &random)) }
        func distance(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
            ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
        }
        let rows = (0..<candidates).map { _ in
            let site = point()
            return units.enumerated().compactMap { i, unit -> (demand: Int, distance: Double)? in
                let d = distance(site, unit)
                return d <= cutoff ? (i, d) : nil
            }
        }
        let facilities = (0..<existing).map { _ in point() }
        let existingDistances = units.map { unit in
            facilities.map { distance($0, unit) }.filter { $0 <= cutoff }.min() ?? .infinity
        }
        return (weights, try CandidateReach(demandCount: demand, rows: rows), existingDistances)
    }

    @Test(arguments: 0..<60)
    func maximalCovering(seed: Int) throws {
        let instance = try Self.scatter(seed: UInt64(seed), demand: 40, candidates: 11, cutoff: 400, existing: seed % 3)
        let problem = try CoveringProblem(
            weights: instance.weights, reach: instance.reach, existingDistances: instance.existing,
            serviceDistance: 250)
        let before = problem.coveredWeight
        for p in 1...4 {
            let optimum = Self.combinations(11, p).map { problem.coveredWeight(with: $0) }.max()!
            let solved = try problem.maximalCovering(sites: p)
            let greedyGain = solved.greedyValue - before
            #expect(greedyGain >= Self.bound * (optimum - before) - 1e-9, "seed \(seed), p \(p)")
            #expect(solved.valueAfter >= solved.greedyValue - 1e-9, "seed \(seed), p \(p)")
            #expect(solved.valueAfter <= optimum + 1e-9, "seed \(seed), p \(p)")
            // The reported value and gains agree with a recomputation.
            #expect(solved.valueAfter == problem.coveredWeight(with: solved.candidates))
            #expect(abs(solved.sites.map(\.gain).reduce(0, +) - (solved.valueAfter - before)) < 1e-9)
            #expect(solved.sites.count <= p)
            #expect(Set(solved.candidates).count == solved.sites.count)
        }
    }

    @Test(arguments: 0..<60)
    func pMedian(seed: Int) throws {
        let instance = try Self.scatter(
            seed: 1000 + UInt64(seed), demand: 30, candidates: 10, cutoff: 600, existing: seed % 2)
        let problem = try MedianProblem(
            weights: instance.weights, reach: instance.reach, existingDistances: instance.existing,
            unreachableDistance: 1200)
        for p in 1...4 {
            let optimum = Self.combinations(10, p).map { problem.cost(with: $0).weightedDistance }.min()!
            let solved = try problem.pMedian(sites: p)
            #expect(solved.valueAfter <= solved.greedyValue + 1e-6, "seed \(seed), p \(p)")
            #expect(solved.valueAfter >= optimum - 1e-6, "seed \(seed), p \(p)")
            #expect(solved.valueAfter == problem.cost(with: solved.candidates).weightedDistance)
            let saved = solved.sites.map(\.gain).reduce(0, +)
            #expect(abs(saved - (solved.valueBefore - solved.valueAfter)) < 1e-6 * max(1, solved.valueBefore))
        }
    }

    /// The interchange is a local search: from its answer, no single swap improves the p-median.
    @Test(arguments: 0..<20)
    func pMedianIsSwapOptimal(seed: Int) throws {
        let instance = try Self.scatter(
            seed: 2000 + UInt64(seed), demand: 60, candidates: 25, cutoff: 500, existing: 1)
        let problem = try MedianProblem(
            weights: instance.weights, reach: instance.reach, existingDistances: instance.existing,
            unreachableDistance: 1000)
        let solved = try problem.pMedian(sites: 5)
        let chosen = solved.candidates
        for out in chosen.indices {
            for candidate in 0..<25 where !chosen.contains(candidate) {
                var swapped = chosen
                swapped[out] = candidate
                #expect(problem.cost(with: swapped).weightedDistance >= solved.valueAfter - 1e-6)
            }
        }
    }

    @Test(arguments: 0..<40)
    func setCovering(seed: Int) throws {
        let instance = try Self.scatter(
            seed: 3000 + UInt64(seed), demand: 30, candidates: 10, cutoff: 400, existing: seed % 2)
        let problem = try CoveringProblem(
            weights: instance.weights, reach: instance.reach, existingDistances: instance.existing,
            serviceDistance: 300)
        for share in [0.5, 0.8, 1.0] {
            let target = try CoverageTarget(share: share, of: .reachable)
            let solved = problem.setCovering(target: target)
            let needed = solved.targetWeight - 1e-9
            #expect(solved.isTargetMet, "seed \(seed), share \(share)")
            #expect(problem.coveredWeight(with: solved.selection.candidates) >= needed)
            // No site can go: the redundancy elimination left none that the target does not need.
            for site in solved.selection.candidates {
                let rest = solved.selection.candidates.filter { $0 != site }
                #expect(problem.coveredWeight(with: rest) < needed, "seed \(seed), share \(share)")
            }
            // Never fewer than the fewest.
            let fewest = (0...10).first { k in
                Self.combinations(10, k).contains { problem.coveredWeight(with: $0) >= needed }
            }
            #expect(fewest != nil && solved.selection.sites.count >= fewest!)
        }
    }
}
