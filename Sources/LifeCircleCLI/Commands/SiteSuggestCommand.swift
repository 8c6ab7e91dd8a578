import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import LocationAllocation
import Planner
import Projection
import WalkNetwork

struct SiteSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site-suggest",
        abstract: "Where new facilities of a kind would serve a population group best (location-allocation).",
        discussion: """
            Walks the saved network (lifecircle network build) from every candidate
            site to the demand (lifecircle demand import); the kind's existing
            facilities in the registry stay where they are. Three questions:

              max-cover  the -p new sites that bring the most residents of --group
                         within --within metres
              set-cover  the fewest new sites that bring --share of the group
                         within --within metres
              p-median   the -p new sites that shorten the group's walk to the
                         nearest facility most (walked as far as --max-distance;
                         residents beyond every facility count at twice that)

            Sites are chosen greedily (lazy evaluation), then improved by swapping
            a chosen site for another while that helps (interchange); set-cover
            drops the sites its target does not need. The table ranks the sites:
            each adds the most given those above it, so the gains add up, in the
            order to build them. Candidates are the network's nodes (thinned with
            --node-spacing), the registry's facilities of another kind
            (venues:KIND), or a file of points (CSV, GeoJSON, GeoPackage; --crs
            when it does not state its system). Each site is listed with its
            position in --crs (default EPSG:4326; gcj02 to find it on AMap).
            The sites and the demand they
            newly serve go to a GeoPackage for QGIS (<registry>.sites.gpkg, or -o).

            Examples:
              lifecircle site-suggest childcare -p 5 --within 300 --group age_0_3
              lifecircle site-suggest childcare -p 5 --within 300 --node-spacing 100
              lifecircle site-suggest maternity_room -p 3 --candidates venues:public_venue
              lifecircle site-suggest public_toilet --problem set-cover --share 0.9
              lifecircle site-suggest childcare --problem p-median -p 5 -o sites.gpkg

            The first asks where 5 new 托育 centres serve the most under-3s within 300 m.
            """)

    enum Problem: String, ExpressibleByArgument, CaseIterable {
        case maxCover = "max-cover"
        case setCover = "set-cover"
        case pMedian = "p-median"
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The kind of facility to place; its existing facilities stay. Example: childcare",
                                 valueName: "kind"))
    var kind: String
    @Option(help: ArgumentHelp("The question: max-cover, set-cover or p-median. Example: --problem set-cover",
                               valueName: "problem"))
    var problem: Problem = .maxCover
    @Option(name: .short, help: ArgumentHelp("How many new sites (max-cover, p-median). Example: -p 5", valueName: "n"))
    var p: Int?
    @Option(help: ArgumentHelp(
        "The walking distance that counts as covered, metres (max-cover, set-cover; default: the kind's catchment). "
            + "Example: --within 300", valueName: "m"))
    var within: Double?
    @Option(help: ArgumentHelp("The share of the group to cover, 0–1 (set-cover). Example: --share 0.9",
                               valueName: "share"))
    var share: Double?
    @Option(help: ArgumentHelp(
        "What --share is of: all of the group (all) or only those some site could reach (reachable). "
            + "Example: --of reachable", valueName: "all|reachable"))
    var of: String = "all"
    @Option(name: .customLong("max-distance"), help: ArgumentHelp(
        "How far the p-median walks, metres; residents beyond count at twice this. Example: --max-distance 1500",
        valueName: "m"))
    var maxDistance: Double = 1000
    @Option(help: ArgumentHelp(
        "The population group to serve: total, women, age_0_3, age_0_14, age_65_plus. Example: --group age_0_3",
        valueName: "group"))
    var group: String = "total"
    @Option(help: ArgumentHelp(
        "Candidate sites: nodes (the network's), venues:KIND (the registry's facilities of KIND) or a file of points. "
            + "Example: --candidates venues:public_venue", valueName: "nodes|venues:kind|file"))
    var candidates: String = "nodes"
    @Option(name: .customLong("node-spacing"), help: ArgumentHelp(
        "With --candidates nodes, keep no two nodes closer than this, metres. Example: --node-spacing 100",
        valueName: "m"))
    var nodeSpacing: Double?
    @Option(help: ArgumentHelp(
        "The system of the sites' positions shown, and of a candidate file that does not state its own. "
            + "Example: --crs gcj02", valueName: "crs"))
    var crs: String?
    @Option(help: ArgumentHelp("The layer of a candidate GeoPackage with several. Example: --layer venues",
                               valueName: "name"))
    var layer: String?
    @Option(help: ArgumentHelp("The id column of a candidate file. Example: --id 编号", valueName: "column"))
    var id: String?
    @Option(name: .customLong("max-snap"), help: ArgumentHelp(
        "The farthest a point may be from the network to be snapped, metres. Example: --max-snap 250", valueName: "m"))
    var maxSnap: Double = 250
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Existing facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The GeoPackage of suggested sites and the demand they serve. Example: -o sites.gpkg", valueName: "file"))
    var output: String?
    @Flag(help: "Print JSON instead of a table. Example: --json") var json = false

    func validate() throws {
        if let p, p <= 0 { throw ValidationError("-p must be at least 1 new site, not \(p)") }
        if problem != .setCover, p == nil {
            throw ValidationError("\(problem.rawValue) needs -p, the number of new sites. Example: -p 5")
        }
        if problem == .setCover {
            guard let share else { throw ValidationError("set-cover needs --share, the share to cover. Example: --share 0.9") }
            guard share.isFinite, share >= 0, share <= 1 else {
                throw ValidationError("--share must be between 0 and 1 (0.9 for 90 %), not \(share)")
            }
        }
        if let within, !(within.isFinite && within > 0) {
            throw ValidationError("--within must be a positive number of metres, not \(within)")
        }
        guard maxDistance.isFinite, maxDistance > 0 else {
            throw ValidationError("--max-distance must be a positive number of metres, not \(maxDistance)")
        }
        guard maxSnap.isFinite, maxSnap >= 0 else { throw ValidationError("--max-snap must not be negative") }
        if let nodeSpacing, !(nodeSpacing.isFinite && nodeSpacing >= 0) {
            throw ValidationError("--node-spacing must be zero or more metres, not \(nodeSpacing)")
        }
        guard CoverageTarget.Basis(option: of) != nil else {
            throw ValidationError("--of takes all or reachable, not '\(of)'")
        }
        guard PopulationGroup(rawValue: group) != nil else {
            throw ValidationError(
                "unknown group '\(group)'; groups: \(PopulationGroup.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let gpkg = output ?? global.registryFile(.sites)
        let candidateFile = candidates == "nodes" || candidates.hasPrefix("venues:") ? nil : candidates
        var outputs = global.outputs(inputs: [candidateFile], makes: [.sites])
        let destination = try outputs.file(gpkg, option: "-o")
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        guard let group = PopulationGroup(rawValue: group) else { return }
        let question = try question(for: plugin)
        let job = SitingJob(
            registry: global.registry, kind: plugin, problem: question, group: group,
            candidates: try candidateSource(workspace), maxSnapDistance: maxSnap,
            asOf: try asOf.map(DateOption.parse))
        let result = try job.run(progress: { Console.progress($0) })
        Console.endProgress()
        try destination.write { try SitingOutputs.write(result, to: $0) }
        let position = OutputPosition(crs: try crs.map { try CRS(parsing: $0) } ?? .wgs84)
        let locations = result.rankedSites.map(\.candidate.location)
        let report = SiteSuggestReport(
            result: result, plugin: plugin, language: global.lang, output: gpkg, position: position,
            positions: try OutputPosition.transform(locations, to: position.crs),
            streets: try NearestStreet.names(of: locations, registry: global.registry, maxSnapDistance: maxSnap))
        if json { try printJSON(report.document()) } else { report.printTable() }
        Console.note(global.lang == .zh ? "图层已写入 \(gpkg)" : "Layers written to \(gpkg)")
    }

    private func question(for plugin: any FacilityPlugin) throws -> SitingJob.Problem {
        func serviceDistance() throws -> Double {
            if let within { return within }
            guard let catchment = plugin.defaultCatchment?.walkingDistanceMeters else {
                throw CommandFailure(
                    "\(plugin.id) has no default catchment: give --within, the walking distance that counts as "
                        + "covered. Example: --within 300", exitCode: ExitStatus.usage)
            }
            return catchment
        }
        switch problem {
        case .maxCover: return .maximalCovering(sites: p ?? 1, within: try serviceDistance())
        case .setCover:
            let target = try CoverageTarget(share: share ?? 1, of: CoverageTarget.Basis(option: of) ?? .total)
            return .setCovering(target: target, within: try serviceDistance())
        case .pMedian: return .pMedian(sites: p ?? 1, cutoff: maxDistance)
        }
    }

    private func candidateSource(_ workspace: Workspace) throws -> SitingJob.Candidates {
        if candidates == "nodes" { return .networkNodes(spacing: nodeSpacing) }
        if candidates.hasPrefix("venues:") {
            return .venues(try workspace.plugin(String(candidates.dropFirst("venues:".count))))
        }
        let url = URL(fileURLWithPath: candidates)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure(
                "--candidates \(candidates): no such file (give nodes, venues:KIND or a file of points)",
                exitCode: ExitStatus.noInput)
        }
        return .layer(url, crs: try crs.map { try CRS(parsing: $0) }, layer: layer, idColumn: id)
    }
}

