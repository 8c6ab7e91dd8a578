public import FacilityKit
public import Foundation
public import Rules

/// A compliance report: the outcome of a check and what is needed to show it on maps and in words.
///
/// Three writers read it: `renderHTML(language:)` (one self-contained page with tables and SVG maps,
/// for a browser and for print), `renderMarkdown(language:)` (the same tables, no maps) and
/// `renderJSON()` (both languages, for machines; its schema is `Docs/schemas/check-report.schema.json`).
/// Every writer is deterministic: the same report gives the same bytes.
///
/// ```swift
/// let report = CheckReport(result: result, units: units, kinds: layers, populationGroups: groupNames)
/// try report.renderHTML().write(to: folder.appending(path: "report.html"), atomically: true, encoding: .utf8)
/// try report.renderJSON().write(to: folder.appending(path: "report.json"))
/// ```
public struct CheckReport: Hashable, Sendable {
    /// The rules' outcomes, the profile, the date and the provenance.
    public var result: CheckResult
    /// The admin units the check is about; their outlines (EPSG:4326) are drawn on the maps and their
    /// populations turn per-capita shortfalls into supply (e.g. 托位) and coverage shortfalls into residents.
    public var units: [AdminUnit]
    /// The facility kinds the rules read: their names, field labels and, for the overview map, locations.
    public var kinds: [FacilityKindLayer]
    /// Names of population groups (`age_0_3` → 0–3岁儿童); a group without one is shown by its id.
    public var populationGroups: [PopulationGroupName: LocalizedText]
    /// Shown above everything else: why the figures may not be what the title says (data of another region).
    public var dataWarnings: [LocalizedText]
    /// The streets drawn under every map (the registry's saved walking network); nil when none is saved, which
    /// the maps' captions say.
    public var streets: StreetLayer?
    /// Per rule, the area its facilities serve on foot, drawn on the rule's map.
    public var walkingAreas: [RuleID: WalkingArea]

    public init(
        result: CheckResult, units: [AdminUnit] = [], kinds: [FacilityKindLayer] = [],
        populationGroups: [PopulationGroupName: LocalizedText] = [:], dataWarnings: [LocalizedText] = [],
        streets: StreetLayer? = nil, walkingAreas: [RuleID: WalkingArea] = [:]
    ) {
        self.result = result
        self.units = units
        self.kinds = kinds
        self.populationGroups = populationGroups
        self.dataWarnings = dataWarnings
        self.streets = streets
        self.walkingAreas = walkingAreas
    }
}

extension CheckReport {
    /// `report.html`: a self-contained page (inline CSS and SVG, no scripts, no external resources).
    public func renderHTML(language: ReportLanguage = .zh) -> String {
        HTMLReportWriter(report: self, language: language).render()
    }

    /// `report.md`: the same content as Markdown tables; the maps are only in the HTML.
    public func renderMarkdown(language: ReportLanguage = .zh) -> String {
        MarkdownReportWriter(report: self, language: language).render()
    }

    /// `report.json`: language-neutral (every text in zh and en), keys sorted, numbers rounded to fixed
    /// precision, UTF-8. Fails only if a figure cannot be encoded.
    public func renderJSON() throws(ReportError) -> Data {
        try JSONReportWriter(report: self).render()
    }
}
