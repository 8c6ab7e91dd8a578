import FacilityKit
import Rules

/// A trend report's sentences and tables in one language. Values are written by the check report's
/// `ReportWording` (the same units and precision as `lifecircle check`), read against the latest year's results.
struct TrendWording {
    let report: TrendReport
    let words: ReportWording

    init(report: TrendReport, language: ReportLanguage) {
        self.report = report
        let latest = CheckResult(
            profile: report.profile, asOf: report.measuredOn, results: report.indicators.map(\.latest),
            provenance: report.provenance)
        words = ReportWording(report: CheckReport(result: latest), language: language)
    }

    var language: ReportLanguage { words.language }
    func callAsFunction(_ text: LocalizedText) -> String { words(text) }
    func pick(_ zh: String, _ en: String) -> String { words.pick(zh, en) }

    /// The years read from the registry: from the first year of the range to the current one.
    var measuredYears: [Int] {
        report.firstYear > min(report.lastYear, report.measuredOn.year)
            ? [] : Array(report.firstYear...min(report.lastYear, report.measuredOn.year))
    }

    var title: String { words.title + " — " + self(TrendWords.reportKind) }

    var meta: String {
        let profile = report.profile
        return pick(
            "方案 \(profile.id) · 版本 \(profile.version) · \(report.firstYear)—\(report.lastYear) 年 · 实测至 \(report.measuredOn)，其后为按趋势推算",
            "Profile \(profile.id) · version \(profile.version) · \(report.firstYear)–\(report.lastYear) · measured up to \(report.measuredOn), projected after"
        )
    }

    var warningCount: String {
        let count = report.warnings.count, unassessed = report.unassessed.count
        guard unassessed > 0 else {
            return pick(
                "预警 \(count) 项（共 \(report.indicators.count) 项指标）",
                "\(count) early warnings (\(report.indicators.count) indicators)")
        }
        return pick(
            "预警 \(count) 项，无法评估或推算 \(unassessed) 项（共 \(report.indicators.count) 项指标）",
            "\(count) early warnings, \(unassessed) not assessed (\(report.indicators.count) indicators)")
    }

    /// The verdict's state: `failed` with warnings, `incomplete` when some indicator could not be assessed,
    /// `passed` only when every indicator is on track.
    var verdictState: String {
        if !report.warnings.isEmpty { return "failed" }
        return report.unassessed.isEmpty && !report.indicators.isEmpty ? "passed" : "incomplete"
    }

    /// Said when no indicator warns: that the assessed ones meet their targets, and how many could not be assessed.
    var noWarnings: String {
        let unassessed = report.unassessed.count
        if unassessed == 0 { return self(TrendWords.noWarnings) }
        if unassessed == report.indicators.count {
            return pick(
                "没有一项指标能评估或推算（缺数据，原因见各项），不能据此认为能按期达标。",
                "No indicator could be assessed (no data; see each one for why): nothing shows the targets will be met.")
        }
        return pick(
            "按当前趋势，可推算的指标均能按期达标；另有 \(unassessed) 项无法评估或推算（缺数据，原因见各项），不计为达标。",
            "On present trends, every indicator that can be projected meets its targets; \(unassessed) more could not "
                + "be assessed (no data; see each one for why) and do not count as met.")
    }

    /// Why an indicator that neither warns nor is on track says nothing: its latest reason, or the line's problem.
    func unassessedReason(of indicator: TrendReport.Indicator) -> String? {
        switch indicator.assessment {
        case .warns, .onTrack: return nil
        case .noData:
            let reason = indicator.readings.last?.reason.map { self($0) } ?? "—"
            return pick("无法评估：\(reason)", "Not evaluable: \(reason)")
        case .notProjected: return pick("无法推算：", "Not projected: ") + lineProblem(of: indicator)
        }
    }

    func value(_ value: Double?, of indicator: TrendReport.Indicator) -> String {
        words.value(value, of: indicator.latest)
    }

    /// "≥ 每千人 4.5 个（2025 年）".
    func target(_ projection: TrendReport.Projection, of indicator: TrendReport.Indicator) -> String {
        "≥ " + value(projection.target, of: indicator) + pick("（\(projection.year) 年）", " (by \(projection.year))")
    }

