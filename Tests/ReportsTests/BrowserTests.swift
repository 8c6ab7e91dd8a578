import FacilityKit
import Foundation
import Rules
import TestSupport
import Testing

@testable import Reports

/// The HTML report opened in a real headless browser (Debian's chromium), one run at a time.
@Suite("HTML report in a browser", .serialized)
struct BrowserTests {
    let report = SyntheticCheck.report

    @Test("chromium builds the sections, tables and maps, and keeps the Chinese text")
    func domInChromium() throws {
        let folder = try TemporaryFolder(prefix: "reports-browser")
        defer { folder.remove() }
        let page = try folder.write(report.renderHTML(), to: "report.html")
        let dom = try HeadlessChromium.dumpDOM(of: page, scratch: folder)
        #expect(dom.contains("<h1>合成测试方案（2021—2030）</h1>"))
        for outcome in report.result.results {
            #expect(
                dom.contains(
                    "<section id=\"rule-\(outcome.rule.id.rawValue)\" class=\"rule status-\(outcome.status.key)\">"))
        }
        #expect(ReportText.count("<section id=\"rule-", in: dom) == 8)
        #expect(ReportText.count("<table class=\"summary\">", in: dom) == 1)
        #expect(ReportText.count("<table class=\"units\">", in: dom) == 3)
        #expect(ReportText.count("<table class=\"failing\">", in: dom) == 2)
        #expect(ReportText.count("<table class=\"provenance\">", in: dom) == 1)
        #expect(ReportText.count("<svg ", in: dom) == 6)
        #expect(dom.contains("id=\"map-overview\""))
        #expect(dom.contains("id=\"map-rule-kindergarten.coverage_300m\""))
        #expect(dom.contains("每千人差 2 个，即差 2,346 个托位"))
        #expect(dom.contains("◐ 二手来源"))
        #expect(dom.contains("✱ 未经原文核实"))
        #expect(dom.contains("&lt;b&gt;\"东门\" 公厕 &amp; 'west'&lt;/b&gt; | 1"), "the escaped name reads as text")
        // The browser kept the page as written: it moved nothing out of a table or the SVG.
        let section = try #require(ReportText.section("rule-maternity_room.venue_mandate", in: dom))
        #expect(ReportText.count("<td class=\"reason reason-lacks-required-facility\">", in: section) == 50)
    }

    @Test(
        "a screenshot of the report is a 1280 × 2400 PNG with far more on it than a blank page",
        arguments: ReportLanguage.allCases)
    func screenshot(language: ReportLanguage) throws {
        let folder = try TemporaryFolder(prefix: "reports-screenshot")
        defer { folder.remove() }
        let page = try folder.write(report.renderHTML(language: language), to: "report.html")
        let blank = try folder.write(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>", to: "blank.html")
        let shot = folder.file("report.png")
        let blankShot = folder.file("blank.png")
        try HeadlessChromium.screenshot(of: page, to: shot, width: 1280, height: 2400, scratch: folder)
        try HeadlessChromium.screenshot(of: blank, to: blankShot, width: 1280, height: 2400, scratch: folder)
        let png = try Data(contentsOf: shot)
        let blankPNG = try Data(contentsOf: blankShot)
        let size = try #require(pngSize(png), "not a PNG")
        #expect(size.width == 1280 && size.height == 2400)
        #expect(png.count > 5 * blankPNG.count, "report \(png.count) bytes, blank page \(blankPNG.count) bytes")
        // REPORTS_KEEP_SCREENSHOT=/tmp/shot keeps /tmp/shot-zh.png and /tmp/shot-en.png to look at.
        if let keep = ProcessInfo.processInfo.environment["REPORTS_KEEP_SCREENSHOT"] {
            let target = URL(fileURLWithPath: "\(keep)-\(language.rawValue).png")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: shot, to: target)
        }
    }
}
