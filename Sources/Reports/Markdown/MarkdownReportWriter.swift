import FacilityKit
import Rules

/// Writes `report.md`: the HTML report's content as headings and tables (GitHub-flavoured Markdown),
/// for pasting into documents; the maps stay in `report.html`.
struct MarkdownReportWriter {
    let report: CheckReport
    let words: ReportWording

    init(report: CheckReport, language: ReportLanguage) {
        self.report = report
        words = ReportWording(report: report, language: language)
    }

    func render() -> String {
        var lines: [String] = []
        lines.append("# \(escaped(words.title)) — \(escaped(words(Words.reportKind)))")
        lines.append("")
        lines.append(escaped(words.versionAndDate, startsLine: true))
        lines.append("")
        lines += DataWarnings.markdown(report.dataWarnings, language: words.language)
        lines.append(
            "**\(escaped(words(Words.verdict)))\(words.colon)\(escaped(words.verdict))** — \(escaped(words.counts))")
        lines.append("")
        lines.append("> \(escaped(words(Words.mapsInHTML)))")
        lines.append("")
        lines.append("## \(escaped(words(Words.summary)))")
        lines.append("")
        lines +=
            report.result.results.isEmpty
            ? [escaped(words(Words.noRules), startsLine: true)] : table(words.summaryTable)
        lines.append("")
        if !report.result.results.isEmpty {
            lines.append("## \(escaped(words(Words.rulesHeading)))")
            lines.append("")
        }
        for (index, outcome) in report.result.results.enumerated() {
            lines += rule(outcome, number: index + 1)
        }
        lines.append("## \(escaped(words(Words.provenance)))")
        lines.append("")
        lines +=
            report.result.provenance.isEmpty
            ? [escaped(words(Words.noProvenance), startsLine: true)] : table(words.provenanceTable)
        lines.append("")
        lines.append("_\(escaped(words(Words.generatedBy)))_")
        return lines.joined(separator: "\n") + "\n"
    }

    private func rule(_ outcome: RuleResult, number: Int) -> [String] {
        var lines = [
            "### \(number). \(escaped(words(outcome.rule.title))) — \(escaped(words.status(outcome.status)))", "",
        ]
        lines.append("`\(outcome.rule.id.rawValue)`")
        lines.append("")
        lines.append("| | |")
        lines.append("|---|---|")
        for figure in words.figures(of: outcome) {
            lines.append("| \(cell(figure.label)) | \(cell(figure.value)) |")
        }
        lines.append("")
        if let units = words.unitTable(for: outcome) {
            lines += ["#### \(escaped(words(Words.unitsHeading)))", ""] + table(units) + [""]
        }
        if let failing = words.failingTable(for: outcome) {
            lines += ["#### \(escaped(words(Words.failingHeading)))", ""] + table(failing) + [""]
        }
        if !outcome.rule.citations.isEmpty {
            lines += ["#### \(escaped(words(Words.citationsHeading)))", ""]
            for (index, citation) in outcome.rule.citations.enumerated() {
                let mark = escaped(words.confidence(citation.confidence))
                lines.append(
                    "\(index + 1). **\(escaped(citation.document))** \(escaped(citation.clause))"
                        + words.pick("（\(mark)）", " (\(mark))"))
                if let quote = citation.quote { lines.append("   > \(escaped(quote))") }
            }
            lines.append("")
        }
        if let note = outcome.rule.note {
            lines += ["**\(escaped(words(Words.note)))** \(escaped(words(note)))", ""]
        }
        return lines
    }

    private func table(_ table: ReportTable) -> [String] { table.markdownLines }

    private func cell(_ text: String) -> String { ReportTable.markdownCell(text) }

    private func escaped(_ text: String, startsLine: Bool = false) -> String {
        ReportTable.markdownEscaped(text, startsLine: startsLine)
    }
}
