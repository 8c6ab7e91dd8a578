@testable import LocationAllocation
import TestSupport
import Testing

/// The interchange's incremental bookkeeping (best, second best, the loss of each open site) stays equal to
/// a recomputation from scratch through any sequence of openings, closings and swaps.
@Suite("Selection engine bookkeeping")
struct SelectionEngineTests {
    @Test(arguments: 0..<25)
    func bookkeepingMatchesARecomputation(seed: Int) throws {
        let instance = try BruteForceTests.scatter(
            seed: 5000 + UInt64(seed), demand: 80, candidates: 30, cutoff: 450, existing: seed % 3)
        let problem = try MedianProblem(
            weights: instance.weights, reach: instance.reach, existingDistances: instance.existing,
            unreachableDistance: 900)
        let engine = SelectionEngine(
            weights: problem.weights, baseline: problem.baseline, reach: problem.reach,
            costs: { problem.reach.distances[$0] })
        var random = SeededGenerator(seed: UInt64(seed))
        for step in 0..<200 {
            let open = engine.openSites
            let closed = (0..<30).filter { !engine.isOpen[$0] }
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where !closed.isEmpty: engine.open(closed.randomElement(using: &random)!)
            case 1 where !open.isEmpty: engine.close(open.randomElement(using: &random)!)
            default:
                guard let old = open.randomElement(using: &random), let new = closed.randomElement(using: &random) else {
                    continue
                }
                // The predicted change of a swap is the change a recomputation sees.
                let before = engine.totalCost
                if let move = engine.bestSwap(bringing: new) {
                    engine.swap(out: move.out, in: new)
                    #expect(abs(before - engine.totalCost - move.gain) < 1e-6 * max(1, before), "step \(step)")
                } else {
                    engine.swap(out: old, in: new)
                }
            }
            let problems = engine.invariantViolations()
            #expect(problems.isEmpty, "seed \(seed), step \(step): \(problems.prefix(3))")
            if !problems.isEmpty { return }
            #expect(abs(engine.totalCost - problem.cost(with: engine.openSites).weightedDistance) < 1e-6)
        }
    }

    @Test func coveringLossIsThePopulationOnlyThatSiteCovers() throws {
        let engine = try HandCheckedTests.trap().engine()
        for site in [0, 1, 2] { engine.open(site) }
        // Units 0–3 are covered twice, 4 and 5 once: only 1 and 2 have a loss.
        #expect(engine.loss == [0, 1.5, 1.5])
        #expect(engine.invariantViolations().isEmpty)
    }
}
