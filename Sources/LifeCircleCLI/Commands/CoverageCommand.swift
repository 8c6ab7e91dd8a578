import ArgumentParser
import Coverage
import FacilityKit
import FacilityRegistry
import Foundation
import Planner
import WalkNetwork

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Who can walk to each kind of facility: population-weighted coverage at walking thresholds.",
        discussion: """
            Walks the saved network (lifecircle network build) from every demand unit (lifecircle demand import) to
            the nearest facility of each kind in the registry. Thresholds default to 300/500/1000 m, the 5/10/15-minute
            tiers of GB 50180-2018; --minutes with --speed-kmh gives them in minutes instead. Demand and facilities
            farther than --max-snap from the network are listed and count as not covered. The search walks as far as the
            largest threshold (or --max-distance); with --distances-csv it walks without limit, so the CSV is empty only
            where no facility is reachable at all.

            Examples:
              lifecircle coverage
              lifecircle coverage --kinds public_toilet --minutes 5,10,15 --json
              lifecircle coverage --distances-csv distances.csv -o coverage.gpkg
              lifecircle coverage --kinds childcare --group age_0_3
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Facility kinds, comma-separated (default: every kind with facilities). "
                                + "Example: --kinds maternity_room,public_toilet", valueName: "list"))
    var kinds: String?
    @Option(help: ArgumentHelp("Walking distances in metres. Example: --thresholds 300,500,1000", valueName: "list"))
    var thresholds: String?
    @Option(help: ArgumentHelp("Walking times in minutes instead of distances. Example: --minutes 5,10,15",
                               valueName: "list"))
    var minutes: String?
    @Option(name: .customLong("speed-kmh"), help: ArgumentHelp("Walking speed for --minutes. Example: --speed-kmh 4",
                                                                valueName: "km/h"))
    var speedKmh: Double = 4
    @Option(name: .customLong("max-snap"), help: ArgumentHelp(
        "The farthest a point may be from the network to be snapped, metres. Example: --max-snap 250", valueName: "m"))
    var maxSnap: Double = 250
    @Option(name: .short, help: ArgumentHelp("Also report the k-th nearest facility. Example: -k 2", valueName: "n"))
    var k: Int = 1
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?
    @Option(name: .customLong("distances-csv"), help: ArgumentHelp(
        "Write demand_id,kind,distance_m for every unit and kind. Example: --distances-csv d.csv", valueName: "file"))
    var distancesCSV: String?
    @Option(name: .customLong("max-distance"), help: ArgumentHelp(
        "How far to walk, metres; farther facilities count as unreachable. Default: the largest threshold, or no "
            + "limit with --distances-csv. Example: --max-distance 3000", valueName: "m"))
    var maxDistance: Double?
    @Option(name: .shortAndLong, help: ArgumentHelp("The GeoPackage of results for QGIS. Example: -o coverage.gpkg",
                                                    valueName: "file"))
    var output: String?
    @Option(help: ArgumentHelp(
        "The population group the table shows (the JSON has every group). Example: --group age_0_3",
        valueName: "group"))
    var group = "total"
    @Flag(help: "Print JSON instead of a table. Example: --json") var json = false

    func validate() throws {
        if thresholds != nil && minutes != nil { throw ValidationError("give --thresholds or --minutes, not both") }
        guard speedKmh > 0, maxSnap >= 0, k >= 1 else {
            throw ValidationError("--speed-kmh must be positive, --max-snap not negative, -k at least 1")
        }
    }

    func run() throws {
        var outputs = global.outputs(makes: [.coverage])
        let distancesFile = try distancesCSV.map { try outputs.file($0, option: "--distances-csv") }
        let gpkg = output ?? global.registryFile(.coverage)
        let layersFile = try outputs.file(gpkg, option: "-o")
        let workspace = try Workspace(options: global)
        let plugins = try kinds.map { list in try list.split(separator: ",").map { try workspace.plugin(String($0)) } }
            ?? workspace.plugins.all.map(\.plugin)
        let metres: [Double]
        var labels: [String]
        if let minutes {
            let values = try Self.numbers(minutes, option: "--minutes")
            metres = values.map { $0 * speedKmh * 1000 / 60 }
            labels = values.map { "\(plainNumber($0)) min" }
        } else {
            metres = try Self.numbers(thresholds ?? "300,500,1000", option: "--thresholds")
            labels = metres.map { "\(plainNumber($0)) m" }
        }
        let job = CoverageJob(
            registry: global.registry, kinds: plugins, thresholds: metres, maxSnapDistance: maxSnap, k: k,
            asOf: try asOf.map(DateOption.parse), skipEmptyKinds: kinds == nil,
            searchBound: maxDistance ?? (distancesCSV != nil ? .infinity : nil))
        let result = try job.run(progress: { Console.progress($0) })
        Console.endProgress()
        try distancesFile?.write { try CoverageOutputs.writeDistances(result, to: $0) }
        try layersFile.write { try CoverageOutputs.writeLayers(result, to: $0) }
        let covered = plugins.filter { result.kinds[$0.id.rawValue] != nil }
        try CoverageReport(result: result, plugins: covered, labels: labels, language: global.lang, group: group)
            .print(json: json)
        Console.note(global.lang == .zh ? "图层已写入 \(gpkg)" : "Layers written to \(gpkg)")
    }

    static func numbers(_ text: String, option: String) throws -> [Double] {
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 }) else {
            throw CommandFailure("\(option) '\(text)': expected positive numbers such as 300,500,1000",
                                 exitCode: ExitStatus.usage)
        }
        return values.compactMap { $0 }
    }
}

/// The coverage summary: per kind and threshold, the share of each population group covered.
struct CoverageReport {
    let result: CoverageResult
    let plugins: [any FacilityPlugin]
    let labels: [String]
    let language: ReportLanguage
    /// The group the table shows.
    let group: String

    struct Row: Encodable {
        var kind: String
        var threshold_m: Double
        var group: String
        var admin_unit: String?
        var covered: Double
        var total: Double
        var share: Double
        /// Residents on a part of the network without this kind: no walk reaches one.
        var in_parts_without_facility: Double
    }

    var groups: [String] { Array(Set(result.demand.flatMap(\.population.keys))).sorted() }

    func rows() -> [Row] {
        var rows: [Row] = []
        let admins: [String?] = [nil] + result.adminUnits.map { $0 }
        for plugin in plugins {
            let kind = plugin.id.rawValue
            for admin in admins {
                for threshold in result.thresholds {
                    for group in groups {
                        let inUnit = { (i: Int) in admin == nil || result.demand[i].adminUnit == admin }
                        let (covered, total) = result.share(kind: kind, threshold: threshold, group: group, include: inUnit)
                        rows.append(Row(
                            kind: kind, threshold_m: threshold, group: group, admin_unit: admin,
                            covered: covered.rounded(), total: total.rounded(), share: total > 0 ? covered / total : 0,
                            in_parts_without_facility: result.residentsInPartsWithoutFacility(
                                kind: kind, group: group, include: inUnit).rounded()))
                    }
                }
            }
        }
        return rows
    }

    func print(json: Bool) throws {
        if json {
            struct Document: Encodable {
                var rows: [CoverageReport.Row]
                var unsnapped_demand: [String]
                /// Residents whose nearest street is a fragment set aside, by group.
                var near_fragments: [String: Double]
                var unsnapped_facilities: [String: [String]]
            }
            try printJSON(Document(
                rows: rows(), unsnapped_demand: result.unsnappedDemand,
                near_fragments: Dictionary(uniqueKeysWithValues: groups.map { ($0, result.residentsNearFragments(group: $0).rounded()) }),
                unsnapped_facilities: result.kinds.mapValues(\.unsnappedFacilities)))
            return
        }
        let zh = language == .zh
        guard groups.contains(group) else {
            throw CommandFailure(
                zh ? "人口数据中没有“\(group)”这一组；有：\(groups.joined(separator: ", "))"
                    : "the demand has no group '\(group)'; it has: \(groups.joined(separator: ", "))",
                exitCode: ExitStatus.usage)
        }
        let all = rows().filter { $0.group == group }
        var table: [[String]] = []
        for admin in [nil] + result.adminUnits.map({ Optional($0) }) {
            for plugin in plugins {
                var line = [admin ?? (zh ? "全部" : "all"), plugin.descriptor.name.text(for: language)]
                for threshold in result.thresholds {
                    let row = all.first {
                        $0.kind == plugin.id.rawValue && $0.threshold_m == threshold && $0.admin_unit == admin
                    }
                    line.append(row.map { "\(plainNumber($0.share * 100, digits: 1))%" } ?? "")
                }
                let cutOff = all.first { $0.kind == plugin.id.rawValue && $0.admin_unit == admin }?.in_parts_without_facility
                line.append(plainNumber(cutOff ?? 0, digits: 0))
                table.append(line)
            }
        }
        let header = [zh ? "街道/社区" : "admin unit", zh ? "设施类型" : "kind"] + labels
            + [zh ? "片区内无此设施（人）" : "in parts without one"]
        Swift.print(TextTable(header: header, rows: table).render(), terminator: "")
        let total = result.demand.reduce(0) { $0 + ($1.population[group] ?? 0) }
        let weighting = group == "total" ? (zh ? "常住人口" : "residents") : (zh ? "“\(group)”人口" : "the '\(group)' group")
        Swift.print(zh
            ? "按\(weighting)加权（\(result.demand.count) 个人口单元，\(plainNumber(total, digits: 0)) 人）。"
            : "Weighted by \(weighting) (\(result.demand.count) demand units, \(plainNumber(total, digits: 0)) people).")
        Swift.print(zh
            ? "“片区内无此设施”：居民所在的路网片区（与其余路网不连通的部分）没有这类设施，步行无法到达。"
            : "\"In parts without one\": residents on a part of the network not joined to the rest that has no such facility; no walk reaches one.")
        let nearFragments = result.residentsNearFragments(group: group)
        if nearFragments > 0 {
            Swift.print(zh
                ? "\(plainNumber(nearFragments, digits: 0)) 人最近的道路是不足 \(plainNumber(ComponentSelection.minimumAnalysedLength, digits: 0)) 米的零碎路段，已接入较大的片区。"
                : "For \(plainNumber(nearFragments, digits: 0)) residents the nearest street is a fragment under \(plainNumber(ComponentSelection.minimumAnalysedLength, digits: 0)) m; they were snapped to a larger part.")
        }
        if !result.unsnappedDemand.isEmpty {
            Swift.print(zh
                ? "\(result.unsnappedDemand.count) 个人口单元距路网超过吸附距离，计为未覆盖：\(result.unsnappedDemand.prefix(10).joined(separator: ", "))"
                : "\(result.unsnappedDemand.count) demand units are too far from the network and count as not covered: \(result.unsnappedDemand.prefix(10).joined(separator: ", "))")
        }
        for (kind, distances) in result.kinds.sorted(by: { $0.key < $1.key }) where !distances.unsnappedFacilities.isEmpty {
            Swift.print(zh
                ? "\(kind)：\(distances.unsnappedFacilities.count) 处设施无法吸附到路网：\(distances.unsnappedFacilities.prefix(10).joined(separator: ", "))"
                : "\(kind): \(distances.unsnappedFacilities.count) facilities could not be snapped: \(distances.unsnappedFacilities.prefix(10).joined(separator: ", "))")
        }
    }
}
