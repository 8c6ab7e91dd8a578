import FacilityKit
import Foundation
import Rules
import Testing

@testable import Reports

/// The trend report's writers on a small synthetic report (made up for these tests): a per-capita indicator
/// that warns, a share that is on track, and a count with only one evaluable year.
@Suite("Trend reports")
struct TrendReportTests {
    static func date(_ year: Int, _ month: Int = 12, _ day: Int = 31) -> CivilDate {
        guard let date = CivilDate(year: year, month: month, day: day) else { preconditionFailure("not a date") }
        return date
    }

    static func rule(_ id: String, _ zh: String, _ en: String, _ measure: RuleMeasure, _ targets: TargetSchedule)
        -> Rule
    {
        guard let ruleID = RuleID(rawValue: id) else { preconditionFailure("not a rule id") }
        return Rule(
            id: ruleID, title: LocalizedText(zh: zh, en: en), measure: measure, targets: targets,
            citations: [Citation(document: "合成文件（测试）", clause: "1", confidence: .unverified)])
    }

    static func kind(_ text: String) -> PluginID {
        guard let id = PluginID(rawValue: text) else { preconditionFailure("not a plugin id") }
        return id
    }

    static var report: TrendReport {
        let places = rule(
            "test.places", "每千人托位数（测试）", "Places per 1,000 (test)",
            .perCapita(
                facilities: .init(kind: kind("childcare")), supplyField: "places", group: .total, per: 1000,
                method: .unitTotals, perUnit: false),
            TargetSchedule([.init(year: 2025, value: 4.5), .init(year: 2030, value: 6)]))
        let share = rule(
            "test.share", "母婴室设备齐全率 <测试>", "Rooms fully equipped <test>",
            .attribute(facilities: .init(kind: kind("maternity_room")), require: "complete"), TargetSchedule(value: 0.9)
        )
        let count = rule(
            "test.count", "母婴室数量（测试）", "Maternity rooms (test)",
            .count(facilities: .init(kind: kind("maternity_room")), perUnit: false),
            TargetSchedule([.init(year: 2025, value: 10)]))
        let years = [2021, 2022, 2023]
        func readings(_ values: [Double?]) -> [TrendReport.Reading] {
            zip(years, values).map { year, value in
                TrendReport.Reading(
                    year: year, date: year == 2023 ? date(2023, 6, 30) : date(year), value: value,
                    reason: value == nil ? LocalizedText(zh: "无数据", en: "no data") : nil)
            }
        }
        return TrendReport(
            profile: ProfileSummary(
                id: "test", title: LocalizedText(zh: "合成方案（测试）", en: "Synthetic plan (test)"),
                version: SemanticVersion(1, 0, 0)),
            firstYear: 2021, lastYear: 2026, measuredOn: date(2023, 6, 30),
            indicators: [
                .init(
                    latest: RuleResult(rule: places, status: .failed, quantity: .perCapita, measured: 3),
                    readings: readings([1, 2, 3]), line: .init(slope: 1, intercept: -2020), lineProblem: nil,
                    projections: [
                        .init(year: 2025, target: 4.5, projected: 5, warning: nil),
                        .init(year: 2030, target: 6, projected: 10, warning: nil),
                    ]),
                .init(
                    latest: RuleResult(rule: share, status: .failed, quantity: .share, measured: 0.5),
                    readings: readings([0.3, 0.4, 0.5]), line: .init(slope: 0.1, intercept: -201.8), lineProblem: nil,
                    projections: [.init(year: 2026, target: 0.9, projected: 0.8, warning: .projectionMisses)]),
                .init(
                    latest: RuleResult(rule: count, status: .failed, quantity: .count, measured: 4),
                    readings: readings([nil, nil, 4]), line: nil,
                    lineProblem: LocalizedText(zh: "可评估的年份不足两个", en: "not enough years"),
                    projections: [.init(year: 2025, target: 10, projected: nil, warning: nil)]),
            ],
            provenance: [Provenance(role: "registry", name: "test.gpkg", detail: "2021–2023")])
    }

