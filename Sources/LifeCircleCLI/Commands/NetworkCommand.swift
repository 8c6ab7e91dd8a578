import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Planner
import Projection
import WalkNetwork

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Build the walking network that coverage and isochrones walk on.",
        discussion: """
            Examples:
              lifecircle network build --osm huadu.osm.pbf --clip huadu.geojson
              lifecircle network build --roads roads.gpkg --crs EPSG:4547 --profile stroller
              lifecircle network export
            """,
        subcommands: [Build.self, Export.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the network from an OSM extract or a road line layer and save it beside the registry.",
            discussion: """
                The network is saved as registry.walknet (a fast cache the analyses load) and, for networks of up
                to 300 000 edges (a district; --layers for any size, --no-layers for none), registry.network.gpkg
                (layers network_nodes and network_edges for QGIS); `network export` writes the layers later from
                the cache. Walking rules come from a profile in
                GeoData/profiles: walk (the default) or stroller (no steps, for carers with prams). Parts of the
                network not connected to the rest are reported; analyses use every part but fragments under 500 m.
                A profile of your own: Docs/formats/walking-profile.md.

                Examples:
                  lifecircle network build --osm GeoData/osm/sao_paulo.osm.pbf
                  lifecircle network build --osm guangdong-latest.osm.pbf --clip huadu.geojson
                  lifecircle network build --roads roads.gpkg --crs EPSG:4547 --profile stroller
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(
            "An OpenStreetMap extract: .osm.pbf, .osm or .osm.gz. Example: --osm huadu.osm.pbf", valueName: "file"))
        var osm: String?
        @Option(help: ArgumentHelp(
            "A road line layer (GeoJSON or GeoPackage), any CRS. Example: --roads roads.gpkg", valueName: "file"))
        var roads: String?
        @Option(help: ArgumentHelp("The system of --roads when the file does not state it. Example: --crs EPSG:4547",
                                   valueName: "crs"))
        var crs: String?
        @Option(help: ArgumentHelp("The layer of a road GeoPackage. Example: --layer roads", valueName: "name"))
        var layer: String?
        @Option(help: ArgumentHelp("The walking profile: walk or stroller. Example: --profile stroller",
                                   valueName: "name"))
        var profile: String = "walk"
        @Option(help: ArgumentHelp(
            "Keep only the network inside this boundary (GeoJSON or GeoPackage polygons, any CRS). "
                + "Example: --clip huadu.geojson", valueName: "file"))
        var clip: String?
        @Option(name: .customLong("clip-crs"), help: ArgumentHelp(
            "The system of --clip when the file does not state it. Example: --clip-crs gcj02", valueName: "crs"))
        var clipCRS: String?
        @Flag(help: "Write the QGIS layers (registry.network.gpkg) whatever the network's size.")
        var layers = false
        @Flag(name: .customLong("no-layers"), help: "Write only the cache, no QGIS layers.")
        var noLayers = false

        func validate() throws {
            if (osm == nil) == (roads == nil) { throw ValidationError("give one of --osm FILE or --roads FILE") }
            if layers && noLayers { throw ValidationError("give --layers or --no-layers, not both") }
        }

        func run() throws {
            var outputs = global.outputs(inputs: [osm, roads, clip], makes: [.walkingNetworkCache, .networkLayers])
            _ = try outputs.file(global.registryFile(.walkingNetworkCache), option: "--registry (.walknet)")
            _ = try outputs.file(global.registryFile(.networkLayers), option: "--registry (.network.gpkg)")
            let folder = try DataLocator.required(for: "the walking profiles").appendingPathComponent("profiles")
            let walking = try WalkingProfile.load(named: profile, in: folder)
            let boundary = try clip.map { try Boundary.read($0, crs: clipCRS) }
            let source: NetworkBuildJob.Source
            if let osm {
                source = .osm(try InputFile.existing(osm))
            } else {
                source = .roads(try InputFile.existing(roads ?? ""), crs: try crs.map { try CRS(parsing: $0) },
                                layer: layer)
            }
            let started = Date()
            let policy: NetworkBuildJob.LayerPolicy = layers ? .always : noLayers ? .never : .automatic
            let report = try NetworkBuildJob(profile: walking, clip: boundary, layers: policy).run(
                source, saveBeside: global.registry, progress: { Console.progress($0) })
            Console.endProgress()
            let graph = report.graph
            let kept = report.analysedShare
            let largest = report.largestShare.keptLengthShare * 100
            let zh = global.lang == .zh
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            let fragment = plainNumber(ComponentSelection.minimumAnalysedLength, digits: 0)
            print(zh
                ? "步行网络（\(walking.label)）：\(graph.nodeCount) 个节点，\(graph.edgeCount) 条路段，总长 \(plainNumber(graph.totalLength / 1000, digits: 1)) 公里，用时 \(seconds) 秒"
                : "Walking network (\(walking.label)): \(graph.nodeCount) nodes, \(graph.edgeCount) edges, \(plainNumber(graph.totalLength / 1000, digits: 1)) km, built in \(seconds) s")
            print(zh
                ? "连通片区 \(graph.components.count) 个，最大片区含 \(plainNumber(largest, digits: 1))% 的路网长度；分析使用 \(kept.keptComponents) 个片区（\(plainNumber(kept.keptLengthShare * 100, digits: 1))%），另有 \(kept.droppedComponents) 个不足 \(fragment) 米的零碎路段（\(plainNumber(kept.droppedLength / 1000, digits: 1)) 公里）不参与分析"
                : "\(graph.components.count) connected parts; the largest holds \(plainNumber(largest, digits: 1))% of the length; analyses use \(kept.keptComponents) parts (\(plainNumber(kept.keptLengthShare * 100, digits: 1))%) and set aside \(kept.droppedComponents) fragments under \(fragment) m (\(plainNumber(kept.droppedLength / 1000, digits: 1)) km)")
            if largest < 50 {
                Console.warning(zh
                    ? "最大连通片区只有路网长度的 \(plainNumber(largest, digits: 1))%：路网被分成了许多互不相连的部分。道路图层的线若在交叉处没有公共节点，请检查数据；OSM 数据请检查步行规则是否去掉了连接各片区的道路。"
                    : "the largest connected part holds only \(plainNumber(largest, digits: 1))% of the network: it falls apart into many pieces. For a road layer, check that lines meet at shared vertices where they cross; for OSM, check whether the walking profile drops the roads that join the parts.")
            }
            if report.layersWritten {
                print(zh ? "已保存：\(report.files.cache.path)，\(report.files.layers.path)"
                    : "Saved: \(report.files.cache.path), \(report.files.layers.path)")
            } else {
                print(zh ? "已保存：\(report.files.cache.path)（未写 QGIS 图层；需要时运行 lifecircle network export）"
                    : "Saved: \(report.files.cache.path) (no QGIS layers written; `lifecircle network export` writes them)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the saved network's QGIS layers (network_nodes, network_edges) from its cache.",
            discussion: """
                Reads registry.walknet, as `network build` saved it, and writes registry.network.gpkg (or --output).

                Examples:
                  lifecircle network export
                  lifecircle network export --output huadu_network.gpkg
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Where to write the layers (default: registry.network.gpkg). Example: --output net.gpkg",
                                   valueName: "file"))
        var output: String?

        func run() throws {
            let started = Date()
            let (graph, file) = try NetworkLayers.export(
                registry: global.registry, to: output.map { URL(fileURLWithPath: $0) })
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print(global.lang == .zh
                ? "已写出 \(graph.nodeCount) 个节点、\(graph.edgeCount) 条路段到 \(file.path)，用时 \(seconds) 秒"
                : "Wrote \(graph.nodeCount) nodes and \(graph.edgeCount) edges to \(file.path) in \(seconds) s")
        }
    }
}

/// Input files named on the command line.
enum InputFile {
    static func existing(_ path: String) throws -> URL {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path): no such file", exitCode: ExitStatus.noInput)
        }
        return URL(fileURLWithPath: path)
    }
}

/// A study-area boundary file: every polygon in it, unioned, in EPSG:4326.
enum Boundary {
    static func read(_ path: String, crs: String?) throws -> Geometry {
        let table = try InputTable.read(contentsOf: try InputFile.existing(path))
        let source = try table.crs(override: try crs.map { try CRS(parsing: $0) })
        let declared = try DeclaredCoordinates(crs: source)
        var polygons: [[[Coordinate]]] = []
        for row in table.rows {
            switch try table.wgs84GeometryOrFail(of: row, through: declared) {
            case .polygon(let rings): polygons.append(rings)
            case .multiPolygon(let parts): polygons += parts
            default: continue
            }
        }
        guard !polygons.isEmpty else {
            throw CommandFailure("\(path): no polygons in the file", exitCode: ExitStatus.dataError)
        }
        return .multiPolygon(polygons)
    }
}
