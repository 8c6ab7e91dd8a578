import FacilityKit
import Foundation
import Rules
import Testing

@testable import Reports

@Suite("HTML report")
struct HTMLReportTests {
    let report = SyntheticCheck.report

    @Test("the header gives the profile, date, verdict and counts, in Chinese by default")
    func header() {
        let html = report.renderHTML()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<h1>合成测试方案（2021—2030）</h1>"))
        #expect(html.contains("版本 1.2.0"))
        #expect(html.contains("评估日期 2025-06-30"))
        #expect(html.contains("class=\"verdict verdict-failed\""))
        #expect(html.contains("未全部达标"))
        #expect(html.contains("达标 2 项，未达标 5 项，无法评估 1 项（共 8 项）"))
        #expect(html.contains("<span class=\"count status-failed\" data-count=\"5\">"))
    }

    @Test("every rule has a section and a summary row that links to it")
    func sections() throws {
        let html = report.renderHTML()
        for outcome in report.result.results {
            let id = "rule-\(outcome.rule.id.rawValue)"
            let section = try #require(ReportText.section(id, in: html), "no section \(id)")
            #expect(section.contains("class=\"rule status-\(outcome.status.key)\""))
            #expect(html.contains("<a href=\"#\(id)\">"))
        }
        #expect(ReportText.count("<section id=\"rule-", in: html) == report.result.results.count)
        #expect(ReportText.count("<tr>", in: try #require(ReportText.section("summary", in: html))) == 9)
    }

    @Test("a failing per-capita rule says measured vs target with its year, and the shortfall in 托位")
    func perCapitaShortfall() throws {
        let html = report.renderHTML()
        let section = try #require(ReportText.section("rule-childcare.places_per_1000", in: html))
        #expect(section.contains("✘ 未达标"))
        #expect(section.contains("<td class=\"measured\">每千人 2 个</td>"))
        #expect(section.contains("<td class=\"target\">≥ 每千人 4 个（2025 年）</td>"))
        #expect(section.contains("≥ 每千人 4 个（2025 年）；≥ 每千人 6 个（2030 年）"))
        // 2 per 1,000 × 1,173,000 residents = 2,346 places.
        #expect(section.contains("每千人差 2 个，即差 2,346 个托位"))
        // Per street: 乙 is 3 short per 1,000 of 400,000 residents = 1,200 places; 丙 has no data.
        #expect(section.contains("<th>缺口（托位）</th>"))
        #expect(section.contains("<td class=\"supply\">1,200 个托位</td>"))
        #expect(section.contains("<td class=\"status status-no_data\">— 无数据</td>"))
        #expect(section.contains("每千人常住人口的托位数（按行政单元合计，逐个行政单元）"))
        #expect(section.contains("25 个托育机构共 2,346 个托位"))
    }

    @Test("coverage, presence, count, attribute and mandate rules read in their own terms")
    func otherMeasures() throws {
        let html = report.renderHTML()
        let coverage = try #require(ReportText.section("rule-kindergarten.coverage_300m", in: html))
        #expect(coverage.contains("步行 300 m 内有幼儿园的0–3岁儿童占比"))
        #expect(coverage.contains("<td class=\"measured\">72%</td>"))
        #expect(coverage.contains("≥ 90%（2030 年）"))
        // 0.18 × 30,000 children.
        #expect(coverage.contains("差 18 个百分点，即需再覆盖约 5,400 人（0–3岁儿童）"))
        #expect(coverage.contains("<td class=\"uncovered\">200</td>"))

        let count = try #require(ReportText.section("rule-maternity_room.count", in: html))
        #expect(count.contains("<td class=\"measured\">7 个</td>"))
        #expect(count.contains("差 3 个"))
        #expect(count.contains("目标数字待核实原文。"))

        let presence = try #require(ReportText.section("rule-children_home.presence", in: html))
        #expect(presence.contains("有儿童之家的街道占比"))
        #expect(presence.contains("✔ 达标"))

        let attribute = try #require(ReportText.section("rule-public_toilet.female_male_ratio", in: html))
        #expect(attribute.contains("满足 female_stalls &gt;= 1.5 * (male_stalls + urinals) 的公厕占比"))
        #expect(attribute.contains("缺少数据：女厕位、小便器"))
        #expect(attribute.contains("<td class=\"reason reason-fails\">不满足条件</td>"))
        #expect(attribute.contains("合成丙街道（测试）"))

        let mandate = try #require(ReportText.section("rule-maternity_room.venue_mandate", in: html))
        #expect(mandate.contains("未配建母婴室"))
        #expect(mandate.contains("公共场所（floor_area_m2 &gt; 10000 or daily_visitors &gt; 10000）中配有母婴室（场所内或 50 m 内）的占比"))
    }

    @Test("a not-evaluable rule says why, and is not counted as passed")
    func notEvaluable() throws {
        let html = report.renderHTML()
        let section = try #require(ReportText.section("rule-park.coverage_500m", in: html))
        #expect(section.contains("？ 无法评估"))
        #expect(section.contains("<td class=\"reason\">没有步行网络：先运行 lifecircle network build</td>"))
        #expect(!section.contains("✔ 达标"))

        let onlyPassedAndUnknown = CheckReport(
            result: SyntheticCheck.checkResult([SyntheticCheck.childrenHomePresence, SyntheticCheck.parkCoverage]),
            units: SyntheticCheck.units)
        let incomplete = onlyPassedAndUnknown.renderHTML()
        #expect(incomplete.contains("class=\"verdict verdict-incomplete\""))
        #expect(incomplete.contains("无法确认全部达标"))
        let passed = CheckReport(result: SyntheticCheck.checkResult([SyntheticCheck.childrenHomePresence]))
        #expect(passed.renderHTML().contains("class=\"verdict verdict-passed\""))
    }