extension CoverageTarget.Basis {
    /// `all` or `reachable`, as `--of` takes them.
    init?(option: String) {
        switch option {
        case "all": self = .total
        case "reachable": self = .reachable
        default: return nil
        }
    }
}

/// The summary of a site suggestion: the ranked sites as a table or JSON, and what they change.
struct SiteSuggestReport {
    let result: SitingResult
    let plugin: any FacilityPlugin
    let language: ReportLanguage
    let output: String
    /// The system the sites are shown in, and each ranked site's position in it.
    let position: OutputPosition
    let positions: [Coordinate]
    /// Each ranked site's nearest street name, where OSM names it.
    let streets: [String?]

    struct Site: Encodable {
        var rank: Int
        var site_id: String
        var lon: Double
        var lat: Double
        /// The position in the output system (`crs`): longitude/latitude or easting/northing.
        var x: Double
        var y: Double
        var street: String?
        var gain: Double
        var cumulative: Double
        var cumulative_share: Double
    }

    struct Document: Encodable {
        var kind: String
        var problem: String
        var population_group: String
        var within_m: Double?
        var max_distance_m: Double?
        var candidates: Int
        var existing_facilities: Int
        var total_population: Double
        /// Covering: residents covered; p-median: person-metres.
        var value_before: Double
        var value_after: Double
        /// Covering: the share covered; p-median: the mean walking distance, metres.
        var summary_before: Double
        var summary_after: Double
        var greedy_value: Double
        var swaps: Int
        var crs: String
        var sites: [Site]
        var target: Target?
        var unsnapped_candidates: [String]
        var unsnapped_demand: [String]
        var unsnapped_existing: [String]
        var output: String
    }

