import FacilityKit
import Rules

/// A table of a report, built once and written by both the HTML and the Markdown writer.
struct ReportTable {
    struct Cell {
        var text: String
        /// A class for styling and for tests, e.g. `status-failed` (HTML only).
        var cssClass: String?
        /// A link target inside the page, e.g. `#rule-count.maternity_room` (HTML only).
        var link: String?
        /// Shown as code: ids and conditions.
        var isCode = false

        init(_ text: String, cssClass: String? = nil, link: String? = nil, isCode: Bool = false) {
            self.text = text
            self.cssClass = cssClass
            self.link = link
            self.isCode = isCode
        }
    }

    var cssClass: String
    var headers: [String]
    var rows: [[Cell]]
    /// Shown below the rows when some were left out ("及其他 12 个").
    var more: String?
}

extension ReportWording {
    /// At most this many failing features are listed per rule; the JSON report lists them all.
    static let failingRowLimit = 50

    /// One row per rule, linking to its section.
    var summaryTable: ReportTable {
        let rows = report.result.results.enumerated().map { index, outcome in
            [
                ReportTable.Cell("\(index + 1)"),
                ReportTable.Cell(self(outcome.rule.title), link: "#" + ReportWording.anchor(outcome.rule.id)),
                ReportTable.Cell(outcome.rule.id.rawValue, isCode: true),
                ReportTable.Cell(status(outcome.status), cssClass: "status status-\(outcome.status.key)"),
                ReportTable.Cell(value(outcome.measured, of: outcome), cssClass: "measured"),
                ReportTable.Cell(target(outcome.target, of: outcome), cssClass: "target"),
                ReportTable.Cell(summaryShortfall(of: outcome), cssClass: "shortfall"),
            ]
        }
        return ReportTable(
            cssClass: "summary",
            headers: [
                "#", self(Words.rule), self(Words.ruleID), self(Words.status), self(Words.measured),
                self(Words.target), self(Words.shortfall),
            ],
            rows: rows)
    }

    private func summaryShortfall(of outcome: RuleResult) -> String {
        if let reason = reason(outcome.status) { return reason }
        return outcome.status == .failed ? fullShortfall(of: outcome) : "—"
    }

    /// The id of a rule's section: `rule-<id>`.
    static func anchor(_ id: RuleID) -> String { "rule-\(id.rawValue)" }

    /// A rule's per-unit readings, with the supply shortfall per unit for per-capita rules.
    func unitTable(for outcome: RuleResult) -> ReportTable? {
        guard !outcome.units.isEmpty else { return nil }
        let supply = outcome.units.map { report.supplyShortfall(of: outcome, in: $0) }
        let showSupply = supply.contains { $0 != nil }
        var headers = [
            self(Words.unit), self(Words.unitCode), self(Words.measured), self(Words.status),
            self(Words.shortfall),
        ]
        if showSupply, let name = report.supplyName(of: outcome.rule.measure) {
            headers.append(self(Words.shortfall) + (language == .zh ? "（\(self(name))）" : " (\(self(name)))"))
        }
        let rows = zip(outcome.units, supply).map { reading, amount in
            let state = reading.passed.map { $0 ? "passed" : "failed" } ?? "no_data"
            var row = [
                ReportTable.Cell(reading.name),
                ReportTable.Cell(reading.unit.rawValue, isCode: true),
                ReportTable.Cell(value(reading.measured, of: outcome), cssClass: "measured"),
                ReportTable.Cell(unitStatus(reading.passed), cssClass: "status status-\(state)"),
                ReportTable.Cell(shortfall(reading.shortfall, of: outcome), cssClass: "shortfall"),
            ]
            if showSupply {
                row.append(ReportTable.Cell(amount.map { supplyAmount($0, of: outcome) } ?? "—", cssClass: "supply"))
            }
            return row
        }
        return ReportTable(cssClass: "units", headers: headers, rows: rows)
    }

    /// The facilities and venues that fail, the first `failingRowLimit` of them.
    func failingTable(for outcome: RuleResult) -> ReportTable? {
        guard !outcome.failing.isEmpty else { return nil }
        let rows = outcome.failing.prefix(Self.failingRowLimit).map { feature in
            let reason: String
            switch feature.reason {
            case .fails: reason = "fails"
            case .missingData: reason = "missing-data"
            case .lacksRequiredFacility: reason = "lacks-required-facility"
            }
            return [
                ReportTable.Cell(feature.name),
                ReportTable.Cell(feature.facility.rawValue, isCode: true),
                ReportTable.Cell(self(report.kindName(feature.kind))),
                ReportTable.Cell(unitName(feature.unit)),
                ReportTable.Cell(
                    failingReason(feature.reason, kind: feature.kind), cssClass: "reason reason-\(reason)"),
                ReportTable.Cell(location(feature.location), cssClass: "location"),
            ]
        }
        let left = outcome.failing.count - rows.count
        return ReportTable(
            cssClass: "failing",
            headers: [
                self(Words.name), self(Words.facilityID), self(Words.kind), self(Words.unit),
                self(Words.problem), self(Words.location),
            ],
            rows: rows,
            more: left > 0 ? (language == .zh ? "及其他 \(left) 个" : "and \(left) more") : nil)
    }

    var provenanceTable: ReportTable {
        ReportTable(
            cssClass: "provenance",
            headers: [self(Words.role), self(Words.source), self(Words.sourceDetail)],
            rows: report.result.provenance.map {
                [ReportTable.Cell($0.role), ReportTable.Cell($0.name), ReportTable.Cell($0.detail ?? "—")]
            })
    }

    /// The figures of a rule as label–value pairs: what is measured, measured, target, shortfall, detail.
    func figures(of outcome: RuleResult) -> [(label: String, value: String, cssClass: String)] {
        var figures = [
            (self(Words.whatIsMeasured), measure(outcome.rule.measure), "measure"),
            (self(Words.measured), value(outcome.measured, of: outcome), "measured"),
            (self(Words.target), target(outcome.target, of: outcome), "target"),
        ]
        if outcome.rule.targets.steps.count > 1 {
            let steps = outcome.rule.targets.steps.map { target($0, of: outcome) }
            figures.append(
                (
                    language == .zh ? "各年份目标" : "Targets by year",
                    steps.joined(separator: language == .zh ? "；" : "; "),
                    "schedule"
                ))
        }
        if outcome.status == .failed {
            figures.append((self(Words.shortfall), fullShortfall(of: outcome), "shortfall"))
        }
        if let reason = reason(outcome.status) {
            figures.append((self(Words.whyNotEvaluable), reason, "reason"))
        }
        if let detail = outcome.detail {
            figures.append((self(Words.detail), self(detail), "detail"))
        }
        if !outcome.uncoveredLocations.isEmpty {
            figures.append(
                (self(Words.uncoveredCount), NumberText.integer(Double(outcome.uncoveredLocations.count)), "uncovered"))
        }
        return figures
    }
}
