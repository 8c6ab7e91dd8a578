import FacilityKit
import Foundation
import GeoCore
import Rules

/// Writes a scenario report as HTML, Markdown and JSON; the words and numbers are the check report's.
struct ScenarioReportWriter {
    let report: ScenarioReport
    let words: ReportWording

    init(report: ScenarioReport, language: ReportLanguage) {
        self.report = report
        words = ReportWording(report: report.base, language: language)
    }

    // MARK: Content, shared by HTML and Markdown

    private var heading: String { words.pick("情景对比：", "Scenario: ") + words(report.title) }

    private var subtitle: String {
        let result = report.base.result
        return words.pick(
            "情景 \(report.name) · 方案 \(result.profile.id) \(result.profile.version) · 评估日期 \(result.asOf)",
            "Scenario \(report.name) · profile \(result.profile.id) \(result.profile.version) · as of \(result.asOf)")
    }

    private var statusSummary: String {
        let changed = report.diffs.filter(\.statusChanged).count
        let moved = report.diffs.filter { !$0.statusChanged && $0.valueChanged }.count
        return words.pick(
            "结果改变的指标：\(changed) 项；结果未变但数值改变的：\(moved) 项（共 \(report.diffs.count) 项）",
            "Targets whose result changes: \(changed); whose value changes with the same result: \(moved) "
                + "(\(report.diffs.count) in all)")
    }

    private var changesHeading: String { words.pick("情景变更", "What the scenario changes") }

    private var rulesHeading: String {
        words.pick("指标对比（结果改变的在前，其次数值改变的）", "Targets before and after (changed results first, then changed values)")
    }

    private func actionWord(_ action: ScenarioReport.ChangeLine.Action) -> String {
        switch action {
        case .add: words.pick("新增", "add")
        case .move: words.pick("迁移", "move")
        case .close: words.pick("关闭", "close")
        case .update: words.pick("修改", "update")
        }
    }

    private func what(_ line: ScenarioReport.ChangeLine) -> String {
        var parts: [String] = []
        switch line.action {
        case .add: parts.append(words.location(line.location))
        case .move:
            parts.append((line.previousLocation.map(words.location) ?? "") + " → " + words.location(line.location))
        case .close:
            parts.append(
                words.pick(
                    "自 \(line.closedOn.map(String.init(describing:)) ?? "") 起关闭",
                    "closed from \(line.closedOn.map(String.init(describing:)) ?? "")"))
        case .update: break
        }
        let fields = line.attributes.sorted { $0.key < $1.key }.map {
            "\($0.key) = \($0.value.isEmpty ? "—" : $0.value)"
        }
        return (parts + fields).joined(separator: "; ")
    }

    private var changeTable: ReportTable {
        ReportTable(
            cssClass: "changes",
            headers: [
                words.pick("变更", "Change"), words(Words.kind), words(Words.facilityID), words(Words.name),
                words(Words.detail),
            ],
            rows: report.changes.map { line in
                [
                    ReportTable.Cell(actionWord(line.action), cssClass: "action-\(line.action.rawValue)"),
                    ReportTable.Cell(words(line.kindName)), ReportTable.Cell(line.id.rawValue, isCode: true),
                    ReportTable.Cell(line.name), ReportTable.Cell(what(line)),
                ]
            })
    }

    private func candidatesHeading(_ choice: ScenarioReport.CandidateChoice) -> String {
        let within = NumberText.integer(choice.within)
        return words.pick(
            "候选选址：\(choice.sites.count) 处中选 \(choice.choose) 处\(words(choice.kindName))"
                + "（步行 \(within) 米内新覆盖\(choice.groupName.zh)最多）",
            "Candidate sites for \(words(choice.kindName)): \(choice.choose) of \(choice.sites.count) chosen"
                + " (most \(choice.groupName.en) newly within \(within) m of walking)")
    }

    private func candidateTable(_ choice: ScenarioReport.CandidateChoice) -> ReportTable {
        ReportTable(
            cssClass: "candidates",
            headers: [
                words(Words.facilityID), words(Words.name), words.pick("位置", "Location"),
                words.pick("选中", "Chosen"), words.pick("新覆盖人口", "Newly covered"),
            ],
            rows: choice.sites.map { site in
                let notChosen =
                    site.onNetwork
                    ? words.pick("否", "no") : words.pick("否（离路网太远）", "no (too far from the network)")
                let chosen = site.rank.map { words.pick("是（第 \($0) 位）", "yes (rank \($0))") } ?? notChosen
                return [
                    ReportTable.Cell(site.id.rawValue, isCode: true), ReportTable.Cell(site.name),
                    ReportTable.Cell(words.location(site.location)),
                    ReportTable.Cell(chosen, cssClass: site.rank == nil ? "candidate-open" : "candidate-chosen"),
                    ReportTable.Cell(site.newlyCovered.map(NumberText.integer) ?? "—"),
                ]
            })
    }

