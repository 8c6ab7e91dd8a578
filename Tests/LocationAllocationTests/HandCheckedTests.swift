import LocationAllocation
import Testing

/// Small instances whose answers are worked out by hand in the comments.
@Suite("Hand-checked instances")
struct HandCheckedTests {
    /// Units 0–3 weigh 1 each, units 4 and 5 weigh 1.5. Candidate 0 covers units 0–3 (4 people), candidate 1
    /// covers 0, 1, 4 (3.5) and candidate 2 covers 2, 3, 5 (3.5). Greedy takes 0 (4) and then 1 (1.5, unit 4;
    /// the tie with 2 goes to the lower index): 5.5. The optimum is 1 + 2: 7. Swapping 0 for 2 finds it.
    static let trapRows: [[(demand: Int, distance: Double)]] = [
        [(0, 10), (1, 20), (2, 30), (3, 40)],
        [(0, 50), (1, 60), (4, 70)],
        [(2, 80), (3, 90), (5, 100)],
    ]

    static func trap() throws -> CoveringProblem {
        let reach = try CandidateReach(demandCount: 6, rows: trapRows)
        return try CoveringProblem(
            weights: [1, 1, 1, 1, 1.5, 1.5], covers: reach, alreadyCovered: [false, false, false, false, false, false])
    }

    @Test func greedyFallsIntoTheTrapAndInterchangeGetsOut() throws {
        let problem = try Self.trap()
        let greedyOnly = try problem.maximalCovering(sites: 2, interchange: false)
        #expect(greedyOnly.greedySites == [.init(candidate: 0, gain: 4), .init(candidate: 1, gain: 1.5)])
        #expect(greedyOnly.greedyValue == 5.5)
        #expect(greedyOnly.valueAfter == 5.5)
        #expect(greedyOnly.swaps == 0)

        let solved = try problem.maximalCovering(sites: 2)
        #expect(solved.valueBefore == 0)
        #expect(solved.valueAfter == 7)
        #expect(solved.swaps == 1)
        // Ranked from scratch: 1 and 2 both add 3.5; the lower index first.
        #expect(solved.sites == [.init(candidate: 1, gain: 3.5), .init(candidate: 2, gain: 3.5)])
        #expect(solved.greedyValue == 5.5)
    }

    @Test func existingCoverageCountsAndIsNotGainedAgain() throws {
        // Units 0–3 covered already: candidate 0 adds nothing, 1 adds 1.5 (unit 4), 2 adds 1.5 (unit 5).
        let problem = try CoveringProblem(
            weights: [1, 1, 1, 1, 1.5, 1.5], covers: Self.trap().covers,
            alreadyCovered: [true, true, true, true, false, false])
        #expect(problem.coveredWeight == 4)
        #expect(problem.reachableWeight == 7)
        let solved = try problem.maximalCovering(sites: 3)
        // Only two sites add anyone: the third is not chosen.
        #expect(solved.sites == [.init(candidate: 1, gain: 1.5), .init(candidate: 2, gain: 1.5)])
        #expect(solved.valueBefore == 4 && solved.valueAfter == 7)
    }

    @Test func serviceDistanceCutsTheRows() throws {
        // Within 60 m candidate 1 covers units 0 and 1 only (unit 4 is at 70 m); unit 5 is already covered
        // at an existing facility's 55 m.
        let problem = try CoveringProblem(
            weights: [1, 1, 1, 1, 1.5, 1.5], reach: Self.trap().covers,
            existingDistances: [.infinity, .infinity, .infinity, .infinity, 61, 55], serviceDistance: 60)
        #expect(problem.alreadyCovered == [false, false, false, false, false, true])
        #expect(problem.covers.row(1).map(\.demand) == [0, 1])
        #expect(problem.covers.row(2).isEmpty)
        let solved = try problem.maximalCovering(sites: 1)
        #expect(solved.sites == [.init(candidate: 0, gain: 4)])
    }

    @Test func setCoveringDropsTheRedundantFirstPick() throws {
        let problem = try Self.trap()
        // Everyone: greedy takes 0, 1, 2 (4 + 1.5 + 1.5); then 0 covers nobody the others do not: dropped.
        let all = problem.setCovering(target: try CoverageTarget(share: 1))
        #expect(all.isTargetMet)
        #expect(all.selection.greedySites.map(\.candidate) == [0, 1, 2])
        #expect(all.selection.candidates == [1, 2])
        #expect(all.selection.valueAfter == 7)
        #expect(all.targetWeight == 7)

        // Half (3.5 people): candidate 0 alone (4).
        let half = problem.setCovering(target: try CoverageTarget(share: 0.5))
        #expect(half.selection.candidates == [0])
        #expect(half.isTargetMet)
    }