    struct Target: Encodable {
        var share: Double
        var of: String
        var target_population: Double
        var reachable_population: Double
        var met: Bool
    }

    func document() -> Document {
        let instance = result.instance
        return Document(
            kind: result.kind.rawValue, problem: SitingOutputs.problemName(result.problem),
            population_group: result.group.rawValue, within_m: result.problem.serviceDistance,
            max_distance_m: result.isCovering ? nil : result.problem.cutoff, candidates: instance.candidates.count,
            existing_facilities: result.existingIDs.count, total_population: result.totalWeight,
            value_before: result.selection.valueBefore, value_after: result.selection.valueAfter,
            summary_before: result.summary.before, summary_after: result.summary.after,
            greedy_value: result.selection.greedyValue, swaps: result.selection.swaps,
            crs: position.crs.description,
            sites: zip(zip(result.rankedSites, positions), streets).map { pair, street in
                let (site, shown) = pair
                return Site(
                    rank: site.rank, site_id: site.candidate.id, lon: site.candidate.location.lon,
                    lat: site.candidate.location.lat, x: position.rounded(shown.x), y: position.rounded(shown.y),
                    street: street,
                    gain: site.gain, cumulative: site.cumulative, cumulative_share: site.cumulativeShare)
            },
            target: target(),
            unsnapped_candidates: instance.unsnappedCandidates.map { instance.candidates[$0].id },
            unsnapped_demand: instance.unsnappedDemand.map { result.demand[$0].id },
            unsnapped_existing: instance.unsnappedExisting.map { result.existingIDs[$0] }, output: output)
    }

    private func target() -> Target? {
        guard let solution = result.setCovering, case .setCovering(let target, _) = result.problem else { return nil }
        return Target(
            share: target.share, of: target.basis == .reachable ? "reachable" : "all",
            target_population: solution.targetWeight, reachable_population: solution.reachableWeight,
            met: solution.isTargetMet)
    }

