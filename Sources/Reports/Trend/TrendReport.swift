public import FacilityKit
public import Foundation
public import Rules

/// Plan monitoring: a profile's indicators measured year by year from the dated registry, each with its
/// least-squares trend projected to the years the plan sets targets for, and the early warnings where the
/// projection (or, for a target year already past, the latest value) misses the target.
///
/// The Planner's `TrendJob` fills it; three writers read it: `renderHTML(language:)` (one SVG chart per
/// indicator, the warnings first), `renderMarkdown(language:)` and `renderJSON()` (deterministic bytes).
public struct TrendReport: Hashable, Sendable {
    public var profile: ProfileSummary
    /// The years asked for; those after `measuredOn`'s year are projected only.
    public var firstYear: Int
    public var lastYear: Int
    /// The day the registry was read for the current year (the other years are read on 31 December).
    public var measuredOn: CivilDate
    public var indicators: [Indicator]
    public var provenance: [Provenance]
    /// Shown above everything else: why the figures may not be what the title says (data of another region).
    public var dataWarnings: [LocalizedText]

    public init(
        profile: ProfileSummary, firstYear: Int, lastYear: Int, measuredOn: CivilDate, indicators: [Indicator],
        provenance: [Provenance], dataWarnings: [LocalizedText] = []
    ) {
        self.profile = profile
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.measuredOn = measuredOn
        self.indicators = indicators
        self.provenance = provenance
        self.dataWarnings = dataWarnings
    }

    /// One rule followed over the years.
    public struct Indicator: Hashable, Sendable {
        /// The rule's result in the latest measured year: the rule, how its value reads, and its last status.
        public var latest: RuleResult
        /// One reading per measured year, in order.
        public var readings: [Reading]
        /// The least-squares line through the evaluable readings; nil with `lineProblem` when there is none.
        public var line: Line?
        public var lineProblem: LocalizedText?
        /// One per target step of the rule, in year order.
        public var projections: [Projection]

        public init(
            latest: RuleResult, readings: [Reading], line: Line?, lineProblem: LocalizedText?,
            projections: [Projection]
        ) {
            self.latest = latest
            self.readings = readings
            self.line = line
            self.lineProblem = lineProblem
            self.projections = projections
        }

        public var rule: Rule { latest.rule }
        /// Whether any target step raises a warning.
        public var warns: Bool { projections.contains { $0.warning != nil } }

        /// What the indicator says: only a line through its readings shows it on track; without one (no
        /// year could be evaluated, or too few) it is not assessed, never a pass.
        public var assessment: Assessment {
            if warns { return .warns }
            if line != nil { return .onTrack }
            return readings.contains { $0.value != nil } ? .notProjected : .noData
        }
    }

    public enum Assessment: String, Hashable, Sendable {
        /// A target step raises a warning.
        case warns
        /// The trend meets every target step.
        case onTrack = "on_track"
        /// Some years were evaluated, too few for a trend, and no target year has been missed.
        case notProjected = "not_projected"
        /// No year could be evaluated.
        case noData = "no_data"
    }

    /// A rule's value in one year, as of `date`; nil with the reason when it could not be evaluated.
    public struct Reading: Hashable, Sendable {
        public var year: Int
        public var date: CivilDate
        public var value: Double?
        public var reason: LocalizedText?

        public init(year: Int, date: CivilDate, value: Double?, reason: LocalizedText? = nil) {
            self.year = year
            self.date = date
            self.value = value
            self.reason = reason
        }
    }

    /// value = slope × year + intercept.
    public struct Line: Hashable, Sendable {
        public var slope: Double
        public var intercept: Double

        public init(slope: Double, intercept: Double) {
            self.slope = slope
            self.intercept = intercept
        }

        public func value(in year: Int) -> Double { slope * Double(year) + intercept }
    }

    /// A target step and what the trend says of it.
    public struct Projection: Hashable, Sendable {
        /// The step's year; a standing target (no year) is read in the last year of the range.
        public var year: Int
        public var target: Double
        /// The trend's value in `year` (kept within what the quantity allows: a share in 0–1, never below 0);
        /// nil when there is no line, or the year has passed (then the latest value is what counts).
        public var projected: Double?
        public var warning: Warning?

        public init(year: Int, target: Double, projected: Double?, warning: Warning?) {
            self.year = year
            self.target = target
            self.projected = projected
            self.warning = warning
        }
    }

    public enum Warning: String, Hashable, Sendable, Codable {
        /// The trend, projected to the target year, stays below the target.
        case projectionMisses = "projection_misses"
        /// The target year has passed and the latest measured value is below the target.
        case alreadyMissed = "already_missed"
    }

    /// The indicators that raise a warning.
    public var warnings: [Indicator] { indicators.filter(\.warns) }
    /// The indicators that neither warn nor are on track: no data, or too little for a trend.
    public var unassessed: [Indicator] { indicators.filter { $0.assessment == .noData || $0.assessment == .notProjected } }
}

extension TrendReport {
    /// `trend.html`: a self-contained page (inline CSS and SVG, no scripts).
    public func renderHTML(language: ReportLanguage = .zh) -> String {
        TrendHTMLWriter(report: self, language: language).render()
    }

    /// `trend.md`: the tables of the HTML page; the charts are only in the HTML.
    public func renderMarkdown(language: ReportLanguage = .zh) -> String {
        TrendMarkdownWriter(report: self, language: language).render()
    }

    /// `trend.json`: both languages, keys sorted, figures rounded to six decimals.
    public func renderJSON() throws(ReportError) -> Data {
        try TrendJSONWriter(report: self).render()
    }

    /// The summary as plain-text cells for a terminal table: indicator, the value of each measured year,
    /// the projection of each target year, the target and the warning.
    public func textTable(language: ReportLanguage = .zh) -> (header: [String], rows: [[String]]) {
        let words = TrendWording(report: self, language: language)
        let table = words.overviewTable
        return (table.headers, table.rows.map { $0.map(\.text) })
    }
}
