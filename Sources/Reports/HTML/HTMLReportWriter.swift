import FacilityKit
import Foundation
import Rules

/// Writes `report.html`: a header with the verdict, the summary table, the overview map, one section
/// per rule (figures, map, per-unit and failing-feature tables, citations) and the provenance table.
struct HTMLReportWriter {
    let report: CheckReport
    let words: ReportWording
    /// The page's maps share one drawing of the streets per projection.
    private let streets = StreetSharing()

    init(report: CheckReport, language: ReportLanguage) {
        self.report = report
        words = ReportWording(report: report, language: language)
    }

    func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(words.language == .zh ? "zh-CN" : "en")\">\n<head>\n"
        html += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\((words.title + " — " + words(Words.reportKind)).htmlEscaped)</title>\n"
        html += "<style>\n\(ReportStyle.css)</style>\n</head>\n<body>\n"
        html += DataWarnings.html(report.dataWarnings, language: words.language) + header() + summary() + overview() + rules() + provenance()
        html += "<footer><p>\(words(Words.generatedBy).htmlEscaped)</p></footer>\n</body>\n</html>\n"
        return html
    }

    private func header() -> String {
        let counts = report.counts
        var html = "<header id=\"report-header\" class=\"report-header\">\n"
        html += "<p class=\"kind\">\(words(Words.reportKind).htmlEscaped)</p>\n"
        html += "<h1>\(words.title.htmlEscaped)</h1>\n"
        html += "<p class=\"meta\">\(words.versionAndDate.htmlEscaped)</p>\n"
        html += "<div id=\"verdict\" class=\"verdict verdict-\(report.verdict.rawValue)\">"
        html += "\(words(Words.verdict).htmlEscaped)\(words.colon)\(words.verdict.htmlEscaped)</div>"
        html += "<div class=\"counts\">"
        let badges = [
            ("passed", Words.passed, counts.passed), ("failed", Words.failed, counts.failed),
            ("not_evaluable", Words.notEvaluable, counts.notEvaluable),
        ]
        for (status, word, count) in badges {
            html +=
                "<span class=\"count status-\(status)\" data-count=\"\(count)\">\(words(word).htmlEscaped) \(count)</span>"
        }
        html += "</div>\n"
        html += "<p class=\"counts-sentence\">\(words.counts.htmlEscaped)</p>\n</header>\n"
        return html
    }

    private func summary() -> String {
        var html = "<section id=\"summary\">\n<h2>\(words(Words.summary).htmlEscaped)</h2>\n"
        html +=
            report.result.results.isEmpty ? "<p>\(words(Words.noRules).htmlEscaped)</p>\n" : table(words.summaryTable)
        return html + "</section>\n"
    }

    private func overview() -> String {
        guard let map = report.overviewMap(words, sharing: streets) else { return "" }
        var html = "<section id=\"overview\">\n<h2>\(words(Words.overviewMap).htmlEscaped)</h2>\n<figure>"
        html += map.render()
        let caption = ([words(Words.overviewCaption)] + map.notes).joined(separator: words.pick("", " "))
        html += "<figcaption>\(caption.htmlEscaped)</figcaption></figure>\n</section>\n"
        return html
    }

    private func rules() -> String {
        guard !report.result.results.isEmpty else { return "" }
        var html = "<section id=\"rules\">\n<h2>\(words(Words.rulesHeading).htmlEscaped)</h2>\n"
        for (index, outcome) in report.result.results.enumerated() { html += rule(outcome, number: index + 1) }
        return html + "</section>\n"
    }

    private func rule(_ outcome: RuleResult, number: Int) -> String {
        let status = outcome.status.key
        var html =
            "<section id=\"\(ReportWording.anchor(outcome.rule.id).htmlEscaped)\" class=\"rule status-\(status)\">\n"
        html += "<h3><span class=\"badge status-\(status)\">\(words.status(outcome.status).htmlEscaped)</span>"
        html += "\(number). \(words(outcome.rule.title).htmlEscaped)</h3>\n"
        html += "<p class=\"rule-id\"><code>\(outcome.rule.id.rawValue.htmlEscaped)</code></p>\n"
        html += "<table class=\"figures\"><tbody>\n"
        for figure in words.figures(of: outcome) {
            html += "<tr><th>\(figure.label.htmlEscaped)</th><td class=\"\(figure.cssClass)\">"
            html += "\(figure.value.htmlEscaped)</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if let map = report.ruleMap(outcome, words, sharing: streets) {
            html += "<figure>" + map.render()
            if !map.notes.isEmpty {
                html += "<figcaption>\(map.notes.joined(separator: words.pick("", " ")).htmlEscaped)</figcaption>"
            }
            html += "</figure>\n"
        }
        if let units = words.unitTable(for: outcome) {
            html += "<h4>\(words(Words.unitsHeading).htmlEscaped)</h4>\n" + table(units)
        }
        if let failing = words.failingTable(for: outcome) {
            html += "<h4>\(words(Words.failingHeading).htmlEscaped)</h4>\n" + table(failing)
        }
        html += citations(outcome.rule.citations)
        if let note = outcome.rule.note {
            html +=
                "<p class=\"note\"><strong>\(words(Words.note).htmlEscaped)</strong> \(words(note).htmlEscaped)</p>\n"
        }
        html += "<p class=\"back\"><a href=\"#summary\">\(words(Words.backToSummary).htmlEscaped)</a></p>\n"
        return html + "</section>\n"
    }

    private func citations(_ citations: [Citation]) -> String {
        guard !citations.isEmpty else { return "" }
        var html = "<h4>\(words(Words.citationsHeading).htmlEscaped)</h4>\n<ol class=\"citations\">\n"
        for citation in citations {
            html += "<li class=\"citation confidence-\(citation.confidence.rawValue)\"><cite>"
            html +=
                "\(citation.document.htmlEscaped)</cite> <span class=\"clause\">\(citation.clause.htmlEscaped)</span> "
            html += "<span class=\"confidence\">\(words.confidence(citation.confidence).htmlEscaped)</span>"
            if let quote = citation.quote { html += "<blockquote>\(quote.htmlEscaped)</blockquote>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    private func provenance() -> String {
        var html = "<section id=\"provenance\">\n<h2>\(words(Words.provenance).htmlEscaped)</h2>\n"
        html +=
            report.result.provenance.isEmpty
            ? "<p>\(words(Words.noProvenance).htmlEscaped)</p>\n" : table(words.provenanceTable)
        return html + "</section>\n"
    }

    private func table(_ table: ReportTable) -> String { table.html }
}
