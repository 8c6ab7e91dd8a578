public import FacilityKit
public import FacilityRegistry
public import Foundation
import GeoCore
import WalkNetwork
public import Reports
public import Rules

/// The compliance check: a plan profile's rules evaluated against the registry as of a date, written as
/// `report.html`, `report.md`, `report.json` and `failures.gpkg` in one folder.
public struct CheckJob {
    public var registry: String
    public var profile: PlanProfile
    public var catalog: RuleCatalog
    public var plugins: [any FacilityPlugin]
    public var asOf: CivilDate
    public var maxSnapDistance: Double
    /// Files and versions the check read besides the registry (profile and packs), for the provenance table.
    public var sources: [Provenance]
    /// Check data that is not of the profile's region anyway, with a warning at the top of the report, instead of
    /// failing with ``RegionMismatch``.
    public var allowOtherRegion = false

    public init(
        registry: String, profile: PlanProfile, catalog: RuleCatalog, plugins: [any FacilityPlugin], asOf: CivilDate,
        maxSnapDistance: Double = 250, sources: [Provenance] = []
    ) {
        self.registry = registry
        self.profile = profile
        self.catalog = catalog
        self.plugins = plugins
        self.asOf = asOf
        self.maxSnapDistance = maxSnapDistance
        self.sources = sources
    }

    /// The rules of the profile, checked against the plugins' fields (derived ones included).
    public func rules() throws -> [Rule] {
        var fields: [PluginID: Set<String>] = [:]
        for plugin in plugins {
            fields[plugin.id] = Set(plugin.schema.fields.map(\.name) + plugin.derivedFields.map(\.name))
        }
        return try catalog.resolve(profile, knownFields: fields)
    }

    /// The venues each mandate rule of the profile applies to, and whether they host what it requires.
    public func mandates() throws -> [MandateList] {
        let rules = try rules().filter { if case .mandate = $0.measure { true } else { false } }
        let evaluator = RuleEvaluator(evidence: try loadInputs().evidence(asOf: asOf, for: rules))
        return rules.compactMap { evaluator.mandates(of: $0) }
    }

    /// What a check produced.
    public struct Outcome {
        public var result: CheckResult
        public var report: CheckReport
        public var files: [URL]
    }

    /// The files of a report folder.
    public static let reportFiles = ["report.html", "report.md", "report.json", "failures.gpkg"]

    /// Evaluates every rule and writes the report files into the folder, which is replaced whole
    /// (``AtomicOutput/replaceFolder(_:writing:by:)``: built beside it and swapped in).
    public func run(writingTo folder: URL, language: ReportLanguage, progress: (String) -> Void) throws -> Outcome {
        let (result, report) = try evaluate(progress: progress)
        progress("writing the report")
        try AtomicOutput.replaceFolder(folder, writing: Set(Self.reportFiles)) { staging in
            try Data(report.renderHTML(language: language).utf8).write(to: staging.appendingPathComponent("report.html"))
            try Data(report.renderMarkdown(language: language).utf8).write(to: staging.appendingPathComponent("report.md"))
            try report.renderJSON().write(to: staging.appendingPathComponent("report.json"))
            try CheckOutputs.writeFailures(result, units: report.units, to: staging.appendingPathComponent("failures.gpkg"))
        }
        return Outcome(result: result, report: report, files: Self.reportFiles.map(folder.appendingPathComponent))
    }

    /// Evaluates every rule of the profile, writing nothing.
    public func evaluate(progress: (String) -> Void) throws -> (result: CheckResult, report: CheckReport) {
        let rules = try rules()
        progress("reading the registry, admin units, network and demand")
        let inputs = try loadInputs()
        let evidence = try inputs.evidence(asOf: asOf, for: rules)
        let units = inputs.units
        let provenance = [Provenance(role: "registry", name: registry, detail: "as of \(asOf)")] + sources
            + inputs.provenance(registry: registry) + pluginProvenance(for: rules)
        let kinds = Set(rules.flatMap(\.measure.kinds))
        let warnings = try regionWarnings(units: units, evidence: evidence, kinds: kinds)

        var results: [RuleResult] = []
        let evaluator = RuleEvaluator(evidence: evidence)
        for (index, rule) in rules.enumerated() {
            progress("rule \(index + 1) of \(rules.count): \(rule.id)")
            results.append(evaluator.evaluate(rule))
        }
        let result = CheckResult(profile: profile.summary, asOf: asOf, results: results, provenance: provenance)

        let layers = plugins.filter { kinds.contains($0.id) }.sorted { $0.id < $1.id }.map { plugin in
            FacilityKindLayer(
                descriptor: plugin.descriptor, schema: plugin.schema,
                locations: (evidence.facilities(of: plugin.id) ?? []).filter { units.isEmpty || evidence.unit(of: $0) != nil }
                    .map(\.location))
        }
        var groups: [PopulationGroupName: LocalizedText] = [:]
        for group in PopulationGroup.allCases {
            groups[PopulationGroupName(group.rawValue)] = LocalizedText(zh: group.label.zh, en: group.label.en)
        }
        var report = CheckReport(
            result: result, units: units, kinds: layers, populationGroups: groups, dataWarnings: warnings)
        if let graph = inputs.graph {
            progress("drawing the streets and walking areas for the maps")
            try addMapLayers(to: &report, graph: graph)
        }
        return (result, report)
    }

    /// The streets under the report's maps (those of the units' extent) and, for each rule read on foot, the
    /// streets its facilities reach.
    func addMapLayers(to report: inout CheckReport, graph: WalkGraph) throws {
        let outlines = report.units.compactMap(\.outline).flatMap(\.coordinates).filter(\.isValidGeographic)
        report.streets = ReportMapLayers.streets(
            of: graph, within: BoundingBox(covering: outlines),
            source: NetworkFiles(registry: registry).cache.lastPathComponent)
        let snapper = try Snapper(graph: graph, maxDistance: maxSnapDistance)
        for outcome in report.result.results where !outcome.meeting.isEmpty {
            guard let meters = outcome.rule.measure.walkingDistance else { continue }
            report.walkingAreas[outcome.rule.id] = try ReportMapLayers.walkingArea(
                from: outcome.meeting.map(\.location), meters: meters, graph: graph, snapper: snapper)
        }
    }

    /// Nothing when the data is of the profile's region; otherwise ``RegionMismatch``, or with `allowOtherRegion`
    /// the warning for the top of the report.
    func regionWarnings(units: [AdminUnit], evidence: RegistryEvidence, kinds: Set<PluginID>) throws
        -> [LocalizedText]
    {
        let facilities = kinds.sorted().flatMap { evidence.facilities(of: $0) ?? [] }
        guard
            let mismatch = profile.region?.mismatch(
                profile: profile.id, units: units, facilities: facilities, unitOf: evidence.unit(of:))
        else { return [] }
        guard allowOtherRegion else { throw mismatch }
        return [mismatch.reportWarning]
    }
}

extension RuleMeasure {
    /// The facility kinds the measure reads.
    public var kinds: [PluginID] {
        switch self {
        case .coverage(let facilities, _, _, _): facilities.map(\.kind)
        case .perCapita(let facilities, _, _, _, _, _): [facilities.kind]
        case .presence(let facilities, _), .count(let facilities, _), .attribute(let facilities, _): [facilities.kind]
        case .mandate(let venues, let hosts, _): [venues.kind] + hosts.map(\.kind)
        }
    }
}
