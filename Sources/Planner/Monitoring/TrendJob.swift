public import FacilityKit
import FacilityRegistry
public import Foundation
import GeoCore
public import Reports
public import Rules
import WalkNetwork

/// Plan monitoring: a profile's rules evaluated year by year against the dated registry (31 December of each
/// past year, today for the current one), each indicator's least-squares trend projected to its target years,
/// and early warnings where it misses them. Writes `trend.html`, `trend.md` and `trend.json` in one folder.
public struct TrendJob {
    /// The check whose rules, registry and provenance are followed; its `asOf` is not used.
    public var check: CheckJob
    public let years: ClosedRange<Int>
    /// The day the current year is read on; years after its year are projected, not measured.
    public let today: CivilDate

    /// Fails when no year of the range can be measured (the range starts after `today`).
    public init(check: CheckJob, years: ClosedRange<Int>, today: CivilDate) throws(TrendError) {
        self.check = check
        self.years = years
        self.today = today
        guard years.lowerBound <= today.year, !measuredDates.isEmpty else {
            throw .nothingToMeasure(firstYear: years.lowerBound, today: today)
        }
    }

    /// The measured years and the day each is read on.
    public var measuredDates: [(year: Int, date: CivilDate)] {
        (years.lowerBound...min(years.upperBound, today.year)).compactMap { year in
            let date = year == today.year ? today : CivilDate(year: year, month: 12, day: 31)
            return date.map { (year, $0) }
        }
    }

    /// Evaluates every rule in every measured year and assesses the trends.
    public func measure(progress: (String) -> Void) throws -> TrendReport {
        let rules = try check.rules()
        progress("reading the registry, admin units, network and demand")
        let inputs = try check.loadInputs()
        let dates = measuredDates
        // The region is judged on the registry the trend ends on, before any year is evaluated.
        let latest = try inputs.evidence(asOf: dates[dates.count - 1].date, for: rules)
        let warnings = try check.regionWarnings(
            units: inputs.units, evidence: latest, kinds: Set(rules.flatMap(\.measure.kinds)))
        var byYear: [(year: Int, date: CivilDate, results: [RuleResult])] = []
        for (index, (year, date)) in dates.enumerated() {
            progress("\(year): \(rules.count) rules as of \(date)")
            let evidence = index == dates.count - 1 ? latest : try inputs.evidence(asOf: date, for: rules)
            let evaluator = RuleEvaluator(evidence: evidence)
            byYear.append((year, date, rules.map(evaluator.evaluate)))
        }
        let indicators = rules.indices.map { index in
            let readings = byYear.map { entry in
                let result = entry.results[index]
                var reason: LocalizedText?
                if case .notEvaluable(let why) = result.status { reason = why }
                return TrendReport.Reading(year: entry.year, date: entry.date, value: result.measured, reason: reason)
            }
            let latest = byYear[byYear.count - 1].results[index]
            let assessment = TrendAssessment(
                readings: readings.map { ($0.year, $0.value) }, targets: latest.rule.targets,
                currentYear: today.year, lastYear: years.upperBound, quantity: latest.quantity)
            return TrendReport.Indicator(
                latest: latest, readings: readings, line: assessment.reportLine, lineProblem: assessment.lineProblem,
                projections: assessment.projections)
        }
        let provenance =
            [
                Provenance(
                    role: "registry", name: check.registry,
                    detail: "\(years.lowerBound)–\(today) (31 December of each year)")
            ]
            + inputs.provenance(registry: check.registry) + check.sources
            + check.pluginProvenance(for: rules)
        return TrendReport(
            profile: check.profile.summary, firstYear: years.lowerBound, lastYear: years.upperBound, measuredOn: today,
            indicators: indicators, provenance: provenance, dataWarnings: warnings)
    }

    /// What a trend run produced.
    public struct Outcome {
        public var report: TrendReport
        public var files: [URL]
    }

    /// The files of a trend folder.
    public static let reportFiles = ["trend.html", "trend.md", "trend.json"]

    /// Measures the trend and writes the report files into the folder, which is replaced whole.
    public func run(writingTo folder: URL, language: ReportLanguage, progress: (String) -> Void) throws -> Outcome {
        let report = try measure(progress: progress)
        progress("writing the report")
        try AtomicOutput.replaceFolder(folder, writing: Set(Self.reportFiles)) { staging in
            try Data(report.renderHTML(language: language).utf8).write(to: staging.appendingPathComponent("trend.html"))
            try Data(report.renderMarkdown(language: language).utf8).write(to: staging.appendingPathComponent("trend.md"))
            try report.renderJSON().write(to: staging.appendingPathComponent("trend.json"))
        }
        return Outcome(report: report, files: Self.reportFiles.map(folder.appendingPathComponent))
    }
}

/// Why a trend cannot be computed.
public enum TrendError: Error, Hashable, Sendable, CustomStringConvertible {
    case nothingToMeasure(firstYear: Int, today: CivilDate)

    public var description: String {
        switch self {
        case .nothingToMeasure(let first, let today):
            "the years start in \(first), after today (\(today)): at least one year must be measured from the registry"
        }
    }
}
