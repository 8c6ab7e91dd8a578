public import FacilityKit
public import Foundation
public import GeoCore
public import Rules

/// A what-if scenario compared with today: what the scenario changes, and every rule of the same
/// profile measured before (the registry) and after (the registry with the changes), same date.
public struct ScenarioReport: Hashable, Sendable {
    public var name: String
    public var title: LocalizedText
    public var changes: [ChangeLine]
    /// The candidate sites offered and which were chosen, when the scenario has a `candidates:` section.
    public var candidates: CandidateChoice?
    /// The check of the registry as it is; its units and kinds serve both sides' wording.
    public var base: CheckReport
    /// The check of the registry with the scenario's changes.
    public var scenario: CheckResult

    public init(
        name: String, title: LocalizedText, changes: [ChangeLine], candidates: CandidateChoice? = nil,
        base: CheckReport, scenario: CheckResult
    ) {
        self.name = name
        self.title = title
        self.changes = changes
        self.candidates = candidates
        self.base = base
        self.scenario = scenario
    }

    /// The best `choose` of the candidate sites by maximal covering: each site offered, and for a chosen
    /// one its rank and the residents of the group it newly brings within `within` metres.
    public struct CandidateChoice: Hashable, Sendable {
        public var kind: PluginID
        public var kindName: LocalizedText
        public var choose: Int
        /// Walking metres.
        public var within: Double
        /// The population group's key (`total`, `children_0_3`, …) and name.
        public var group: String
        public var groupName: LocalizedText
        public var sites: [CandidateSite]

        public init(
            kind: PluginID, kindName: LocalizedText, choose: Int, within: Double, group: String,
            groupName: LocalizedText, sites: [CandidateSite]
        ) {
            self.kind = kind
            self.kindName = kindName
            self.choose = choose
            self.within = within
            self.group = group
            self.groupName = groupName
            self.sites = sites
        }
    }

    public struct CandidateSite: Hashable, Sendable {
        public var id: FacilityID
        public var name: String
        public var location: Coordinate
        /// False when the site is too far from the walking network to serve anyone.
        public var onNetwork: Bool
        /// 1 for the chosen site that adds most; nil when not chosen.
        public var rank: Int?
        /// Residents newly covered, given the sites ranked before it; nil when not chosen.
        public var newlyCovered: Double?

        public init(
            id: FacilityID, name: String, location: Coordinate, onNetwork: Bool, rank: Int?, newlyCovered: Double?
        ) {
            self.id = id
            self.name = name
            self.location = location
            self.onNetwork = onNetwork
            self.rank = rank
            self.newlyCovered = newlyCovered
        }
    }

    /// One facility the scenario touches.
    public struct ChangeLine: Hashable, Sendable {
        public enum Action: String, Hashable, Sendable {
            case add, move, close, update
        }

        public var action: Action
        public var kind: PluginID
        public var kindName: LocalizedText
        public var id: FacilityID
        public var name: String
        /// Where the facility is after the change.
        public var location: Coordinate
        /// Where a moved facility was.
        public var previousLocation: Coordinate?
        public var closedOn: CivilDate?
        /// The fields an add or update sets, as text (an empty text clears the field).
        public var attributes: [String: String]

        public init(
            action: Action, kind: PluginID, kindName: LocalizedText, id: FacilityID, name: String, location: Coordinate,
            previousLocation: Coordinate? = nil, closedOn: CivilDate? = nil, attributes: [String: String] = [:]
        ) {
            self.action = action
            self.kind = kind
            self.kindName = kindName
            self.id = id
            self.name = name
            self.location = location
            self.previousLocation = previousLocation
            self.closedOn = closedOn
            self.attributes = attributes
        }
    }

    /// A rule before and after.
    public struct RuleDiff: Hashable, Sendable {
        public var before: RuleResult
        public var after: RuleResult

        /// After minus before, when both were measured.
        public var change: Double? {
            guard let a = after.measured, let b = before.measured else { return nil }
            return a - b
        }

        public var statusChanged: Bool { before.status.key != after.status.key }

        /// Whether the measured value moved (beyond rounding), or was measured on one side only.
        public var valueChanged: Bool {
            switch (before.measured, after.measured) {
            case (nil, nil): false
            case (let b?, let a?): abs(a - b) > 1e-9 * max(1, abs(b))
            default: true
            }
        }
    }

    /// The rules in the profile's order: those whose pass/fail changed first, then those whose value changed,
    /// then the rest.
    public var diffs: [RuleDiff] {
        let after = Dictionary(scenario.results.map { ($0.rule.id, $0) }, uniquingKeysWith: { first, _ in first })
        let pairs = base.result.results.compactMap { before in
            after[before.rule.id].map { RuleDiff(before: before, after: $0) }
        }
        return pairs.filter(\.statusChanged) + pairs.filter { !$0.statusChanged && $0.valueChanged }
            + pairs.filter { !$0.statusChanged && !$0.valueChanged }
    }
}

extension ScenarioReport {
    /// `scenario.html`: one self-contained page (inline CSS, no scripts).
    public func renderHTML(language: ReportLanguage = .zh) -> String {
        ScenarioReportWriter(report: self, language: language).html()
    }

    /// `scenario.md`: the same tables in Markdown.
    public func renderMarkdown(language: ReportLanguage = .zh) -> String {
        ScenarioReportWriter(report: self, language: language).markdown()
    }

    /// `scenario.json`: both languages, keys sorted, figures rounded, so equal reports give equal bytes.
    public func renderJSON() throws(ReportError) -> Data {
        try ScenarioReportWriter(report: self, language: .zh).json()
    }
}
