import FacilityKit

/// Writes `trend.md`: the HTML page's tables as Markdown, for pasting into documents; charts stay in the HTML.
struct TrendMarkdownWriter {
    let report: TrendReport
    let words: TrendWording

    init(report: TrendReport, language: ReportLanguage) {
        self.report = report
        words = TrendWording(report: report, language: language)
    }

    func render() -> String {
        func escaped(_ text: String, startsLine: Bool = false) -> String {
            ReportTable.markdownEscaped(text, startsLine: startsLine)
        }
        var lines = ["# " + escaped(words.title), "", escaped(words.meta, startsLine: true), ""]
        lines += DataWarnings.markdown(report.dataWarnings, language: words.language)
        lines += ["**" + escaped(words.warningCount) + "**", "", "> " + escaped(words(TrendWords.method)), ""]
        lines += ["## " + escaped(words(TrendWords.warningsHeading)), ""]
        let warnings = words.warningTable
        lines +=
            warnings.rows.isEmpty ? [escaped(words.noWarnings, startsLine: true)] : warnings.markdownLines
        lines += ["", "## " + escaped(words(TrendWords.overviewHeading)), ""]
        lines +=
            report.indicators.isEmpty
            ? [escaped(words(Words.noRules), startsLine: true)] : words.overviewTable.markdownLines
        lines.append("")
        if !report.indicators.isEmpty { lines += ["## " + escaped(words(TrendWords.chartsHeading)), ""] }
        for (index, indicator) in report.indicators.enumerated() {
            lines += ["### \(index + 1). " + escaped(words.words(indicator.rule.title)), ""]
            if let reason = words.unassessedReason(of: indicator) { lines += ["*" + escaped(reason) + "*", ""] }
            lines += [
                "`\(indicator.rule.id.rawValue)` · " + escaped(words(TrendWords.trend)) + words.words.colon
                    + escaped(words.slope(of: indicator)), "",
            ]
            lines += words.readingTable(for: indicator).markdownLines + [""]
        }
        lines += ["## " + escaped(words(Words.provenance)), ""]
        lines +=
            report.provenance.isEmpty
            ? [escaped(words(Words.noProvenance), startsLine: true)] : words.provenanceTable.markdownLines
        lines += ["", escaped(words(TrendWords.generatedBy), startsLine: true)]
        return lines.joined(separator: "\n") + "\n"
    }
}
