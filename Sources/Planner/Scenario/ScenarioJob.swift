public import FacilityKit
import FacilityRegistry
public import Foundation
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

    public func run(writingTo folder: URL, language: ReportLanguage, progress: (String) -> Void) throws -> Outcome {
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
        try fileManager.copyItem(atPath: check.registry, toPath: copy)
        // The files beside the registry are linked, not copied: the copy's check reads the originals.
        for (original, linked) in zip(Self.sideFiles(of: check.registry), Self.sideFiles(of: copy))
        where fileManager.fileExists(atPath: original.path) {
            try fileManager.createSymbolicLink(at: linked, withDestinationURL: original.standardizedFileURL)
        }

        progress("applying \(scenario.changes.count) changes to the copy")
        let applied = try scenario.apply(
            to: GeoPackageFacilityStore(path: copy), plugins: check.plugins, closingOn: check.asOf)

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
            base: base.report, scenario: after.result)

        progress("writing the scenario report")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        let html = folder.appendingPathComponent("scenario.html")
        let markdown = folder.appendingPathComponent("scenario.md")
        let json = folder.appendingPathComponent("scenario.json")
        let layers = folder.appendingPathComponent("scenario.gpkg")
        try Data(report.renderHTML(language: language).utf8).write(to: html, options: .atomic)
        try Data(report.renderMarkdown(language: language).utf8).write(to: markdown, options: .atomic)
        try report.renderJSON().write(to: json, options: .atomic)
        try ScenarioOutputs.writeChanges(applied, to: layers)
        return Outcome(report: report, applied: applied, files: [html, markdown, json, layers])
    }

    /// The walking network cache, demand and admin units that belong to a registry path.
    private static func sideFiles(of registry: String) -> [URL] {
        [
            NetworkFiles(registry: registry).cache, DemandStore(registry: registry).url,
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
