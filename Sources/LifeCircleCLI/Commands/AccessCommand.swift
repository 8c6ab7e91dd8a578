import ArgumentParser
import Coverage
import FacilityKit
import FacilityRegistry
import GeoCore
import Foundation
import Planner
import Reports
import WalkNetwork

struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Capacity accessibility: how many places (托位, beds) residents can walk to, per 1,000.",
        discussion: """
            Two-step floating catchment on the saved network (lifecircle network build) and the registry's demand
            (lifecircle demand import). Step 1 shares each facility's capacity among the residents of --group within
            --within metres of walking; step 2 sums, for every demand unit, the shares of the facilities within
            reach. The result is capacity per --per residents, population-weighted per 街道/社区 and overall: the
            "托位 per 1,000" of the plans, counted by where people can actually walk. Capacity is conserved, so the
            overall mean is the capacity shared out per 1,000 residents whatever the method; the methods differ in
            who gets it.

            --method e2sfca weighs distance (Luo & Qi 2009): by default three zones at 30/60/100 % of --within
            weigh 1/0.68/0.22; --steps sets your own zones, --decay gaussian a smooth Gaussian fall-off. Facilities
            whose capacity field is empty are listed and left out; demand and facilities farther than --max-snap
            from the network are listed (such demand counts as reaching nothing). --within defaults to the kind's
            catchment (childcare: 300 m), else 1000 m.

            Examples:
              lifecircle access childcare --capacity-field places --within 1000 --target 5.5
              lifecircle access childcare --capacity-field places --method e2sfca --json
              lifecircle access childcare --capacity-field places --group age_0_3 --json
              lifecircle access childcare --capacity-field places -o access.gpkg
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case twoStep = "2sfca"
        case enhanced = "e2sfca"
    }

    enum DecayShape: String, ExpressibleByArgument, CaseIterable {
        case steps, gaussian
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: childcare", valueName: "kind"))
    var kind: String
    @Option(name: .customLong("capacity-field"), help: ArgumentHelp(
        "The kind's number field that holds its capacity. Example: --capacity-field places", valueName: "field"))
    var capacityField: String
    @Option(help: ArgumentHelp(
        "The population group: total, women, age_0_3, age_0_14, age_65_plus. Example: --group age_0_3",
        valueName: "group"))
    var group: String = "total"
    @Option(help: ArgumentHelp("The catchment, metres of walking. Example: --within 1000", valueName: "m"))
    var within: Double?
    @Option(help: ArgumentHelp("2sfca (every distance within reach weighs the same) or e2sfca (distance weighs). "
                               + "Example: --method e2sfca", valueName: "2sfca|e2sfca"))
    var method: Method = .twoStep
    @Option(help: ArgumentHelp("How e2sfca weighs distance: steps (default) or gaussian. Example: --decay gaussian",
                               valueName: "steps|gaussian"))
    var decay: DecayShape?
    @Option(help: ArgumentHelp(
        "Zones for e2sfca as upper-bound:weight, the last bound equal to --within. Example: --steps 300:1,600:0.68,1000:0.22",
        valueName: "list"))
    var steps: String?
    @Option(help: ArgumentHelp("Capacity per this many residents. Example: --per 1000", valueName: "n"))
    var per: Double = 1000
    @Option(help: ArgumentHelp("The value to reach, per --per residents; reports the share of residents below it. "
                               + "Example: --target 5.5", valueName: "value"))
    var target: Double?
    @Option(name: .customLong("max-snap"), help: ArgumentHelp(
        "The farthest a point may be from the network to be snapped, metres. Example: --max-snap 250", valueName: "m"))
    var maxSnap: Double = 250
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The GeoPackage of results for QGIS (default: <registry>.access.gpkg); the page with the map is written "
            + "beside it with the extension .html. Example: -o access.gpkg", valueName: "file"))
    var output: String?
    @Flag(help: "Print JSON instead of a table. Example: --json") var json = false

    func validate() throws {
        if let within, !(within.isFinite && within > 0) { throw ValidationError("--within must be a positive distance in metres") }
        guard per.isFinite, per > 0 else { throw ValidationError("--per must be a positive number, e.g. 1000") }
        guard maxSnap.isFinite, maxSnap >= 0 else { throw ValidationError("--max-snap must be zero or more metres") }
        if let target, !target.isFinite { throw ValidationError("--target must be a number, e.g. 5.5") }
        if method == .twoStep, decay != nil || steps != nil {
            throw ValidationError("--decay and --steps weigh distance: use them with --method e2sfca")
        }
        if decay == .gaussian, steps != nil { throw ValidationError("give --decay gaussian or --steps, not both") }
        if PopulationGroup(rawValue: group) == nil {
            throw ValidationError(
                "--group '\(group)': expected one of \(PopulationGroup.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var outputs = global.outputs(makes: [.access, .accessPage])
        let gpkg = output ?? global.registryFile(.access)
        let layersFile = try outputs.file(gpkg, option: "-o")
        // The page goes beside the layers; beside the registry when the layers go to a device.
        let pagePath = if case .file(let url) = layersFile {
            url.deletingPathExtension().appendingPathExtension("html").path
        } else {
            global.registryFile(.accessPage)
        }
        let pageFile = try outputs.file(pagePath, option: "-o (page)")
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let population = PopulationGroup(rawValue: group) ?? .total
        let catchment = within ?? plugin.defaultCatchment?.walkingDistanceMeters ?? 1000
        let weights: FloatingCatchment.Decay =
            switch (method, decay) {
            case (.twoStep, _): .none
            case (.enhanced, .gaussian): .gaussian
            case (.enhanced, _): try steps.map(Self.steps) ?? .luoQi(catchment: catchment)
            }
        let job = AccessJob(
            registry: global.registry, kind: plugin, capacityField: capacityField, group: population,
            withinMeters: catchment, decay: weights, per: per, target: target, maxSnapDistance: maxSnap,
            asOf: try asOf.map(DateOption.parse))
        let run = try job.run(progress: { Console.progress($0) })
        Console.endProgress()
        // No capacity to share: the figures would all be zero, which reads as "no access"; say why instead,
        // as `check` does for a rule it cannot evaluate, and exit 1 as it does.
        guard !run.result.catchment.ratios.isEmpty else {
            try AccessSummary.printNotEvaluable(run, plugin: plugin, asOf: job.asOf, json: json, language: global.lang)
            throw ExitCode(1)
        }
        let summary = AccessSummary(run: run, plugin: plugin, method: method, language: global.lang)
        let page = pageFile.url
        let html = summary.page.html(language: global.lang)
        // The layers and their page as a pair, so that a page never shows another run's layers (a device target
        // gets a staged file, copied to it once written).
        try layersFile.write { layers in
            try pageFile.write { page in try AccessOutputs.write(run, to: layers, page: page, html: html) }
        }
        try summary.print(json: json, output: gpkg, page: page.path)
        Console.note(global.lang == .zh
            ? "图层已写入 \(gpkg)，地图页已写入 \(page.path)" : "Layers written to \(gpkg), the map page to \(page.path)")
    }

    /// `300:1,600:0.68,1000:0.22` as decay steps.
    static func steps(_ text: String) throws -> FloatingCatchment.Decay {
        let steps = try text.split(separator: ",").map { item in
            let parts = item.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let upTo = parts[0], let weight = parts[1] else {
                throw CommandFailure(
                    "--steps '\(text)': '\(item)' is not upper-bound:weight, as in 300:1,600:0.68,1000:0.22",
                    exitCode: ExitStatus.usage)
            }
            return FloatingCatchment.Decay.Step(upTo: upTo, weight: weight)
        }
        guard !steps.isEmpty else {
            throw CommandFailure("--steps '\(text)': give at least one upper-bound:weight", exitCode: ExitStatus.usage)
        }
        return .steps(steps)
    }
}

/// The accessibility summary: overall and per 街道/社区, and what was left out, as text, JSON and the map page.
struct AccessSummary {
    let run: AccessRun
    let plugin: any FacilityPlugin
    let method: AccessCommand.Method
    let language: ReportLanguage

    struct Figures: Encodable {
        var unit_id: String?
        var admin_unit: String?
        var population: Double
        var mean: Double?
        var p10: Double?
        var p25: Double?
        var median: Double?
        var p75: Double?
        var p90: Double?
        var share_below_target: Double?
        var unsnapped_population: Double

        init(_ summary: FloatingCatchmentResult.Summary, unit: AccessUnitFigures?) {
            unit_id = unit?.id
            admin_unit = unit?.name
            population = summary.population
            mean = summary.mean
            p10 = summary.quantiles[0.1]
            p25 = summary.quantiles[0.25]
            median = summary.quantiles[0.5]
            p75 = summary.quantiles[0.75]
            p90 = summary.quantiles[0.9]
            share_below_target = summary.shareBelowTarget
            unsnapped_population = summary.unsnappedPopulation
        }
    }

    struct Document: Encodable {
        var kind: String
        var capacity_field: String
        var group: String
        var method: String
        var decay: String
        var within_m: Double
        var per: Double
        var target: Double?
        var overall: Figures
        var admin_units: [Figures]
        var facilities_used: Int
        var distributed_capacity: Double
        var facilities_without_capacity: [String]
        var unsnapped_facilities: [String]
        var facilities_without_residents: [String]
        var unsnapped_demand: [String]
        var output: String
        var page: String
    }

    func document(output: String, page: String) -> Document {
        let result = run.result.catchment
        return Document(
            kind: run.kind.rawValue, capacity_field: run.capacityField, group: run.result.group.rawValue,
            method: method.rawValue, decay: result.decay.label, within_m: result.catchment, per: result.per,
            target: run.target, overall: Figures(run.summary, unit: nil),
            admin_units: run.unitFigures.map { Figures($0.summary, unit: $0) },
            facilities_used: result.ratios.compactMap { $0 }.count, distributed_capacity: result.distributedSupply,
            facilities_without_capacity: run.withoutCapacity.map(\.id.rawValue),
            unsnapped_facilities: result.unsnappedSupply, facilities_without_residents: result.supplyWithoutResidents,
            unsnapped_demand: result.unsnappedDemand, output: output, page: page)
    }

    /// The map page (Reports' ``AccessReport``): the run's points, facilities and units.
    var page: Reports.AccessReport {
        let result = run.result.catchment
        let field = plugin.schema.field(named: run.capacityField)?.label ?? LocalizedText(zh: run.capacityField, en: run.capacityField)
        let group = run.result.group.label
        let name = plugin.descriptor.name
        let within = plainNumber(result.catchment)
        let per = plainNumber(result.per)
        let methodText =
            method == .twoStep
            ? LocalizedText(zh: "两步移动搜寻法 2SFCA", en: "2SFCA")
            : LocalizedText(zh: "增强两步移动搜寻法 E2SFCA，距离衰减 \(result.decay.label)", en: "E2SFCA, decay \(result.decay.label)")
        func unit(_ id: String, _ name: String, _ outline: Geometry?, _ summary: FloatingCatchmentResult.Summary)
            -> Reports.AccessReport.Unit
        {
            .init(id: id, name: name, outline: outline, population: summary.population, mean: summary.mean,
                  shareBelowTarget: summary.shareBelowTarget)
        }
        let used = run.result.facilities.enumerated().map { j, record in
            Reports.AccessReport.Facility(
                id: record.id.rawValue, name: record.name, location: record.location, capacity: result.supply[j].amount)
        }
        let left = run.withoutCapacity.map {
            Reports.AccessReport.Facility(id: $0.id.rawValue, name: $0.name, location: $0.location, capacity: nil)
        }
        return Reports.AccessReport(
            title: LocalizedText(zh: "\(name.zh)\(field.zh)可达性", en: "\(name.en) \(field.en.lowercased()) accessibility"),
            method: LocalizedText(
                zh: "步行 \(within) m 内，每 \(per) 名\(group.zh)（\(methodText.zh)）",
                en: "Within \(within) m of walking, per \(per) \(group.en) (\(methodText.en))"),
            per: result.per, target: run.target, overall: unit("", "", nil, run.summary),
            demand: run.result.units.enumerated().map { i, demand in
                .init(id: demand.id, location: demand.location, population: demand.count(run.result.group),
                      access: result.accessibility[i])
            },
            facilities: used + left,
            units: run.unitFigures.map { unit($0.id, $0.name, $0.outline, $0.summary) }, streets: run.streets)
    }

    /// The kind has no facility open on the date with a capacity: nothing can be evaluated.
    static func printNotEvaluable(
        _ run: AccessRun, plugin: any FacilityPlugin, asOf: CivilDate?, json: Bool, language: ReportLanguage
    ) throws {
        let field = plugin.schema.field(named: run.capacityField)?.label ?? LocalizedText(zh: run.capacityField, en: run.capacityField)
        let name = plugin.descriptor.name
        let date = asOf.map { LocalizedText(zh: "\($0) ", en: " on \($0)") } ?? LocalizedText(zh: "", en: "")
        let blank = run.withoutCapacity.count
        let reason = LocalizedText(
            zh: "登记库中没有\(date.zh)开放且填有\(field.zh)的\(name.zh)"
                + (blank > 0 ? "（\(blank) 处未填\(field.zh)）" : "")
                + "：用 lifecircle import \(plugin.id) 文件 导入清单" + (blank > 0 ? "，或用 lifecircle edit 补填\(field.zh)" : ""),
            en: "The registry holds no \(name.en.lowercased()) open\(date.en) with its \(field.en.lowercased()) filled in"
                + (blank > 0 ? " (\(blank) without it)" : "")
                + ": import the list with lifecircle import \(plugin.id) FILE" + (blank > 0 ? ", or fill it in with lifecircle edit" : ""))
        if json {
            try printJSON(["kind": run.kind.rawValue, "status": "not_evaluable", "reason": reason.text(for: language)])
        } else {
            Swift.print((language == .zh ? "无法评估：" : "Not evaluable: ") + reason.text(for: language))
        }
    }

    func print(json: Bool, output: String, page: String) throws {
        let document = document(output: output, page: page)
        if json {
            try printJSON(document)
            return
        }
        let zh = language == .zh
        let field = plugin.schema.field(named: run.capacityField)?.label.text(for: language) ?? run.capacityField
        let group = run.result.group.label
        let perText = plainNumber(document.per)
        Swift.print(zh
            ? "\(plugin.descriptor.name.zh)\(field)可达性：步行 \(plainNumber(document.within_m)) m 内，每 \(perText) 名\(group.zh)"
                + "（\(method == .twoStep ? "两步移动搜寻法 2SFCA" : "增强两步移动搜寻法 E2SFCA，距离衰减 \(document.decay)")）"
            : "\(plugin.descriptor.name.en) \(field.lowercased()) within \(plainNumber(document.within_m)) m of walking, per "
                + "\(perText) \(group.en) (\(method == .twoStep ? "2SFCA" : "E2SFCA, decay \(document.decay)"))")
        func value(_ v: Double?) -> String { v.map { plainNumber($0, digits: 2) } ?? "–" }
        func share(_ v: Double?) -> String { v.map { "\(plainNumber($0 * 100, digits: 1))%" } ?? "–" }
        var header = zh
            ? ["街道/社区", "人口", "加权平均", "P10", "中位数", "P90"]
            : ["admin unit", "population", "weighted mean", "P10", "median", "P90"]
        if let target = run.target { header.append(zh ? "低于 \(plainNumber(target)) 的人口" : "below \(plainNumber(target))") }
        let rows = ([document.overall] + document.admin_units).map { figures in
            [figures.admin_unit.map { name in figures.unit_id.map { $0 == name ? name : "\(name) (\($0))" } ?? name }
                ?? (zh ? "全部" : "all"), plainNumber(figures.population, digits: 0), value(figures.mean),
             value(figures.p10), value(figures.median), value(figures.p90)]
                + (run.target == nil ? [] : [share(figures.share_below_target)])
        }
        Swift.print(TextTable(header: header, rows: rows).render(), terminator: "")
        Swift.print(zh
            ? "\(document.facilities_used) 处设施的\(field)合计 \(plainNumber(document.distributed_capacity))，已分摊给步行可达的居民。"
            : "The \(field.lowercased()) of \(document.facilities_used) facilities, "
                + "\(plainNumber(document.distributed_capacity)) in all, are shared among the residents within reach.")
        func list(_ ids: [String]) -> String {
            ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? " …" : "")
        }
        let notes: [(ids: [String], zh: String, en: String)] = [
            (document.facilities_without_capacity, "未填\(field)、未计入的设施", "Facilities without \(run.capacityField), left out"),
            (document.unsnapped_facilities, "距路网超过吸附距离、未计入的设施", "Facilities too far from the network, left out"),
            (document.facilities_without_residents, "步行范围内没有居民的设施", "Facilities with no residents within reach"),
            (document.unsnapped_demand, "距路网超过吸附距离、计为不可达的人口单元",
             "Demand units too far from the network, reaching nothing"),
        ]
        for note in notes where !note.ids.isEmpty {
            Swift.print(zh
                ? "\(note.zh)（\(note.ids.count)）：\(list(note.ids))"
                : "\(note.en) (\(note.ids.count)): \(list(note.ids))")
        }
    }
}
