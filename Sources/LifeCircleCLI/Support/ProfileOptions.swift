import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import Planner
import Rules

/// The options of the commands that read a plan profile (`check`, `mandates`), and the job they make.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A profile name in GeoData/plans, or a YAML file. Example: --profile huadu-2021-2030",
                               valueName: "profile"))
    var profile: String
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Read the registry as of this date; its year picks the targets (default: today). Example: --as-of 2025-12-31",
        valueName: "date"))
    var asOf: String?
    @Option(help: ArgumentHelp("A folder of extra rule packs (*.yaml). Example: --rules ./my-rules", valueName: "dir"))
    var rules: String?
    @Option(name: .customLong("max-snap"), help: ArgumentHelp(
        "How far (m) a resident may be from the walking network and still be counted. Example: --max-snap 250",
        valueName: "m"))
    var maxSnap: Double = 250
    @Flag(name: .customLong("allow-other-region"), help: ArgumentHelp(
        "Check, trend or compare data that is not of the profile's region (its adcode) anyway, with a warning at the "
            + "top of the report, instead of stopping."))
    var allowOtherRegion = false

    func validate() throws {
        guard maxSnap > 0 && maxSnap.isFinite else { throw ValidationError("--max-snap must be a positive number of metres") }
    }

    /// The profile's file when `--profile` names one rather than a profile of GeoData/plans.
    var profileFile: String? {
        profile.hasSuffix(".yaml") || profile.hasSuffix(".yml") || profile.contains("/") ? profile : nil
    }

    /// The profile resolved against GeoData's rule packs, `--rules` and the plugins of this run.
    func job(_ workspace: Workspace) throws -> CheckJob {
        let geoData = try DataLocator.required(for: "the rule packs and plan profiles")
        let plugins = workspace.plugins.all.map(\.plugin)
        var packs: [RulePack] = []
        for folder in [geoData.appendingPathComponent("rules")] + (rules.map { [URL(fileURLWithPath: $0)] } ?? []) {
            packs += try RulePack.loadAll(in: folder)
        }
        let catalog = try RuleCatalog(
            pluginRules: Dictionary(plugins.map { ($0.id, $0.rules) }, uniquingKeysWith: { a, _ in a }), packs: packs)
        let plan = try PlanProfile.locate(profile, in: geoData.appendingPathComponent("plans"))
        var job = CheckJob(
            registry: workspace.options.registry, profile: plan, catalog: catalog, plugins: plugins,
            asOf: try asOf.map(DateOption.parse) ?? CivilDate.today, maxSnapDistance: maxSnap,
            sources: [Provenance(role: "profile", name: plan.id, detail: "\(plan.version) (\(plan.file))")]
                + packs.map { Provenance(role: "rule pack", name: $0.name, detail: "\($0.version) (\($0.file))") })
        job.allowOtherRegion = allowOtherRegion
        return job
    }

    /// Says on stderr what a report says at its top: that its data is not of the profile's region.
    static func warn(_ dataWarnings: [LocalizedText], _ language: ReportLanguage) {
        for warning in dataWarnings { Console.warning(warning.text(for: language)) }
    }
}
