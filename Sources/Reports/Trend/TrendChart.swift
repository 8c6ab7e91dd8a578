import FacilityKit
import Foundation
import Rules

/// One indicator's SVG line chart: years across, the value up; the measured readings as points, the
/// least-squares trend as a dashed line over the whole span, and each target step as a marker at its year.
/// Axis labels, a title and a legend; every text escaped.
struct TrendChart {
    let indicator: TrendReport.Indicator
    let words: TrendWording

    static let width = 640.0
    static let height = 320.0
    private static let left = 78.0
    private static let right = 24.0
    private static let top = 36.0
    private static let bottom = 70.0

    /// The years shown: the report's range, widened to take in every target year.
    var years: ClosedRange<Int> {
        let targetYears = indicator.projections.map(\.year)
        return min(
            words.report.firstYear, targetYears.min() ?? .max)...max(words.report.lastYear, targetYears.max() ?? .min)
    }

    /// From 0 to a little above the largest reading, projection or target (a share never above 100 %).
    var valueRange: ClosedRange<Double> {
        var values = indicator.readings.compactMap(\.value) + indicator.projections.map(\.target)
        if let line = indicator.line { values += [line.value(in: years.lowerBound), line.value(in: years.upperBound)] }
        let largest = values.filter(\.isFinite).max() ?? 0
        if indicator.latest.quantity == .share { return 0...1 }
        return 0...Self.roundTop(above: largest)
    }

