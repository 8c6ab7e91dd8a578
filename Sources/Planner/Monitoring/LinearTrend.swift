/// The ordinary least-squares line through an indicator's yearly values: value = slope × year + intercept.
/// Computed about the mean year, so years near 2025 lose no precision to cancellation.
public struct LinearTrend: Hashable, Sendable {
    public let slope: Double
    public let intercept: Double

    /// The line through `points`; nil when they span fewer than two distinct years (no line is defined)
    /// or a value is not finite.
    public init?(points: [(year: Int, value: Double)]) {
        guard points.allSatisfy({ $0.value.isFinite }), Set(points.map(\.year)).count >= 2 else { return nil }
        let count = Double(points.count)
        let meanYear = points.reduce(0) { $0 + Double($1.year) } / count
        let meanValue = points.reduce(0) { $0 + $1.value } / count
        var covariance = 0.0
        var variance = 0.0
        for point in points {
            let dx = Double(point.year) - meanYear
            covariance += dx * (point.value - meanValue)
            variance += dx * dx
        }
        slope = covariance / variance
        intercept = meanValue - slope * meanYear
    }

    /// The line's value in a year.
    public func value(in year: Int) -> Double { slope * Double(year) + intercept }
}