    /// After minus before, in the rule's terms, with its sign.
    private func change(_ diff: ScenarioReport.RuleDiff) -> String {
        guard let change = diff.change, change.isFinite else { return "—" }
        let sign = change > 0 ? "+" : change < 0 ? "−" : "±"
        switch diff.before.quantity {
        case .share:
            return sign
                + words.pick(
                    "\(NumberText.percentagePoints(abs(change))) 个百分点",
                    "\(NumberText.percentagePoints(abs(change))) pp")
        case .count: return sign + NumberText.integer(abs(change))
        case .perCapita: return sign + NumberText.decimal(abs(change), fractionDigits: 2)
        }
    }

    private func changeClass(_ diff: ScenarioReport.RuleDiff) -> String {
        guard let change = diff.change, change.isFinite, abs(change) > 1e-12 else { return "change change-none" }
        return change > 0 ? "change change-up" : "change change-down"
    }

    private var ruleTable: ReportTable {
        ReportTable(
            cssClass: "diff",
            headers: [
                words(Words.rule), words(Words.ruleID), words.pick("现状", "Before"), words.pick("情景", "After"),
                words.pick("变化", "Change"), words(Words.target), words.pick("现状结果", "Result before"),
                words.pick("情景结果", "Result after"),
            ],
            rows: report.diffs.map { diff in
                [
                    ReportTable.Cell(words(diff.before.rule.title)),
                    ReportTable.Cell(diff.before.rule.id.rawValue, isCode: true),
                    ReportTable.Cell(words.value(diff.before.measured, of: diff.before)),
                    ReportTable.Cell(words.value(diff.after.measured, of: diff.after)),
                    ReportTable.Cell(change(diff), cssClass: changeClass(diff)),
                    ReportTable.Cell(words.target(diff.after.target, of: diff.after)),
                    ReportTable.Cell(
                        words.status(diff.before.status), cssClass: "status status-\(diff.before.status.key)"),
                    ReportTable.Cell(
                        words.status(diff.after.status),
                        cssClass: "status status-\(diff.after.status.key)"
                            + (diff.statusChanged ? " status-changed" : "")),
                ]
            })
    }

    // MARK: HTML

    static let css = """
        td.change-up { color: var(--pass); font-weight: 600; }
        td.change-down { color: var(--fail); font-weight: 600; }
        td.change-none { color: var(--muted); }
        td.status-changed { background: #fff6d6; font-weight: 600; }
        """