    @Test func setCoveringSaysWhenTheTargetIsOutOfReach() throws {
        // Unit 6 (weight 3) is out of every candidate's reach: 7 of 10 people at most.
        let reach = try CandidateReach(demandCount: 7, rows: Self.trapRows)
        let problem = try CoveringProblem(
            weights: [1, 1, 1, 1, 1.5, 1.5, 3], covers: reach, alreadyCovered: Array(repeating: false, count: 7))
        let total = problem.setCovering(target: try CoverageTarget(share: 0.9))
        #expect(!total.isTargetMet)
        #expect(total.targetWeight == 9)
        #expect(total.reachableWeight == 7)
        #expect(total.selection.valueAfter == 7)
        // 90 % of the reachable 7 people is 6.3: candidates 1 and 2 (7).
        let reachable = problem.setCovering(target: try CoverageTarget(share: 0.9, of: .reachable))
        #expect(reachable.isTargetMet)
        #expect(reachable.targetWeight == 0.9 * 7)
        #expect(reachable.selection.candidates == [1, 2])
    }

    /// Four units on a line at 0, 10, 20 and 30 m weighing 1, 2, 3 and 4; candidates at 0, 10, 15, 20, 30 m;
    /// no existing facility, unreachable at 100 m. Alone, the site at 20 m costs 20·1 + 10·2 + 0 + 10·4 = 80
    /// (the least: at 15 m 100, at 30 m 100, at 10 m 120, at 0 m 200), saving 1000 − 80 = 920. Next, 30 m
    /// saves unit 3's 40 (10 m would save 10 + 20 = 30, 0 m 20, 15 m 5 + 10 = 15): 40 person-metres in all,
    /// which is optimal (the best pairs all cost 40).
    static func line(existing: [Double]? = nil) throws -> MedianProblem {
        let units = [0.0, 10, 20, 30]
        let sites = [0.0, 10, 15, 20, 30]
        let reach = try CandidateReach(
            demandCount: 4, rows: sites.map { s in units.enumerated().map { ($0.offset, abs($0.element - s)) } })
        return try MedianProblem(
            weights: [1, 2, 3, 4], reach: reach, existingDistances: existing ?? Array(repeating: .infinity, count: 4),
            unreachableDistance: 100)
    }

    @Test func pMedianOnALine() throws {
        let solved = try Self.line().pMedian(sites: 2)
        #expect(solved.valueBefore == 1000)
        #expect(solved.greedySites == [.init(candidate: 3, gain: 920), .init(candidate: 4, gain: 40)])
        #expect(solved.valueAfter == 40)
        #expect(solved.swaps == 0)
        #expect(try Self.line().cost(with: [3, 4]) == (40, 0))
    }

    @Test func pMedianKeepsTheExistingFacility() throws {
        // An existing facility at 30 m: the units are 30, 20, 10 and 0 m from it, 30 + 40 + 30 + 0 = 100.
        // One new site: at 10 m the costs become 10 + 0 + 10·3 + 0 = 40 (saving 60); at 15 m 15 + 10 + 15 = 40
        // too, but 10 m has the lower index; at 0 m 0 + 20·2 + 30 = 70; at 20 m 20 + 20 + 0 = 40. Tie among
        // candidates 1, 2 and 3 at 60: candidate 1.
        let problem = try Self.line(existing: [30, 20, 10, 0])
        let solved = try problem.pMedian(sites: 1)
        #expect(solved.valueBefore == 100)
        #expect(solved.sites == [.init(candidate: 1, gain: 60)])
        #expect(solved.valueAfter == 40)
    }

    @Test func unreachableDemandCountsAtThePenalty() throws {
        // Cut at 15 m: the candidate at 0 m reaches units 0 and 1 only. Units 2 and 3 count at 100 m.
        let reach = try Self.line().reach.within(15)
        let problem = try MedianProblem(
            weights: [1, 2, 3, 4], reach: reach, existingDistances: Array(repeating: .infinity, count: 4),
            unreachableDistance: 30)
        // 0 + 10·2 + 30·3 + 30·4 person-metres; units 2 and 3 (3 + 4 people) out of reach.
        let cost = problem.cost(with: [0])
        #expect(cost.weightedDistance == 230)
        #expect(cost.unreachedWeight == 7)
        #expect(problem.cost(with: []).unreachedWeight == 10)
    }
}