    @Test func theHTMLHasOneChartPerIndicatorWithPointsTrendAndTargets() {
        let html = Self.report.renderHTML(language: .zh)
        #expect(ReportText.count("<svg", in: html) == 3)
        #expect(ReportText.count("class=\"trend-chart\"", in: html) == 3)
        // Three measured points for the first two indicators, one for the third.
        #expect(ReportText.count("<circle class=\"measured\"", in: html) == 7)
        // A dashed trend line where there is a line; none for the single-point indicator.
        #expect(ReportText.count("class=\"trend-line\"", in: html) == 2)
        #expect(html.contains("stroke-dasharray=\"6 4\""))
        // One marker per target step, at its year.
        #expect(ReportText.count("class=\"target-marker\"", in: html) == 4)
        #expect(html.contains("data-year=\"2030\""))
        // Axis labels and titles in Chinese; names escaped.
        #expect(html.contains(">年份</text>"))
        #expect(html.contains("每千人托位数（测试）"))
        #expect(html.contains("母婴室设备齐全率 &lt;测试&gt;"))
        #expect(!html.contains("<测试>"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
    }

    @Test func warningsComeFirstAndNameTheIndicatorThatMisses() throws {
        let html = Self.report.renderHTML(language: .en)
        let warnings = try #require(ReportText.section("warnings", in: html))
        #expect(warnings.contains("Rooms fully equipped &lt;test&gt;"))
        #expect(!warnings.contains("Places per 1,000"))
        #expect(warnings.contains("80%"))
        let warningsAt = try #require(html.range(of: "id=\"warnings\"")).lowerBound
        let overviewAt = try #require(html.range(of: "id=\"overview\"")).lowerBound
        #expect(warningsAt < overviewAt)
        #expect(html.contains("data-warnings=\"1\""))
        #expect(html.contains(">Year</text>"))
    }

    /// The text table: indicator, one column per measured year, projection, target, warning.
    @Test func theTextTableHasAColumnPerMeasuredYear() {
        let table = Self.report.textTable(language: .en)
        #expect(table.header == ["#", "Target", "2021", "2022", "2023", "Projection", "Target value", "Warning"])
        #expect(table.rows.count == 3)
        #expect(table.rows[0][2] == "1 per 1,000")
        #expect(table.rows[0][5].contains("2025: 5 per 1,000"))
        #expect(table.rows[1][7].hasPrefix("⚠"))
        #expect(table.rows[2][2] == "—")
        #expect(table.rows[2][5].contains("not enough years"))
    }

    @Test func theMarkdownHasTheTablesAndEscapesNames() {
        let markdown = Self.report.renderMarkdown(language: .zh)
        #expect(markdown.hasPrefix("# 合成方案（测试） — 规划指标监测与预警报告"))
        #expect(markdown.contains("## 预警"))
        #expect(markdown.contains("母婴室设备齐全率 \\<测试\\>"))
        #expect(markdown.contains("| 2021 | 2022 | 2023 |"))
    }

    @Test func theJSONIsDeterministicAndCarriesTheFigures() throws {
        let first = try Self.report.renderJSON()
        #expect(first == (try Self.report.renderJSON()))
        let document = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        #expect(document["format"] as? String == "lifecircle-trend-report")
        #expect(document["warning_count"] as? Int == 1)
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["id"] as? String } == ["test.places", "test.share", "test.count"])
        let readings = try #require(indicators[2]["readings"] as? [[String: Any]])
        #expect(readings[0]["value"] is NSNull)
        #expect((readings[0]["reason"] as? [String: Any])?["en"] as? String == "no data")
        let projections = try #require(indicators[1]["projections"] as? [[String: Any]])
        #expect(projections[0]["warning"] as? String == "projection_misses")
        #expect(projections[0]["projected"] as? Double == 0.8)
        #expect((indicators[0]["line"] as? [String: Any])?["slope_per_year"] as? Double == 1)
    }
}

@Suite("Trend chart axis")
struct TrendChartAxisTests {
    /// Four grid steps of 1, 2, 2.5 or 5 × 10ⁿ: 4.5 → steps of 2 (top 8); 0.81 → 0.25 (top 1); 10 → 2.5 (top 10).
    @Test func theValueAxisEndsOnARoundNumber() {
        #expect(TrendChart.roundTop(above: 4.5) == 8)
        #expect(TrendChart.roundTop(above: 0.81) == 1)
        #expect(TrendChart.roundTop(above: 10) == 10)
        #expect(TrendChart.roundTop(above: 0) == 1)
    }
}
