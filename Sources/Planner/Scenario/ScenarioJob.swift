public import FacilityKit
import FacilityRegistry
import GeoPackage
import LocationAllocation
public import Foundation
import GeoCore
public import Reports
import Rules

/// A what-if run: the scenario's changes applied to a temporary copy of the registry (audited as
/// `scenario`), the same check run on the registry and on the copy (same profile, same date), and the
/// difference written as `scenario.html`, `scenario.md`, `scenario.json` and `scenario.gpkg`.
/// The network, demand and admin files are read where they are; the user's files are never written.
public struct ScenarioJob {
    /// The check of the registry as it is; the scenario is checked the same way.
    public var check: CheckJob
    public var scenario: Scenario

    public init(check: CheckJob, scenario: Scenario) {
        self.check = check
        self.scenario = scenario
    }

    public struct Outcome {
        public var report: ScenarioReport
        public var applied: [AppliedChange]
        public var files: [URL]
    }

    public func run(
        writingTo folder: URL, language: ReportLanguage, progress: @escaping @Sendable (String) -> Void
    ) throws -> Outcome {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: check.registry) else {
            throw RegistryError.input(
                file: check.registry, reason: "no registry here; create one with `lifecircle init`")
        }
        let work = fileManager.temporaryDirectory.appendingPathComponent("lifecircle-scenario-\(UUID().uuidString)")
        try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: work) }

        progress("copying the registry")
        let copy = work.appendingPathComponent("registry.gpkg").path
        try GeoPackageFile(path: check.registry, mode: .readOnly).copy(to: copy)
        // The files beside the registry are linked, not copied: the copy's check reads the originals.
        for (original, linked) in zip(Self.sideFiles(of: check.registry), Self.sideFiles(of: copy))
        where fileManager.fileExists(atPath: original.path) {
            try fileManager.createSymbolicLink(at: linked, withDestinationURL: original.standardizedFileURL)
        }

        progress("applying \(scenario.changes.count) changes to the copy")
        let store = try GeoPackageFacilityStore(path: copy)
        var applied = try scenario.apply(to: store, plugins: check.plugins, closingOn: check.asOf)
        var choice: ScenarioReport.CandidateChoice?
        if let candidates = scenario.candidates {
            // Chosen on the copy, so that the changes above (a closed facility, say) count.
            let chosen = try choose(candidates, registry: copy, progress: progress)
            choice = chosen.report
            progress("adding the \(chosen.changes.count) chosen sites to the copy")
            let additions = Scenario(
                name: scenario.name, title: scenario.title, changes: chosen.changes, file: scenario.file)
            applied += try additions.apply(to: store, plugins: check.plugins, closingOn: check.asOf)
        }

        progress("checking the registry as it is")
        let base = try check.evaluate(progress: progress)
        progress("checking the scenario")
        var changed = check
        changed.registry = copy
        let after = try changed.evaluate(progress: progress)

        let names = Dictionary(
            check.plugins.map { ($0.id, $0.descriptor.name) }, uniquingKeysWith: { first, _ in first })
        let report = ScenarioReport(
            name: scenario.name, title: scenario.title,
            changes: applied.map { item in
                let kind = item.change.kind.rawValue
                return item.line(kindName: names[item.change.kind] ?? LocalizedText(zh: kind, en: kind))
            },
            candidates: choice, base: base.report, scenario: after.result)

        progress("writing the scenario report")
        try AtomicOutput.replaceFolder(folder, writing: Set(Self.reportFiles)) { staging in
            try Data(report.renderHTML(language: language).utf8).write(to: staging.appendingPathComponent("scenario.html"))
            try Data(report.renderMarkdown(language: language).utf8).write(to: staging.appendingPathComponent("scenario.md"))
            try report.renderJSON().write(to: staging.appendingPathComponent("scenario.json"))
            try ScenarioOutputs.writeChanges(applied, to: staging.appendingPathComponent("scenario.gpkg"))
        }
        return Outcome(
            report: report, applied: applied, files: Self.reportFiles.map(folder.appendingPathComponent))
    }

    /// The files of a scenario folder, replaced whole.
    public static let reportFiles = ["scenario.html", "scenario.md", "scenario.json", "scenario.gpkg"]

    /// The best `choose` candidate sites by maximal covering (the siting machinery of `site-suggest`, with
    /// the registry's facilities of the kind fixed), as `add` changes in rank order, and the report's lines.
    private func choose(
        _ candidates: ScenarioCandidates, registry: String, progress: @escaping @Sendable (String) -> Void
    ) throws -> (changes: [ScenarioChange], report: ScenarioReport.CandidateChoice) {
        guard let plugin = check.plugins.first(where: { $0.id == candidates.kind }) else {
            throw YAMLProblem(
                file: scenario.file, line: candidates.line, field: candidates.path + ".kind",
                reason: "unknown facility kind '\(candidates.kind)'")
        }
        var records: [FacilityRecord] = []
        for site in candidates.sites {
            guard case .add(let record) = site.action else { continue }
            records.append(record)
        }
        let result = try SitingJob(
            registry: registry, kind: plugin,
            problem: .maximalCovering(sites: candidates.choose, within: candidates.within), group: candidates.group,
            candidates: .sites(records.map { SiteCandidate(id: $0.id.rawValue, location: $0.location) }),
            maxSnapDistance: check.maxSnapDistance, asOf: check.asOf
        ).run(progress: progress)
        let ranked = result.rankedSites
        var rankOf: [Int: SitingResult.RankedSite] = [:]
        for (site, rankedSite) in zip(result.selection.sites, ranked) { rankOf[site.candidate] = rankedSite }
        let unsnapped = Set(result.instance.unsnappedCandidates)
        let lines = records.indices.map { index in
            ScenarioReport.CandidateSite(
                id: records[index].id, name: records[index].name, location: records[index].location,
                onNetwork: !unsnapped.contains(index), rank: rankOf[index]?.rank, newlyCovered: rankOf[index]?.gain)
        }
        let label = candidates.group.label
        let names = plugin.descriptor.name
        return (
            result.selection.sites.map { candidates.sites[$0.candidate] },
            ScenarioReport.CandidateChoice(
                kind: candidates.kind, kindName: names, choose: candidates.choose, within: candidates.within,
                group: candidates.group.rawValue, groupName: LocalizedText(zh: label.zh, en: label.en), sites: lines)
        )
    }

    /// The walking network cache, demand and admin units that belong to a registry path.
    private static func sideFiles(of registry: String) -> [URL] {
        [
            NetworkFiles(registry: registry).cache, NetworkFiles(registry: registry).layers,
            DemandStore(registry: registry).url,
            AdminUnitStore(registry: registry).url,
        ]
    }
}

extension AppliedChange {
    /// The change as a report line.
    func line(kindName: LocalizedText) -> ScenarioReport.ChangeLine {
        var fields: [String: String] = [:]
        var closed: CivilDate?
        let action: ScenarioReport.ChangeLine.Action
        switch change.action {
        case .add(let record):
            action = .add
            for (name, value) in record.attributes { fields[name] = value.description }
        case .move: action = .move
        case .close:
            action = .close
            closed = after.closed
        case .update(let attributes):
            action = .update
            for (name, value) in attributes { fields[name] = value?.description ?? "" }
        }
        return ScenarioReport.ChangeLine(
            action: action, kind: change.kind, kindName: kindName, id: change.id, name: after.name,
            location: after.location, previousLocation: action == .move ? before?.location : nil, closedOn: closed,
            attributes: fields)
    }
}