    /// The latest evaluable reading.
    func latestReading(of indicator: TrendReport.Indicator) -> TrendReport.Reading? {
        indicator.readings.last { $0.value != nil }
    }

    /// What the trend says of a target step: the projection, or for a past year the latest value.
    func outlook(_ projection: TrendReport.Projection, of indicator: TrendReport.Indicator) -> String {
        if let projected = projection.projected {
            return pick("\(projection.year) 年预计 ", "\(projection.year): ") + value(projected, of: indicator)
        }
        if projection.year < report.measuredOn.year, let latest = latestReading(of: indicator) {
            return pick("\(latest.year) 年实测 ", "\(latest.year) measured: ") + value(latest.value, of: indicator)
        }
        return pick("\(projection.year) 年：—", "\(projection.year): —")
    }

    /// The warning of a target step in a sentence, or "—".
    func warning(_ projection: TrendReport.Projection, of indicator: TrendReport.Indicator) -> String {
        switch projection.warning {
        case .projectionMisses?:
            return pick(
                "⚠ 按当前趋势 \(projection.year) 年预计 \(value(projection.projected, of: indicator))，达不到目标 \(value(projection.target, of: indicator))",
                "⚠ on the present trend \(value(projection.projected, of: indicator)) in \(projection.year), short of the target \(value(projection.target, of: indicator))"
            )
        case .alreadyMissed?:
            let latest = latestReading(of: indicator)
            return pick(
                "⚠ \(projection.year) 年目标期限已过，最新实测（\(latest.map { "\($0.year)" } ?? "—") 年）\(value(latest?.value, of: indicator)) 仍低于目标 \(value(projection.target, of: indicator))",
                "⚠ the \(projection.year) deadline has passed and the latest value (\(latest.map { "\($0.year)" } ?? "—")), \(value(latest?.value, of: indicator)), is below the target \(value(projection.target, of: indicator))"
            )
        case nil:
            return "—"
        }
    }

    /// Why an indicator has no line, or "—".
    func lineProblem(of indicator: TrendReport.Indicator) -> String {
        indicator.lineProblem.map { self($0) } ?? "—"
    }

    /// One row per indicator: its values by measured year, projections, targets and warnings.
    var overviewTable: ReportTable {
        let joiner = pick("；", "; ")
        let rows = report.indicators.enumerated().map { index, indicator in
            var row = [
                ReportTable.Cell("\(index + 1)"),
                ReportTable.Cell(words(indicator.rule.title), link: "#" + Self.anchor(indicator.rule.id)),
            ]
            for year in measuredYears {
                let reading = indicator.readings.first { $0.year == year }
                row.append(ReportTable.Cell(value(reading?.value, of: indicator), cssClass: "measured year-\(year)"))
            }
            let outlooks = indicator.projections.map { outlook($0, of: indicator) }
            row.append(
                ReportTable.Cell(
                    outlooks.isEmpty
                        ? "—"
                        : outlooks.joined(separator: joiner)
                            + (indicator.line == nil ? joiner + lineProblem(of: indicator) : ""),
                    cssClass: "projection"))
            row.append(
                ReportTable.Cell(
                    indicator.projections.isEmpty
                        ? "—"
                        : indicator.projections.map { target($0, of: indicator) }
                            .joined(separator: joiner), cssClass: "target"))
            let warned = indicator.projections.filter { $0.warning != nil }
            row.append(
                ReportTable.Cell(
                    warned.isEmpty ? "—" : warned.map { warning($0, of: indicator) }.joined(separator: joiner),
                    cssClass: warned.isEmpty ? "warning warning-none" : "warning warning-raised"))
            return row
        }
        return ReportTable(
            cssClass: "trend-summary",
            headers: ["#", words(Words.rule)] + measuredYears.map { "\($0)" }
                + [self(TrendWords.projection), words(Words.target), self(TrendWords.warning)],
            rows: rows)
    }