    func printTable() {
        let zh = language == .zh
        let groupName = zh ? result.group.label.zh : result.group.label.en.prefix(1).uppercased() + result.group.label.en.dropFirst()
        let kindName = plugin.descriptor.name.text(for: language)
        let sites = result.rankedSites
        let rows: [[String]]
        let header: [String]
        let places = zip(zip(sites, positions), streets).map { pair, street in
            [pair.0.candidate.id, position.text(pair.1.x), position.text(pair.1.y), street ?? "—"]
        }
        let siteHeader = [zh ? "选址" : "site"] + position.header(zh: zh) + [zh ? "最近街道" : "nearest street"]
        if result.isCovering {
            header = [zh ? "排名" : "rank"] + siteHeader
                + (zh ? ["新增覆盖（人）", "累计覆盖（人）", "累计覆盖率"] : ["gain (people)", "covered (people)", "share covered"])
            rows = zip(sites, places).map { site, place in
                ["\(site.rank)"] + place
                    + [plainNumber(site.gain, digits: 0), plainNumber(site.cumulative, digits: 0), percent(site.cumulativeShare)]
            }
        } else {
            header = [zh ? "排名" : "rank"] + siteHeader
                + (zh ? ["减少步行（人·公里）", "平均步行距离（米）"] : ["walking saved (person-km)", "mean distance (m)"])
            rows = zip(sites, places).map { site, place in
                ["\(site.rank)"] + place
                    + [plainNumber(site.gain / 1000, digits: 1), plainNumber(site.cumulativeShare, digits: 0)]
            }
        }
        print(TextTable(header: header, rows: rows).render(), terminator: "")
        let (before, after) = result.summary
        let chosen = sites.count
        switch result.problem {
        case .maximalCovering(_, let within), .setCovering(_, let within):
            let metres = plainNumber(within)
            let gained = plainNumber(result.selection.valueAfter - result.selection.valueBefore, digits: 0)
            print(zh
                ? "\(groupName)步行 \(metres) 米内可达\(kindName)：现状 \(percent(before))，新增 \(chosen) 处后 \(percent(after))（+\(gained) 人，共 \(plainNumber(result.totalWeight, digits: 0)) 人）。"
                : "\(groupName) within \(metres) m of a \(kindName): \(percent(before)) today, \(percent(after)) with \(chosen) new sites (+\(gained) people of \(plainNumber(result.totalWeight, digits: 0))).")
        case .pMedian(_, let cutoff):
            print(zh
                ? "\(groupName)到最近\(kindName)的平均步行距离：现状 \(plainNumber(before, digits: 0)) 米，新增 \(chosen) 处后 \(plainNumber(after, digits: 0)) 米（\(plainNumber(cutoff, digits: 0)) 米外无设施者按 \(plainNumber(2 * cutoff, digits: 0)) 米计）。"
                : "Mean walk to the nearest \(kindName) for \(result.group.label.en): \(plainNumber(before, digits: 0)) m today, \(plainNumber(after, digits: 0)) m with \(chosen) new sites (residents with none within \(plainNumber(cutoff, digits: 0)) m count at \(plainNumber(2 * cutoff, digits: 0)) m).")
        }
        if let solution = result.setCovering {
            let target = plainNumber(solution.targetWeight, digits: 0)
            if solution.isTargetMet {
                print(zh ? "目标 \(target) 人已达到，最少需新增 \(chosen) 处（贪心后去除冗余）。"
                         : "Target of \(target) people met with \(chosen) new sites (greedy, then redundant sites dropped).")
            } else {
                let reached = plainNumber(result.selection.valueAfter, digits: 0)
                print(zh
                    ? "目标 \(target) 人无法达到：候选点最多覆盖 \(reached) 人（\(percent(after))），其余居民距所有候选点均超过服务距离。"
                    : "The target of \(target) people cannot be reached: the candidates cover at most \(reached) people (\(percent(after))); the others are beyond every candidate's reach.")
            }
        } else if case .maximalCovering(let count, _) = result.problem, chosen < count {
            print(zh ? "只有 \(chosen) 处候选点能新增覆盖，其余不再增加覆盖人口。"
                     : "Only \(chosen) candidate sites add coverage; more would add nobody.")
        }
        let selection = result.selection
        if selection.swaps > 0 {
            let greedy = result.isCovering
                ? (zh ? "覆盖 \(plainNumber(selection.greedyValue, digits: 0)) 人" : "\(plainNumber(selection.greedyValue, digits: 0)) people covered")
                : (zh ? "平均 \(plainNumber(selection.greedyValue / max(result.totalWeight, 1), digits: 0)) 米"
                      : "a mean walk of \(plainNumber(selection.greedyValue / max(result.totalWeight, 1), digits: 0)) m")
            print(zh ? "仅用贪心法：\(greedy)；交换改进 \(selection.swaps) 次后如上表。"
                     : "Greedy alone: \(greedy); the interchange then made \(selection.swaps) swap\(selection.swaps == 1 ? "" : "s") to reach the table above.")
        }
        let instance = result.instance
        print(zh
            ? "\(instance.candidates.count) 个候选点，现有\(kindName) \(result.existingIDs.count) 处保持不变。"
            : "\(instance.candidates.count) candidate sites; the \(result.existingIDs.count) existing facilities stay.")
        if !instance.unsnappedCandidates.isEmpty {
            let ids = instance.unsnappedCandidates.prefix(10).map { instance.candidates[$0].id }.joined(separator: ", ")
            print(zh ? "\(instance.unsnappedCandidates.count) 个候选点距路网过远，未参与：\(ids)"
                     : "\(instance.unsnappedCandidates.count) candidate sites are too far from the network and were left out: \(ids)")
        }
        if !instance.unsnappedDemand.isEmpty {
            print(zh ? "\(instance.unsnappedDemand.count) 个人口单元距路网过远，计为无法覆盖。"
                     : "\(instance.unsnappedDemand.count) demand units are too far from the network and count as not covered.")
        }
    }

    /// One decimal always, so that the column lines up: 9.0%, 10.8%.
    private func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}