    @Test("long failing lists stop at 50 rows and say how many more")
    func failingCap() throws {
        let html = report.renderHTML()
        let section = try #require(ReportText.section("rule-maternity_room.venue_mandate", in: html))
        #expect(ReportText.count("<td class=\"reason reason-lacks-required-facility\">", in: section) == 50)
        #expect(section.contains("<tr class=\"more\"><td colspan=\"6\">及其他 10 个</td></tr>"))
        #expect(section.contains("合成商场50号（测试）"))
        #expect(!section.contains("合成商场51号（测试）</td>"))
    }

    @Test("citations quote the clause and mark secondary and unverified sources")
    func citations() throws {
        let html = report.renderHTML()
        let ratio = try #require(ReportText.section("rule-childcare.places_per_1000", in: html))
        #expect(ratio.contains("<cite>花都区儿童发展规划（2021—2030年）</cite>"))
        #expect(ratio.contains("<span class=\"clause\">二、（五）健康 策略措施 8</span>"))
        #expect(ratio.contains("<blockquote>到2025年每千人口拥有3岁以下婴幼儿托位数达到4个</blockquote>"))
        #expect(ratio.contains("◐ 二手来源"))
        let count = try #require(ReportText.section("rule-maternity_room.count", in: html))
        #expect(count.contains("class=\"citation confidence-unverified\""))
        #expect(count.contains("✱ 未经原文核实"))
        let verified = try #require(ReportText.section("rule-childcare.places_2sfca", in: html))
        #expect(verified.contains("✔ 已核实原文"))
    }

    @Test("the English report has English words throughout")
    func english() throws {
        let html = report.renderHTML(language: .en)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<h1>Synthetic test profile (2021–2030)</h1>"))
        #expect(html.contains("2 passed, 5 failed, 1 not evaluable (8 in all)"))
        let section = try #require(ReportText.section("rule-childcare.places_per_1000", in: html))
        #expect(section.contains("<td class=\"measured\">2 per 1,000</td>"))
        #expect(section.contains("≥ 4 per 1,000 (by 2025)"))
        #expect(section.contains("2 per 1,000 short, i.e. 2,346 places short"))
        #expect(section.contains("◐ secondary source"))
        #expect(section.contains("places per 1,000 residents (unit totals, in every admin unit)"))
        let coverage = try #require(ReportText.section("rule-kindergarten.coverage_300m", in: html))
        #expect(coverage.contains("18 percentage points short, i.e. about 5,400 more children 0–3 to cover"))
        let mandate = try #require(ReportText.section("rule-maternity_room.venue_mandate", in: html))
        #expect(mandate.contains("and 10 more"))
        #expect(mandate.contains("hosts no maternity room"))
        let park = try #require(ReportText.section("rule-park.coverage_500m", in: html))
        #expect(park.contains("No walking network: run lifecircle network build first"))
        for word in ["达标", "无法评估", "缺口", "依据", "二手来源"] {
            #expect(!html.contains(word), "the English report still says \(word)")
        }
    }

    @Test("names and quotes are escaped, and the page loads nothing from outside")
    func escapingAndSelfContained() {
        let html = report.renderHTML()
        #expect(!html.contains(SyntheticCheck.awkwardName))
        #expect(html.contains("&lt;b&gt;&quot;东门&quot; 公厕 &amp; &#39;west&#39;&lt;/b&gt; | 1"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        for external in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
            #expect(!html.contains(external), "the page refers to \(external)")
        }
        #expect(html.contains("@media print"))
    }

    @Test("the overview map and one map per rule with places")
    func maps() throws {
        let html = report.renderHTML()
        #expect(ReportText.count("<svg ", in: html) == 6)
        let overview = try #require(ReportText.section("overview", in: html))
        #expect(overview.contains("id=\"map-overview\""))
        // Street 乙 fails the per-capita, attribute and mandate rules, 丙 the attribute, mandate and coverage ones.
        #expect(ReportText.count("class=\"unit failing-rules-3\"", in: overview) == 2)
        #expect(overview.contains("托育机构 (25)"))
        // The district holds the streets: drawn as a boundary over them, not shaded.
        #expect(ReportText.count("class=\"unit unit-container\"", in: overview) == 1)
        #expect(overview.contains("class=\"scale-bar\""))
        #expect(overview.contains("class=\"north-arrow\""))
        let ratio = try #require(ReportText.section("rule-public_toilet.female_male_ratio", in: html))
        #expect(ReportText.count("class=\"failing-feature reason-fails\"", in: ratio) == 2)
        #expect(ReportText.count("class=\"failing-feature reason-missing-data\"", in: ratio) == 1)
        let coverage = try #require(ReportText.section("rule-kindergarten.coverage_300m", in: html))
        #expect(ReportText.count("class=\"uncovered\"", in: coverage) > 100)
        #expect(ReportText.count("class=\"unit unit-failed\"", in: coverage) == 1)
        #expect(ReportText.count("class=\"unit unit-passed\"", in: coverage) == 2)
        // The count rule has no places, so no map.
        let count = try #require(ReportText.section("rule-maternity_room.count", in: html))
        #expect(!count.contains("<svg"))
    }

    @Test("the same report renders to the same bytes")
    func deterministic() {
        #expect(report.renderHTML() == SyntheticCheck.report.renderHTML())
        #expect(report.renderHTML(language: .en) == SyntheticCheck.report.renderHTML(language: .en))
    }
}