    /// One row per warning: indicator, target year, target, what the trend says, the warning.
    var warningTable: ReportTable {
        var rows: [[ReportTable.Cell]] = []
        for indicator in report.indicators {
            for projection in indicator.projections where projection.warning != nil {
                rows.append([
                    ReportTable.Cell(words(indicator.rule.title), link: "#" + Self.anchor(indicator.rule.id)),
                    ReportTable.Cell(indicator.rule.id.rawValue, isCode: true),
                    ReportTable.Cell(target(projection, of: indicator), cssClass: "target"),
                    ReportTable.Cell(outlook(projection, of: indicator), cssClass: "projection"),
                    ReportTable.Cell(
                        warning(projection, of: indicator),
                        cssClass: "warning warning-\(projection.warning?.rawValue ?? "none")"),
                ])
            }
        }
        return ReportTable(
            cssClass: "warnings",
            headers: [
                words(Words.rule), words(Words.ruleID), words(Words.target), self(TrendWords.projection),
                self(TrendWords.warning),
            ],
            rows: rows)
    }

    /// The readings of one indicator, year by year, with the reason where a year could not be evaluated.
    func readingTable(for indicator: TrendReport.Indicator) -> ReportTable {
        ReportTable(
            cssClass: "readings",
            headers: [self(TrendWords.year), self(TrendWords.readOn), words(Words.measured), words(Words.detail)],
            rows: indicator.readings.map { reading in
                [
                    ReportTable.Cell("\(reading.year)"),
                    ReportTable.Cell(reading.date.description),
                    ReportTable.Cell(value(reading.value, of: indicator), cssClass: "measured"),
                    ReportTable.Cell(reading.reason.map { self($0) } ?? "—", cssClass: "reason"),
                ]
            })
    }

    /// The trend line in words: "每年 +0.52" / "+0.52 a year", in the indicator's own unit.
    func slope(of indicator: TrendReport.Indicator) -> String {
        guard let line = indicator.line else { return lineProblem(of: indicator) }
        let magnitude = abs(line.slope)
        let text: String =
            switch indicator.latest.quantity {
            case .share: NumberText.percentagePoints(magnitude) + pick(" 个百分点", " percentage points")
            case .count: NumberText.decimal(magnitude, fractionDigits: 2)
            case .perCapita: NumberText.decimal(magnitude, fractionDigits: 3)
            }
        let sign = line.slope < 0 ? "−" : "+"
        return pick("每年 \(sign)\(text)", "\(sign)\(text) a year")
    }

    var provenanceTable: ReportTable { words.provenanceTable }

    /// The id of an indicator's section: `trend-<rule id>`.
    static func anchor(_ id: RuleID) -> String { "trend-\(id.rawValue)" }
}

/// The fixed words of a trend report in both languages.
enum TrendWords {
    static let reportKind = LocalizedText(zh: "规划指标监测与预警报告", en: "Plan indicator monitoring and early warnings")
    static let warningsHeading = LocalizedText(zh: "预警", en: "Early warnings")
    static let noWarnings = LocalizedText(
        zh: "按当前趋势，所有可推算的指标均能按期达标。", en: "On present trends, every indicator that can be projected meets its targets.")
    static let overviewHeading = LocalizedText(zh: "指标逐年总表", en: "Indicators year by year")
    static let chartsHeading = LocalizedText(zh: "逐项趋势", en: "Trends one by one")
    static let projection = LocalizedText(zh: "趋势推算", en: "Projection")
    static let warning = LocalizedText(zh: "预警", en: "Warning")
    static let year = LocalizedText(zh: "年份", en: "Year")
    static let readOn = LocalizedText(zh: "统计日期", en: "Read on")
    static let trend = LocalizedText(zh: "线性趋势", en: "Linear trend")
    static let legendMeasured = LocalizedText(zh: "实测值", en: "measured")
    static let legendTrend = LocalizedText(zh: "趋势线（最小二乘，虚线）", en: "trend (least squares, dashed)")
    static let legendTarget = LocalizedText(zh: "规划目标", en: "plan target")
    static let method = LocalizedText(
        zh: "各年按当年12月31日（当年按今天）的登记数据评估；趋势为可评估年份的最小二乘直线，推算至各目标年份。趋势低于目标，或目标年份已过而最新实测值仍低于目标时预警。",
        en:
            "Each year is read from the registry as of 31 December (the current year as of today); the trend is the least-squares line through the evaluable years, projected to each target year. A warning is raised where the projection falls short of the target, or where the target year has passed and the latest value is still below it."
    )
    static let generatedBy = LocalizedText(
        zh: "由 LifeCircle 生成。推算仅为线性外推，供监测参考。",
        en: "Written by LifeCircle. Projections are linear extrapolations, for monitoring.")
}
