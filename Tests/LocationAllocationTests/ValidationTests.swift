import LocationAllocation
import Testing

/// Bad problems and parameters are refused with a message that says what and where.
@Suite("Validation")
struct ValidationTests {
    @Test func rowsOutOfRangeOrRepeatedAreRefused() {
        #expect(throws: LocationAllocationError.invalidProblem("candidate 1 reaches demand unit 3, outside 0..<3")) {
            try CandidateReach(demandCount: 3, rows: [[(0, 1)], [(3, 1)]])
        }
        #expect(throws: LocationAllocationError.invalidProblem("candidate 0 lists demand unit 2 twice")) {
            try CandidateReach(demandCount: 3, rows: [[(2, 1), (2, 5)]])
        }
        #expect(throws: LocationAllocationError.invalidProblem("candidate 0, demand unit 1: distance nan is not a distance")) {
            try CandidateReach(demandCount: 3, rows: [[(1, .nan)]])
        }
        #expect(throws: LocationAllocationError.self) {
            try CandidateReach(demandCount: 3, offsets: [0, 2], demand: [2, 1], distances: [0, 0])
        }
    }

    @Test func rowsAreSortedAndCSRRoundTrips() throws {
        let reach = try CandidateReach(demandCount: 4, rows: [[(3, 30), (1, 10)], [], [(0, 5)]])
        #expect(reach.row(0).map(\.demand) == [1, 3])
        #expect(reach.row(1).isEmpty)
        #expect(reach.entryCount == 3)
        let same = try CandidateReach(demandCount: 4, offsets: [0, 2, 2, 3], demand: [1, 3, 0], distances: [10, 30, 5])
        #expect(same == reach)
        #expect(reach.within(10).entryCount == 2)
    }

    @Test func parametersOutOfRangeAreRefused() throws {
        let reach = try CandidateReach(demandCount: 2, rows: [[(0, 1)]])
        let covering = try CoveringProblem(weights: [1, 2], covers: reach, alreadyCovered: [false, false])
        #expect(throws: LocationAllocationError.invalidParameter("the number of new sites must be at least 1, not 0")) {
            try covering.maximalCovering(sites: 0)
        }
        #expect(throws: LocationAllocationError.self) { try CoverageTarget(share: 1.5) }
        #expect(throws: LocationAllocationError.self) { try CoverageTarget(share: -0.1) }
        #expect(throws: LocationAllocationError.invalidProblem("demand unit 1: weight -2.0 is not a count of people")) {
            try CoveringProblem(weights: [1, -2], covers: reach, alreadyCovered: [false, false])
        }
        #expect(throws: LocationAllocationError.invalidProblem("3 weights for 2 demand units")) {
            try CoveringProblem(weights: [1, 2, 3], covers: reach, alreadyCovered: [false, false, false])
        }
        #expect(throws: LocationAllocationError.self) {
            try MedianProblem(weights: [1, 2], reach: reach, existingDistances: [0, 0], unreachableDistance: 0.5)
        }
        let median = try MedianProblem(weights: [1, 2], reach: reach, existingDistances: [.infinity, 3], unreachableDistance: 10)
        #expect(throws: LocationAllocationError.self) { try median.pMedian(sites: -1) }
    }

    @Test func progressIsReported() throws {
        let problem = try HandCheckedTests.trap()
        var stages: [SelectionProgress] = []
        _ = try problem.maximalCovering(sites: 2) { stages.append($0) }
        #expect(stages.contains(SelectionProgress(stage: .greedy, count: 2)))
        #expect(stages.contains { $0.stage == .interchange && $0.count == 1 })
    }
}