    func html() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(words.language == .zh ? "zh-CN" : "en")\">\n<head>\n"
        html += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(heading.htmlEscaped)</title>\n"
        html += "<style>\n\(ReportStyle.css)\n\(Self.css)\n</style>\n</head>\n<body>\n"
        html += DataWarnings.html(report.base.dataWarnings, language: words.language)
        html += "<header class=\"report-header\">\n<h1>\(heading.htmlEscaped)</h1>\n"
        html += "<p class=\"meta\">\(subtitle.htmlEscaped)</p>\n<p>\(statusSummary.htmlEscaped)</p>\n</header>\n"
        html += "<h2>\(changesHeading.htmlEscaped)</h2>\n" + changeTable.html
        if let choice = report.candidates {
            html += "<h2>\(candidatesHeading(choice).htmlEscaped)</h2>\n" + candidateTable(choice).html
        }
        html += "<h2>\(rulesHeading.htmlEscaped)</h2>\n" + ruleTable.html
        // The inputs both sides share (units and their population with its source, network, demand).
        if !report.base.result.provenance.isEmpty {
            html += "<h2>\(words(Words.provenance).htmlEscaped)</h2>\n" + words.provenanceTable.html
        }
        html += "<p class=\"meta\">\(words(Words.generatedBy).htmlEscaped)</p>\n</body>\n</html>\n"
        return html
    }

    // MARK: Markdown

    func markdown() -> String {
        var lines = ["# \(escaped(heading))", "", escaped(subtitle), ""]
        lines += DataWarnings.markdown(report.base.dataWarnings, language: words.language) + [escaped(statusSummary), ""]
        lines += ["## \(escaped(changesHeading))", ""] + changeTable.markdownLines
        if let choice = report.candidates {
            lines += ["", "## \(escaped(candidatesHeading(choice)))", ""] + candidateTable(choice).markdownLines
        }
        lines += ["", "## \(escaped(rulesHeading))", ""] + ruleTable.markdownLines
        if !report.base.result.provenance.isEmpty {
            lines += ["", "## \(escaped(words(Words.provenance)))", ""] + words.provenanceTable.markdownLines
        }
        lines += ["", "_\(escaped(words(Words.generatedBy)))_"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text outside a table with Markdown's active characters escaped.
    private func escaped(_ text: String) -> String { ReportTable.markdownEscaped(text, startsLine: true) }

    // MARK: JSON

    private struct Document: Encodable {
        var format = "lifecircle-scenario-report"
        var formatVersion = 1
        var scenario: String
        var title: LocalizedText
        var profile: String
        var profileVersion: String
        var asOf: String
        var changes: [Change]
        var candidates: Candidates?
        var rules: [Rule]
        /// Left out when there are none.
        var dataWarnings: [LocalizedText]?

        struct Candidates: Encodable {
            var kind: String
            var choose: Int
            var withinM: Double
            var group: String
            var sites: [Site]

            struct Site: Encodable {
                var id: String
                var name: String
                var location: [Double]
                var onNetwork: Bool
                var chosen: Bool
                var rank: Int?
                var newlyCovered: Double?
            }
        }

        struct Change: Encodable {
            var action: String
            var kind: String
            var id: String
            var name: String
            var location: [Double]
            var previousLocation: [Double]?
            var closedOn: String?
            var attributes: [String: String]
        }

        struct Rule: Encodable {
            var id: String
            var title: LocalizedText
            var quantity: String
            var measuredBefore: Double?
            var measuredAfter: Double?
            var change: Double?
            var target: Double?
            var statusBefore: String
            var statusAfter: String
            var statusChanged: Bool

            enum CodingKeys: String, CodingKey {
                case id, title, quantity, measuredBefore, measuredAfter, change, target, statusBefore, statusAfter
                case statusChanged
            }

            /// Figures are written as `null` when absent, so every rule has the same keys.
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(title, forKey: .title)
                try c.encode(quantity, forKey: .quantity)
                try c.encode(measuredBefore, forKey: .measuredBefore)
                try c.encode(measuredAfter, forKey: .measuredAfter)
                try c.encode(change, forKey: .change)
                try c.encode(target, forKey: .target)
                try c.encode(statusBefore, forKey: .statusBefore)
                try c.encode(statusAfter, forKey: .statusAfter)
                try c.encode(statusChanged, forKey: .statusChanged)
            }
        }
    }

    func json() throws(ReportError) -> Data {
        let result = report.base.result
        let document = Document(
            scenario: report.name, title: report.title, profile: result.profile.id,
            profileVersion: result.profile.version.description, asOf: result.asOf.description,
            changes: report.changes.map { line in
                Document.Change(
                    action: line.action.rawValue, kind: line.kind.rawValue, id: line.id.rawValue, name: line.name,
                    location: point(line.location), previousLocation: line.previousLocation.map(point),
                    closedOn: line.closedOn?.description, attributes: line.attributes)
            },
            candidates: report.candidates.map { choice in
                Document.Candidates(
                    kind: choice.kind.rawValue, choose: choice.choose, withinM: choice.within, group: choice.group,
                    sites: choice.sites.map { site in
                        Document.Candidates.Site(
                            id: site.id.rawValue, name: site.name, location: point(site.location),
                            onNetwork: site.onNetwork, chosen: site.rank != nil, rank: site.rank,
                            newlyCovered: figure(site.newlyCovered))
                    })
            },
            rules: report.diffs.map { diff in
                Document.Rule(
                    id: diff.before.rule.id.rawValue, title: diff.before.rule.title,
                    quantity: diff.before.quantity.rawValue,
                    measuredBefore: figure(diff.before.measured), measuredAfter: figure(diff.after.measured),
                    change: figure(diff.change), target: figure(diff.after.target?.value),
                    statusBefore: diff.before.status.key, statusAfter: diff.after.status.key,
                    statusChanged: diff.statusChanged)
            },
            dataWarnings: report.base.dataWarnings.isEmpty ? nil : report.base.dataWarnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            var data = try encoder.encode(document)
            data.append(0x0A)
            return data
        } catch {
            throw .cannotEncodeJSON(String(describing: error))
        }
    }

    private func figure(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return rounded(value, digits: 6)
    }

    private func point(_ c: Coordinate) -> [Double] { [rounded(c.lon, digits: 7), rounded(c.lat, digits: 7)] }

    private func rounded(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
