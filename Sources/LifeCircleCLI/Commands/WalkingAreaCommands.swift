import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import Planner

/// Options shared by the analyses that walk from the registry's facilities.
struct AnalysisOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Facility kinds, comma-separated (default: every kind with facilities). "
                                + "Example: --kinds public_toilet", valueName: "list"))
    var kinds: String?
    @Option(name: .customLong("max-snap"), help: ArgumentHelp(
        "The farthest a point may be from the network to be snapped, metres. Example: --max-snap 250", valueName: "m"))
    var maxSnap: Double = 250
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?

    func context(_ workspace: Workspace, registry: String) throws -> AnalysisContext {
        let plugins = try kinds.map { list in try list.split(separator: ",").map { try workspace.plugin(String($0)) } }
            ?? workspace.plugins.all.map(\.plugin)
        return try AnalysisContext(
            registry: registry, kinds: plugins, asOf: try asOf.map(DateOption.parse), skipEmptyKinds: kinds == nil)
    }
}

struct IsochronesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isochrones",
        abstract: "Walking isochrones: the area within each threshold of the facilities of each kind.",
        discussion: """
            Reachable streets, including the reachable parts of streets reached only in part, buffered by 25 m
            (traced on a 5 m lattice: the area to within half a per cent of GEOS's buffer and union, seconds for a
            whole city) and dissolved per kind and threshold (layer isochrones), and with --per-facility one
            polygon per facility (layer facility_isochrones). Progress goes to stderr.

            Examples:
              lifecircle isochrones
              lifecircle isochrones --kinds public_toilet --per-facility
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var analysis: AnalysisOptions
    @Option(help: ArgumentHelp("Walking distances in metres. Example: --thresholds 300,500,1000", valueName: "list"))
    var thresholds: String = "300,500,1000"
    @Flag(name: .customLong("per-facility"), help: "Also write one isochrone per facility.") var perFacility = false
    @Option(name: .shortAndLong, help: ArgumentHelp("The GeoPackage to write. Example: -o isochrones.gpkg",
                                                    valueName: "file"))
    var output: String?

    func run() throws {
        let path = output ?? global.registryFile(.isochrones)
        var outputs = global.outputs(makes: [.isochrones])
        let destination = try outputs.file(path, option: "-o")
        let workspace = try Workspace(options: global)
        let metres = try CoverageCommand.numbers(thresholds, option: "--thresholds")
        let jobs = WalkingAreaJobs(context: try analysis.context(workspace, registry: global.registry),
                                   maxSnapDistance: analysis.maxSnap)
        let zh = global.lang == .zh
        let summary = try destination.write { file in
            try jobs.isochrones(thresholds: metres, perFacility: perFacility, to: file) { done, total in
                Console.progress(zh ? "等时圈 \(done)/\(total)" : "isochrones \(done)/\(total)")
            }
        }
        Console.endProgress()
        print(TextTable(
            header: zh ? ["设施类型", "步行距离", "覆盖面积 (km²)"] : ["kind", "walking distance", "area (km²)"],
            rows: summary.map { [$0.kind.rawValue, "\(plainNumber($0.threshold)) m", plainNumber($0.value, digits: 3)] }
        ).render(), terminator: "")
        Console.note(zh ? "等时圈已写入 \(path)" : "Isochrones written to \(path)")
    }
}

struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Gap map: the cells of a metric grid from which no facility of a kind is within walking distance.",
        discussion: """
            A grid of --cell metres over the study area (--area, a boundary file in any CRS; default: the network's
            convex hull); each cell centre walks to the nearest facility of each kind. Cells beyond --threshold, or
            off the network, are marked uncovered in layer gap_cells.

            Examples:
              lifecircle gaps --threshold 500
              lifecircle gaps --kinds public_toilet --threshold 300 --area huadu.geojson
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var analysis: AnalysisOptions
    @Option(help: ArgumentHelp("The walking distance that counts as covered, metres. Example: --threshold 500",
                               valueName: "m"))
    var threshold: Double = 500
    @Option(help: ArgumentHelp("The grid cell, metres. Example: --cell 100", valueName: "m")) var cell: Double = 100
    @Option(help: ArgumentHelp("The study area (polygons, any CRS). Example: --area huadu.geojson", valueName: "file"))
    var area: String?
    @Option(name: .customLong("area-crs"), help: ArgumentHelp(
        "The system of --area when the file does not state it. Example: --area-crs gcj02", valueName: "crs"))
    var areaCRS: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("The GeoPackage to write. Example: -o gaps.gpkg", valueName: "file"))
    var output: String?

    func validate() throws {
        guard threshold > 0, cell > 0 else { throw ValidationError("--threshold and --cell must be positive") }
    }

    func run() throws {
        let path = output ?? global.registryFile(.gaps)
        var outputs = global.outputs(inputs: [area], makes: [.gaps])
        let destination = try outputs.file(path, option: "-o")
        let workspace = try Workspace(options: global)
        let jobs = WalkingAreaJobs(context: try analysis.context(workspace, registry: global.registry),
                                   maxSnapDistance: analysis.maxSnap)
        let boundary = try area.map { try Boundary.read($0, crs: areaCRS) }
        var summary: [WalkingAreaJobs.Summary] = []
        try destination.write { summary = try jobs.gaps(threshold: threshold, cellSize: cell, area: boundary, to: $0) }
        let zh = global.lang == .zh
        print(TextTable(
            header: zh ? ["设施类型", "步行距离", "未覆盖网格比例"] : ["kind", "walking distance", "cells uncovered"],
            rows: summary.map { [$0.kind.rawValue, "\(plainNumber($0.threshold)) m", "\(plainNumber($0.value * 100, digits: 1))%"] }
        ).render(), terminator: "")
        Console.note(zh ? "盲区网格已写入 \(path)" : "Gap cells written to \(path)")
    }
}
