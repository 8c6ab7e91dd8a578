public import FacilityKit
public import Reports
public import Rules

/// What an indicator's readings say of its targets: the trend line, its value in each target year, and the
/// early warnings. Pure: the readings and the schedule in, the projections out.
public struct TrendAssessment: Hashable, Sendable {
    public var line: LinearTrend?
    /// Why there is no line.
    public var lineProblem: LocalizedText?
    public var projections: [TrendReport.Projection]

    /// Values within this of the target count as meeting it, so a perfect fit is not flagged for rounding.
    static let tolerance = 1e-9

    /// - Parameters:
    ///   - readings: the indicator's value per measured year; nil where it could not be evaluated.
    ///   - targets: the rule's schedule; a standing target (no year) is read in `lastYear`.
    ///   - currentYear: the year being measured now. A target year before it has passed: its warning is raised
    ///     when the latest measured value is below the target. Later years, and this one, are projected.
    ///   - quantity: how the value reads; a projected share is held within 0–1, any projection at 0 or above.
    public init(
        readings: [(year: Int, value: Double?)], targets: TargetSchedule, currentYear: Int, lastYear: Int,
        quantity: RuleResult.Quantity
    ) {
        let points = readings.compactMap { reading in reading.value.map { (year: reading.year, value: $0) } }
        line = LinearTrend(points: points)
        lineProblem =
            line == nil
            ? LocalizedText(
                zh: "可评估年份不足两个（\(points.count) 个），无法推算",
                en: "not enough years (\(points.count) evaluable, 2 needed)")
            : nil
        let latest = points.last?.value
        projections = targets.steps.map { [line] step in
            let year = step.year ?? lastYear
            if year < currentYear {
                let missed = latest.map { $0 < step.value - Self.tolerance } ?? false
                return TrendReport.Projection(
                    year: year, target: step.value, projected: nil, warning: missed ? .alreadyMissed : nil)
            }
            guard let line else {
                return TrendReport.Projection(year: year, target: step.value, projected: nil, warning: nil)
            }
            let raw = line.value(in: year)
            let projected = quantity == .share ? min(max(raw, 0), 1) : max(raw, 0)
            return TrendReport.Projection(
                year: year, target: step.value, projected: projected,
                warning: projected < step.value - Self.tolerance ? .projectionMisses : nil)
        }
    }

    /// The line as the report carries it.
    public var reportLine: TrendReport.Line? { line.map { TrendReport.Line(slope: $0.slope, intercept: $0.intercept) } }
}