    /// The smallest of 1, 2, 2.5 or 5 × 10ⁿ per grid step whose four steps reach `value` (1 for nothing to show),
    /// so the value axis reads in round numbers.
    static func roundTop(above value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let step = value / 4
        let magnitude = pow(10, (log10(step)).rounded(.down))
        let round = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= step } ?? 10 * magnitude
        return round * 4
    }

    private var plotWidth: Double { Self.width - Self.left - Self.right }
    private var plotHeight: Double { Self.height - Self.top - Self.bottom }

    func x(_ year: Int) -> Double {
        let span = Double(max(years.upperBound - years.lowerBound, 1))
        return Self.left + Double(year - years.lowerBound) / span * plotWidth
    }

    /// The pixel row of a value; values outside the axis are held at its ends.
    func y(_ value: Double) -> Double {
        let range = valueRange
        let share =
            (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound)
            / (range.upperBound - range.lowerBound)
        return Self.top + (1 - share) * plotHeight
    }

    func render() -> String {
        let id = "chart-" + indicator.rule.id.rawValue
        let title = words.words(indicator.rule.title)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id.htmlEscaped)\" class=\"trend-chart\" "
        svg += "data-rule=\"\(indicator.rule.id.rawValue.htmlEscaped)\" viewBox=\"0 0 \(svgNumber(Self.width)) "
        svg += "\(svgNumber(Self.height))\" width=\"\(svgNumber(Self.width))\" height=\"\(svgNumber(Self.height))\" "
        svg += "role=\"img\" aria-label=\"\(title.htmlEscaped)\"><title>\(title.htmlEscaped)</title>"
        svg += "<rect width=\"\(svgNumber(Self.width))\" height=\"\(svgNumber(Self.height))\" fill=\"#fff\"/>"
        svg += "<text class=\"chart-title\" x=\"\(svgNumber(Self.left))\" y=\"20\">\(title.htmlEscaped)</text>"
        svg += valueAxis() + yearAxis() + measuredYearsBand() + trendLine() + targets() + readings() + legend()
        return svg + "</svg>"
    }

    /// Horizontal grid lines with their values, and the axis title (the quantity's unit).
    private func valueAxis() -> String {
        let range = valueRange
        var svg = "<g class=\"axis axis-value\">"
        for step in 0...4 {
            let value = range.lowerBound + (range.upperBound - range.lowerBound) * Double(step) / 4
            let row = y(value)
            svg += "<line x1=\"\(svgNumber(Self.left))\" x2=\"\(svgNumber(Self.width - Self.right))\" "
            svg += "y1=\"\(svgNumber(row))\" y2=\"\(svgNumber(row))\" stroke=\"#e3e3e3\"/>"
            svg += "<text class=\"tick\" x=\"\(svgNumber(Self.left - 6))\" y=\"\(svgNumber(row + 4))\" "
            svg += "text-anchor=\"end\">\(tickLabel(value).htmlEscaped)</text>"
        }
        svg += "<text class=\"axis-label\" transform=\"translate(14 \(svgNumber(Self.top + plotHeight / 2))) "
        svg += "rotate(-90)\" text-anchor=\"middle\">\(axisTitle.htmlEscaped)</text>"
        return svg + "</g>"
    }

    /// The years along the bottom, with the axis title.
    private func yearAxis() -> String {
        let base = Self.top + plotHeight
        let every = years.count > 12 ? 2 : 1
        var svg = "<g class=\"axis axis-year\">"
        svg += "<line x1=\"\(svgNumber(Self.left))\" x2=\"\(svgNumber(Self.width - Self.right))\" "
        svg += "y1=\"\(svgNumber(base))\" y2=\"\(svgNumber(base))\" stroke=\"#555\"/>"
        for year in years where (year - years.lowerBound) % every == 0 {
            svg += "<text class=\"tick\" x=\"\(svgNumber(x(year)))\" y=\"\(svgNumber(base + 16))\" "
            svg += "text-anchor=\"middle\">\(year)</text>"
        }
        svg += "<text class=\"axis-label\" x=\"\(svgNumber(Self.left + plotWidth / 2))\" "
        svg += "y=\"\(svgNumber(base + 34))\" text-anchor=\"middle\">\(words(TrendWords.year).htmlEscaped)</text>"
        return svg + "</g>"
    }

    /// A light band behind the years that were measured rather than projected.
    private func measuredYearsBand() -> String {
        guard let first = words.measuredYears.first, let last = words.measuredYears.last else { return "" }
        let from = x(first) - 6
        let to = x(last) + 6
        return "<rect class=\"measured-years\" x=\"\(svgNumber(from))\" y=\"\(svgNumber(Self.top))\" "
            + "width=\"\(svgNumber(to - from))\" height=\"\(svgNumber(plotHeight))\" fill=\"#f3f6fb\"/>"
    }

    private func trendLine() -> String {
        guard let line = indicator.line else { return "" }
        let start = years.lowerBound
        let end = years.upperBound
        return "<path class=\"trend-line\" d=\"M\(svgNumber(x(start))) \(svgNumber(y(line.value(in: start))))"
            + "L\(svgNumber(x(end))) \(svgNumber(y(line.value(in: end))))\" fill=\"none\" stroke=\"#0b57d0\" "
            + "stroke-width=\"1.6\" stroke-dasharray=\"6 4\"><title>\(words.slope(of: indicator).htmlEscaped)</title></path>"
    }

    /// Each target step: a diamond at its year and value, red when its warning is raised.
    private func targets() -> String {
        var svg = "<g class=\"targets\">"
        for projection in indicator.projections {
            let cx = x(projection.year)
            let cy = y(projection.target)
            let colour = projection.warning == nil ? "#1e7b34" : "#b3261e"
            svg += "<path class=\"target-marker\" data-year=\"\(projection.year)\" d=\"M\(svgNumber(cx)) "
            svg += "\(svgNumber(cy - 7))l7 7l-7 7l-7 -7z\" fill=\"\(colour)\" fill-opacity=\"0.85\">"
            svg += "<title>\(words.target(projection, of: indicator).htmlEscaped)</title></path>"
            svg += "<line x1=\"\(svgNumber(cx - 16))\" x2=\"\(svgNumber(cx + 16))\" y1=\"\(svgNumber(cy))\" "
            svg += "y2=\"\(svgNumber(cy))\" stroke=\"\(colour)\" stroke-width=\"1.2\"/>"
        }
        return svg + "</g>"
    }

    private func readings() -> String {
        var svg = "<g class=\"readings\">"
        for reading in indicator.readings {
            guard let value = reading.value else { continue }
            svg += "<circle class=\"measured\" data-year=\"\(reading.year)\" cx=\"\(svgNumber(x(reading.year)))\" "
            svg += "cy=\"\(svgNumber(y(value)))\" r=\"4\" fill=\"#1d1d1f\">"
            svg += "<title>\(reading.year): \(words.value(value, of: indicator).htmlEscaped)</title></circle>"
        }
        return svg + "</g>"
    }

    private func legend() -> String {
        let row = Self.height - 14
        var svg = "<g class=\"legend\">"
        svg += "<circle cx=\"\(svgNumber(Self.left + 4))\" cy=\"\(svgNumber(row - 4))\" r=\"4\" fill=\"#1d1d1f\"/>"
        svg += "<text x=\"\(svgNumber(Self.left + 14))\" y=\"\(svgNumber(row))\">"
        svg += "\(words(TrendWords.legendMeasured).htmlEscaped)</text>"
        svg +=
            "<line x1=\"\(svgNumber(Self.left + 110))\" x2=\"\(svgNumber(Self.left + 140))\" y1=\"\(svgNumber(row - 4))\" "
        svg += "y2=\"\(svgNumber(row - 4))\" stroke=\"#0b57d0\" stroke-width=\"1.6\" stroke-dasharray=\"6 4\"/>"
        svg += "<text x=\"\(svgNumber(Self.left + 146))\" y=\"\(svgNumber(row))\">"
        svg += "\(words(TrendWords.legendTrend).htmlEscaped)</text>"
        svg += "<path d=\"M\(svgNumber(Self.left + 380)) \(svgNumber(row - 10))l6 6l-6 6l-6 -6z\" fill=\"#1e7b34\"/>"
        svg += "<text x=\"\(svgNumber(Self.left + 392))\" y=\"\(svgNumber(row))\">"
        svg += "\(words(TrendWords.legendTarget).htmlEscaped)</text>"
        return svg + "</g>"
    }

    /// The unit of the value axis: "%", "每千人（个）" / "per 1,000", "个" / "count".
    private var axisTitle: String {
        switch indicator.latest.quantity {
        case .share: return words.pick("比例（%）", "share (%)")
        case .count: return words.pick("数量（个）", "count")
        case .perCapita:
            if case .perCapita(_, _, _, let per, _, _) = indicator.rule.measure {
                return words.words.perResidents(per)
            }
            return words.words.perResidents(1000)
        }
    }

    private func tickLabel(_ value: Double) -> String {
        switch indicator.latest.quantity {
        case .share: NumberText.percent(value)
        case .count: NumberText.decimal(value, fractionDigits: 1)
        case .perCapita: NumberText.decimal(value, fractionDigits: 2)
        }
    }
}
