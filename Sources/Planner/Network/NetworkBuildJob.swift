import FacilityRegistry
public import Foundation
public import GeoCore
import GeoPackage
import GeometryOps
import OSMIngest
public import Projection
public import WalkNetwork

/// Builds the walking network from an OSM extract or a road line layer, with a walking profile and an
/// optional clip polygon, and saves it beside the registry.
public struct NetworkBuildJob {
    public enum Source: Sendable {
        /// OpenStreetMap PBF or XML (`.osm`, `.osm.gz`).
        case osm(URL)
        /// A line layer (GeoJSON or GeoPackage) in any CRS; `crs` overrides what the file states.
        case roads(URL, crs: CRS?, layer: String?)
    }

    /// What was built, for the summary the command prints.
    public struct Report: Sendable {
        public var graph: WalkGraph
        public var waysUsed: Int
        public var waysDropped: Int
        /// What analyses use (every part but fragments, ``ComponentSelection/analysed``) and set aside.
        public var analysedShare: ComponentShare
        /// What the largest part holds on its own.
        public var largestShare: ComponentShare
        public var files: NetworkFiles
    }

    public let profile: WalkingProfile
    /// The study area in EPSG:4326; ways are cut to the nodes inside it.
    public let clip: Geometry?

    public init(profile: WalkingProfile, clip: Geometry?) {
        self.profile = profile
        self.clip = clip
    }

    public func run(
        _ source: Source, saveBeside registry: String, progress: @escaping (String) -> Void
    ) throws -> Report {
        let inside = try clipPredicate()
        var graph: WalkGraph
        var used = 0
        var dropped = 0
        switch source {
        case .osm(let url):
            let file = try OSMFile(url: url)
            let build = try OSMNetworkSource(file: file, profile: profile, clip: inside).build { step in
                progress(step.description)
            }
            graph = build.graph
            used = build.builder.waysAccepted
            dropped = build.builder.waysOffered - build.builder.waysAccepted
        case .roads(let url, let crs, let layer):
            let table = try InputTable.read(contentsOf: url, layer: layer)
            let sourceCRS = try table.crs(override: crs)
            let declared = try DeclaredCoordinates(crs: sourceCRS)
            var builder = NetworkBuilder(
                profile: table.header.contains("highway") ? profile : nil,
                provenance: ["source": url.path, "source_format": "line-layer", "profile": profile.label])
            for row in table.rows {
                let lines: [[Coordinate]]
                switch try table.wgs84GeometryOrFail(of: row, through: declared) {
                case .lineString(let line): lines = [line]
                case .multiLineString(let parts): lines = parts
                case let other:
                    throw RegistryError.input(
                        file: table.file, reason: "\(table.rowLabel) \(row.number): expected a line, got a \(other.typeName)")
                }
                for (part, line) in lines.enumerated() {
                    let kept = inside.map { test in line.filter(test) } ?? line
                    guard kept.count >= 2 else { continue }
                    let accepted = try builder.add(
                        wayID: Int64(row.number * 1000 + part), vertices: kept.map { WayVertex($0) },
                        tags: row.cells.dictionary)
                    if accepted { used += 1 } else { dropped += 1 }
                }
            }
            progress("building the graph from \(used) lines")
            graph = try builder.build()
        }
        let files = NetworkFiles(registry: registry)
        try graph.write(to: files.cache)
        try NetworkLayers.write(graph, to: files.layers)
        return Report(
            graph: graph, waysUsed: used, waysDropped: dropped,
            analysedShare: graph.share(of: .analysed), largestShare: graph.share(of: .largest), files: files)
    }

    /// A point-in-polygon test on longitude/latitude (straight edges in degrees: at district scale the
    /// difference from geodesic edges is far below a street's width).
    private func clipPredicate() throws -> ((Coordinate) -> Bool)? {
        guard let clip else { return nil }
        let engine = try GeometryEngine()
        let prepared = try PlanarGeometry(clip, in: engine).prepared()
        return { coordinate in (try? prepared.intersects(coordinate)) ?? false }
    }
}

/// The graph as GeoPackage layers that QGIS shows: nodes (with their OSM id and component) and edges
/// (with their way id, length in metres and component).
enum NetworkLayers {
    static func write(_ graph: WalkGraph, to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let file = try GeoPackageFile(path: url.path, mode: .create)
        let nodes = graph.nodeIndices.map { node in
            Feature(
                geometry: .point(graph.coordinate(of: node)),
                properties: [
                    "node": .number(Double(node.index)),
                    "osm_id": graph.externalID(of: node).map { .number(Double($0)) } ?? .null,
                    "component": .number(Double(graph.component(of: node))),
                ])
        }
        let edges = graph.edgeIndices.map { edge in
            let (source, target) = graph.endpoints(of: edge)
            return Feature(
                geometry: .lineString(graph.polyline(of: edge)),
                properties: [
                    "edge": .number(Double(edge.index)), "source": .number(Double(source.index)),
                    "target": .number(Double(target.index)), "way_id": .number(Double(graph.wayID(of: edge))),
                    "length_m": .number((graph.length(of: edge) * 100).rounded() / 100),
                    "component": .number(Double(graph.component(of: edge))),
                ])
        }
        try file.writeLayer(
            FeatureLayer(
                name: "network_nodes", geometry: GeometryColumn(type: .point, srsID: 4326),
                columns: [Column("node", .integer), Column("osm_id", .integer), Column("component", .integer)],
                features: Array(nodes)),
            identifier: "步行网络节点 / walking network nodes")
        try file.writeLayer(
            FeatureLayer(
                name: "network_edges", geometry: GeometryColumn(type: .lineString, srsID: 4326),
                columns: [
                    Column("edge", .integer), Column("source", .integer), Column("target", .integer),
                    Column("way_id", .integer), Column("length_m", .real), Column("component", .integer),
                ],
                features: Array(edges)),
            identifier: "步行网络路段 / walking network edges")
    }
}
