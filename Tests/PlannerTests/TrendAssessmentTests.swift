import FacilityKit
import Planner
import Reports
import Rules
import Testing

/// The least-squares line and the early warnings of plan monitoring, on series checked by hand.
@Suite("Trend lines and early warnings")
struct TrendAssessmentTests {
    /// (2021, 1), (2022, 2), (2023, 2): mean year 2022, mean value 5/3; Σdx·dy = (−1)(−2/3) + 1·(1/3) = 1,
    /// Σdx² = 2, so slope 0.5 and the value in 2022 is 5/3; in 2025 it is 5/3 + 1.5 = 19/6.
    @Test func aLineThroughThreeYearsMatchesTheHandComputation() throws {
        let line = try #require(LinearTrend(points: [(2021, 1), (2022, 2), (2023, 2)]))
        #expect(abs(line.slope - 0.5) < 1e-12)
        #expect(abs(line.value(in: 2022) - 5.0 / 3) < 1e-9)
        #expect(abs(line.value(in: 2025) - 19.0 / 6) < 1e-9)
    }

    /// Points on y = 3·(year − 2020) + 2: the line is that line exactly, and its residuals are zero.
    @Test func pointsOnALineGiveThatLine() throws {
        let points = (2021...2026).map { (year: $0, value: 3.0 * Double($0 - 2020) + 2) }
        let line = try #require(LinearTrend(points: points))
        #expect(abs(line.slope - 3) < 1e-9)
        for point in points { #expect(abs(line.value(in: point.year) - point.value) < 1e-9) }
        #expect(abs(line.value(in: 2030) - 32) < 1e-9)
    }

    @Test func aFlatSeriesHasSlopeZero() throws {
        let line = try #require(LinearTrend(points: [(2021, 7), (2022, 7), (2023, 7), (2024, 7)]))
        #expect(line.slope == 0)
        #expect(line.value(in: 2030) == 7)
    }

    @Test func oneYearOrOneRepeatedYearGivesNoLine() {
        #expect(LinearTrend(points: [(2023, 4)]) == nil)
        #expect(LinearTrend(points: [(2023, 4), (2023, 5)]) == nil)
        #expect(LinearTrend(points: []) == nil)
    }

    /// Huadu-like 托位 per 1,000: 1, 2, 3 in 2021–2023 projects to 5 in 2025 and 10 in 2030; the 2025 target of
    /// 4.5 is met, the 2030 target of 11 is not.
    @Test func aProjectionBelowItsTargetWarns() {
        let assessment = TrendAssessment(
            readings: [(2021, 1), (2022, 2), (2023, 3)],
            targets: TargetSchedule([.init(year: 2025, value: 4.5), .init(year: 2030, value: 11)]),
            currentYear: 2023, lastYear: 2030, quantity: .perCapita)
        #expect(assessment.projections.map(\.year) == [2025, 2030])
        #expect(assessment.projections.map(\.projected) == [5, 10])
        #expect(assessment.projections.map(\.warning) == [nil, .projectionMisses])
        #expect(assessment.lineProblem == nil)
    }

    /// A perfect fit that lands exactly on the target meets it.
    @Test func aProjectionExactlyOnTheTargetDoesNotWarn() {
        let assessment = TrendAssessment(
            readings: [(2021, 0.5), (2022, 0.6), (2023, 0.7)], targets: TargetSchedule([.init(year: 2025, value: 0.9)]),
            currentYear: 2023, lastYear: 2030, quantity: .share)
        #expect(assessment.projections.first?.warning == nil)
        #expect(abs((assessment.projections.first?.projected ?? 0) - 0.9) < 1e-9)
    }

    /// A target year already past is judged by the latest value, not projected.
    @Test func aPassedTargetYearIsJudgedByTheLatestValue() {
        let missed = TrendAssessment(
            readings: [(2024, 3), (2025, 4), (2026, 4.2)], targets: TargetSchedule([.init(year: 2025, value: 4.5)]),
            currentYear: 2026, lastYear: 2030, quantity: .perCapita)
        #expect(missed.projections.first?.warning == .alreadyMissed)
        #expect(missed.projections.first?.projected == nil)
        let met = TrendAssessment(
            readings: [(2024, 3), (2025, 4), (2026, 5)], targets: TargetSchedule([.init(year: 2025, value: 4.5)]),
            currentYear: 2026, lastYear: 2030, quantity: .perCapita)
        #expect(met.projections.first?.warning == nil)
    }

    /// One evaluable year: no line, the reason says so, and no projection is made.
    @Test func aSinglePointSaysNotEnoughYears() {
        let assessment = TrendAssessment(
            readings: [(2021, nil), (2022, 0.4), (2023, nil)], targets: TargetSchedule([.init(year: 2025, value: 0.9)]),
            currentYear: 2023, lastYear: 2030, quantity: .share)
        #expect(assessment.line == nil)
        #expect(assessment.lineProblem?.en.contains("not enough years") == true)
        #expect(assessment.projections.first?.projected == nil)
        #expect(assessment.projections.first?.warning == nil)
    }

    /// A share is projected within 0–1, and a standing target is read in the last year of the range.
    @Test func sharesAreHeldWithinOneAndStandingTargetsReadInTheLastYear() {
        let assessment = TrendAssessment(
            readings: [(2021, 0.5), (2022, 0.8)], targets: TargetSchedule(value: 1),
            currentYear: 2022, lastYear: 2030, quantity: .share)
        #expect(assessment.projections.first?.year == 2030)
        #expect(assessment.projections.first?.projected == 1)
        #expect(assessment.projections.first?.warning == nil)
    }
}
