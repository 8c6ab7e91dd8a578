import FacilityKit
import Foundation
import Rules
import Testing

@testable import Reports

@Suite("Markdown report")
struct MarkdownReportTests {
    let report = SyntheticCheck.report

    @Test("the summary is a table with one row per rule, and says where the maps are")
    func summary() {
        let markdown = report.renderMarkdown()
        #expect(markdown.hasPrefix("# 合成测试方案（2021—2030） — 规划目标达标评估报告\n"))
        #expect(markdown.contains("**总体结论：未全部达标** — 达标 2 项，未达标 5 项，无法评估 1 项（共 8 项）"))
        #expect(markdown.contains("> 地图（总览图及各指标的分布图）见同目录的 report.html。"))
        #expect(markdown.contains("| # | 指标 | 编号 | 结果 | 实测 | 目标 | 缺口 |\n|---|---|---|---|---|---|---|\n"))
        #expect(
            markdown.contains(
                "| 1 | 每千人口托位数 | `childcare.places_per_1000` | ✘ 未达标 | 每千人 2 个 | ≥ 每千人 4 个（2025 年） | 每千人差 2 个，即差 2,346 个托位 |"
            ))
        #expect(markdown.contains("| 没有步行网络：先运行 lifecircle network build |"))
    }

    @Test("each rule has its figures, unit and failing tables, and citations with confidence marks")
    func ruleSections() throws {
        let markdown = report.renderMarkdown()
        let places = try #require(ReportText.markdownSection(titled: "每千人口托位数", in: markdown))
        #expect(places.contains("| 合成乙街道（测试） | `T002` | 每千人 1 个 | ✘ 未达标 | 每千人差 3 个 | 1,200 个托位 |"))
        #expect(places.contains("1. **花都区儿童发展规划（2021—2030年）** 二、（五）健康 策略措施 8（◐ 二手来源）"))
        #expect(places.contains("   > 到2025年每千人口拥有3岁以下婴幼儿托位数达到4个"))
        let count = try #require(ReportText.markdownSection(titled: "母婴室数量", in: markdown))
        #expect(count.contains("（✱ 未经原文核实）"))
        #expect(count.contains("**备注** 目标数字待核实原文。"))
        let mandate = try #require(ReportText.markdownSection(titled: "大型公共场所配建母婴室", in: markdown))
        #expect(ReportText.count("| 未配建母婴室 |", in: mandate) == 50)
        #expect(mandate.contains("_及其他 10 个_"))
    }

    @Test("table cells escape Markdown's characters")
    func escaping() throws {
        let markdown = report.renderMarkdown()
        #expect(markdown.contains("\\<b\\>\"东门\" 公厕 & 'west'\\</b\\> \\| 1"))
        let ratio = try #require(ReportText.markdownSection(titled: "公厕女男厕位比", in: markdown))
        // Every row of the failing table has the same number of cells as its header.
        let rows = ratio.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("WC-") }
        #expect(rows.count == 3)
        for row in rows {
            let cells = row.replacingOccurrences(of: "\\|", with: "").split(
                separator: "|", omittingEmptySubsequences: false)
            #expect(cells.count == 8, "\(row)")
        }
    }

    @Test("the English Markdown has English words")
    func english() {
        let markdown = report.renderMarkdown(language: .en)
        #expect(markdown.contains("**Verdict: Targets missed** — 2 passed, 5 failed, 1 not evaluable (8 in all)"))
        #expect(markdown.contains("> The maps (overview and one per target) are in report.html, in the same folder."))
        #expect(markdown.contains("2 per 1,000 short, i.e. 2,346 places short"))
        #expect(markdown.contains("(✱ not verified against the source text)"))
        #expect(markdown.contains("_and 10 more_"))
        #expect(!markdown.contains("达标"))
    }
}
