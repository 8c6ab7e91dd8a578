import FacilityKit

/// Writes `trend.html`: the header, the warnings, the year-by-year table, then one section per indicator
/// with its chart and readings, and the provenance. Self-contained: inline CSS and SVG, no scripts.
struct TrendHTMLWriter {
    let report: TrendReport
    let words: TrendWording

    init(report: TrendReport, language: ReportLanguage) {
        self.report = report
        words = TrendWording(report: report, language: language)
    }

    static let css = """
        svg.trend-chart { max-width: 100%; height: auto; display: block; }
        svg.trend-chart text { font-size: 11px; fill: #222; }
        svg.trend-chart .chart-title { font-size: 14px; font-weight: 600; }
        svg.trend-chart .axis-label { font-size: 12px; fill: #5f6368; }
        td.warning-raised { color: var(--fail); font-weight: 600; }
        table.trend-summary { font-size: 13px; }
        table.trend-summary td { white-space: normal; }
        table.trend-summary td:nth-child(2) { min-width: 11em; }
        section.indicator { border: 1px solid var(--line); border-left: 6px solid var(--na); border-radius: 6px;
          padding: 14px 18px; margin: 18px 0; }
        section.indicator.on_track { border-left-color: var(--pass); }
        section.indicator.warns { border-left-color: var(--fail); }
        section.indicator.no_data, section.indicator.not_projected { border-left-color: var(--na); }
        p.unassessed { color: var(--na); font-weight: 600; }
        p.method { color: var(--muted); font-size: 13px; }

        """

    func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(words.language == .zh ? "zh-CN" : "en")\">\n<head>\n"
        html += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(words.title.htmlEscaped)</title>\n"
        html += "<style>\n\(ReportStyle.css)\(Self.css)</style>\n</head>\n<body>\n"
        html += DataWarnings.html(report.dataWarnings, language: words.language) + header() + warnings() + overview() + indicators() + provenance()
        html += "<footer><p>\(words(TrendWords.generatedBy).htmlEscaped)</p></footer>\n</body>\n</html>\n"
        return html
    }

    private func header() -> String {
        var html = "<header id=\"report-header\" class=\"report-header\">\n"
        html += "<p class=\"kind\">\(words(TrendWords.reportKind).htmlEscaped)</p>\n"
        html += "<h1>\(words.words.title.htmlEscaped)</h1>\n"
        html += "<p class=\"meta\">\(words.meta.htmlEscaped)</p>\n"
        let state = words.verdictState
        html += "<div id=\"verdict\" class=\"verdict verdict-\(state)\" data-warnings=\"\(report.warnings.count)\">"
        html += "\(words.warningCount.htmlEscaped)</div>\n"
        html += "<p class=\"method\">\(words(TrendWords.method).htmlEscaped)</p>\n</header>\n"
        return html
    }

    private func warnings() -> String {
        var html = "<section id=\"warnings\">\n<h2>\(words(TrendWords.warningsHeading).htmlEscaped)</h2>\n"
        let table = words.warningTable
        html += table.rows.isEmpty ? "<p>\(words.noWarnings.htmlEscaped)</p>\n" : table.html
        return html + "</section>\n"
    }

    private func overview() -> String {
        var html = "<section id=\"overview\">\n<h2>\(words(TrendWords.overviewHeading).htmlEscaped)</h2>\n"
        html += report.indicators.isEmpty ? "<p>\(words(Words.noRules).htmlEscaped)</p>\n" : words.overviewTable.html
        return html + "</section>\n"
    }

    private func indicators() -> String {
        guard !report.indicators.isEmpty else { return "" }
        var html = "<h2>\(words(TrendWords.chartsHeading).htmlEscaped)</h2>\n"
        for (index, indicator) in report.indicators.enumerated() {
            let anchor = TrendWording.anchor(indicator.rule.id)
            let state = indicator.assessment.rawValue
            html += "<section id=\"\(anchor.htmlEscaped)\" class=\"indicator \(state)\" data-assessment=\"\(state)\">\n"
            html += "<h3>\(index + 1). \(words.words(indicator.rule.title).htmlEscaped)</h3>\n"
            if let reason = words.unassessedReason(of: indicator) {
                html += "<p class=\"unassessed\">\(reason.htmlEscaped)</p>\n"
            }
            html += "<p class=\"rule-id\"><code>\(indicator.rule.id.rawValue.htmlEscaped)</code> · "
            html +=
                "\(words(TrendWords.trend).htmlEscaped)\(words.words.colon)\(words.slope(of: indicator).htmlEscaped)</p>\n"
            html += "<figure>" + TrendChart(indicator: indicator, words: words).render() + "</figure>\n"
            html += words.readingTable(for: indicator).html
            html += "<p><a href=\"#warnings\">\(words(Words.backToSummary).htmlEscaped)</a></p>\n</section>\n"
        }
        return html
    }

    private func provenance() -> String {
        var html = "<section id=\"provenance\">\n<h2>\(words(Words.provenance).htmlEscaped)</h2>\n"
        html +=
            report.provenance.isEmpty ? "<p>\(words(Words.noProvenance).htmlEscaped)</p>\n" : words.provenanceTable.html
        return html + "</section>\n"
    }
}
