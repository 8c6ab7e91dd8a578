import FacilityKit
import Foundation
import GeoCore
import Rules
import Testing

@testable import Reports

/// The scenario report on the synthetic check: three more maternity rooms make the count pass,
/// kindergarten coverage rises, the rest stays as it was.
@Suite("Scenario report")
struct ScenarioReportTests {
    static var scenarioResult: CheckResult {
        var results = SyntheticCheck.results
        for index in results.indices {
            switch results[index].rule.id.rawValue {
            case "maternity_room.count":
                results[index].status = .passed
                results[index].measured = 10
                results[index].shortfall = nil
            case "kindergarten.coverage_300m":
                results[index].measured = 0.8
            default: break
            }
        }
        return SyntheticCheck.checkResult(results)
    }

    static var report: ScenarioReport {
        ScenarioReport(
            name: "新增母婴室", title: LocalizedText(zh: "新增3处母婴室", en: "Three new maternity rooms"),
            changes: [
                .init(
                    action: .add, kind: SyntheticCheck.maternityRoom,
                    kindName: LocalizedText(zh: "母婴室", en: "Maternity room"),
                    id: FacilityID(rawValue: "M-1"), name: SyntheticCheck.awkwardName,
                    location: SyntheticCheck.point(inStreet: 0, 0.5, 0.5), attributes: ["area_m2": "12"]),
                .init(
                    action: .move, kind: SyntheticCheck.kindergarten,
                    kindName: LocalizedText(zh: "幼儿园", en: "Kindergarten"),
                    id: FacilityID(rawValue: "K-1"), name: "幼儿园",
                    location: SyntheticCheck.point(inStreet: 2, 0.5, 0.5),
                    previousLocation: SyntheticCheck.point(inStreet: 1, 0.5, 0.5)),
            ],
            base: SyntheticCheck.report, scenario: scenarioResult)
    }

    @Test func changedResultsFirstThenChangedValuesThenTheProfileOrder() {
        let diffs = Self.report.diffs
        #expect(diffs.count == SyntheticCheck.results.count)
        #expect(diffs.first?.before.rule.id.rawValue == "maternity_room.count")
        #expect(diffs.first?.statusChanged == true && diffs.first?.change == 3)
        // Coverage rose 8 points without passing: it comes right after, not at its place in the profile.
        #expect(diffs.dropFirst().first?.before.rule.id.rawValue == "kindergarten.coverage_300m")
        #expect(diffs.dropFirst().first?.valueChanged == true)
        let moved: Set = ["maternity_room.count", "kindergarten.coverage_300m"]
        #expect(
            diffs.dropFirst(2).map(\.before.rule.id)
                == SyntheticCheck.results.map(\.rule.id).filter { !moved.contains($0.rawValue) })
        #expect(diffs.dropFirst(2).allSatisfy { !$0.statusChanged && !$0.valueChanged })
        let summary = Self.report.renderMarkdown(language: .zh)
        #expect(summary.contains("结果改变的指标：1 项；结果未变但数值改变的：1 项"))
        let coverage = diffs.first { $0.before.rule.id.rawValue == "kindergarten.coverage_300m" }
        #expect(abs((coverage?.change ?? 0) - 0.08) < 1e-12 && coverage?.statusChanged == false)
        #expect(diffs.first { $0.before.rule.id.rawValue == "park.coverage_500m" }?.change == nil)
    }

    @Test func htmlColoursTheChangeAndEscapesNames() {
        let html = Self.report.renderHTML(language: .en)
        #expect(html.contains("<td class=\"change change-up\">+3</td>"))
        #expect(html.contains("+8 pp"))
        #expect(html.contains("status-changed"))
        #expect(!html.contains(SyntheticCheck.awkwardName))
        #expect(html.contains(SyntheticCheck.awkwardName.htmlEscaped))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        let zh = Self.report.renderHTML(language: .zh)
        #expect(zh.contains("+8 个百分点") && zh.contains("情景对比：新增3处母婴室"))
    }

    /// The provenance table's header and rows, when the base check recorded any.
    static var provenanceRows: Int {
        let count = report.base.result.provenance.count
        return count == 0 ? 0 : 1 + count
    }

    @Test func markdownEscapesTableCells() {
        let markdown = Self.report.renderMarkdown(language: .en)
        #expect(markdown.hasPrefix("# Scenario: Three new maternity rooms\n"))
        #expect(markdown.contains("\\<b\\>\"东门\" 公厕 & 'west'\\</b\\> \\| 1"))
        #expect(
            markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 2 + 1 + SyntheticCheck.results.count
                + 1 + Self.provenanceRows)
    }

    @Test func jsonIsDeterministicAndComplete() throws {
        let data = try Self.report.renderJSON()
        #expect(try Self.report.renderJSON() == data)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["format"] as? String == "lifecircle-scenario-report")
        let rules = try #require(document["rules"] as? [[String: Any]])
        #expect(
            rules.first?["status_before"] as? String == "failed" && rules.first?["status_after"] as? String == "passed")
        // Every rule has the same keys; absent figures are null.
        #expect(Set(rules.map { $0.keys.sorted() }).count == 1)
        let park = try #require(rules.first { $0["id"] as? String == "park.coverage_500m" })
        #expect(park["change"] is NSNull)
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(changes.map { $0["action"] as? String } == ["add", "move"])
        #expect((changes[1]["previous_location"] as? [Double])?.count == 2)
    }
}
