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
        /// Whether `files.layers` was written (see ``LayerPolicy``).
        public var layersWritten: Bool
    }

    /// When the build writes the QGIS layers beside the cache.
    public enum LayerPolicy: Sendable {
        /// For networks of at most ``NetworkLayers/automaticEdgeLimit`` edges.
        case automatic
        case always
        case never
    }

    public let profile: WalkingProfile
    /// The study area in EPSG:4326; ways are cut to the nodes inside it.
    public let clip: Geometry?
    public let layers: LayerPolicy

    public init(profile: WalkingProfile, clip: Geometry?, layers: LayerPolicy = .automatic) {
        self.profile = profile
        self.clip = clip
        self.layers = layers
    }

    public func run(
        _ source: Source, saveBeside registry: String, progress: @escaping (String) -> Void
    ) throws -> Report {
        let inside = try clipPredicate()
        // One id for the cache and the layers, so that analyses can tell a pair from two builds.
        let buildID = UUID().uuidString
        var graph: WalkGraph
        var used = 0
        var dropped = 0
        switch source {
        case .osm(let url):
            let file = try OSMFile(url: url)
            let build = try OSMNetworkSource(file: file, profile: profile, clip: inside).build(
                recording: [NetworkFiles.buildIDKey: buildID]
            ) { step in
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
                provenance: [
                    "source": url.path, "source_format": "line-layer", "profile": profile.label,
                    NetworkFiles.buildIDKey: buildID,
                ])
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
        let writeLayers =
            switch layers {
            case .always: true
            case .never: false
            case .automatic: graph.edgeCount <= NetworkLayers.automaticEdgeLimit
            }
        if writeLayers {
            progress("writing the QGIS layers")
            // The layers are put in place first: killed before the cache follows, the pair's ids differ and
            // analyses refuse it (NetworkFiles.loadGraph) instead of running on a mix.
            try AtomicOutput.replaceFiles([files.layers, files.cache]) { temporaries in
                try NetworkLayers.write(graph, buildID: buildID, to: temporaries[0])
                try graph.writeCacheFile(at: temporaries[1], reportingAs: files.cache)
            }
        } else {
            // Layers of an earlier build would not show this network; removed first, so that a kill before the
            // new cache is in place leaves the old cache alone, which is whole.
            try? FileManager.default.removeItem(at: files.layers)
            try AtomicOutput.replaceFile(files.cache) { temporary in
                try graph.writeCacheFile(at: temporary, reportingAs: files.cache)
            }
        }
        return Report(
            graph: graph, waysUsed: used, waysDropped: dropped,
            analysedShare: graph.share(of: .analysed), largestShare: graph.share(of: .largest), files: files,
            layersWritten: writeLayers)
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
/// (with their way id, length in metres and component), each described as of the build that made them.
/// Written through the bulk layer writer (one prepared statement, the R-tree filled after the rows).
public enum NetworkLayers {
    /// Networks with more edges than this get no layers from `network build` unless asked (`--layers`):
    /// a province's layers are hundreds of megabytes that take longer to write than the whole build, and
    /// `network export` writes them from the cache when they are wanted.
    public static let automaticEdgeLimit = 300_000

    /// Writes both layers, described as of build `buildID`, into a new file at `url`.
    static func write(_ graph: WalkGraph, buildID: String?, to url: URL) throws {
        let file = try GeoPackageFile(path: url.path, mode: .build)
        let description = buildID.map(NetworkFiles.layerDescription(buildID:))
        try file.writeBulkLayer(
            TableDefinition(
                name: "network_nodes", geometry: GeometryColumn(type: .point, srsID: 4326),
                columns: [Column("node", .integer), Column("osm_id", .integer), Column("component", .integer)],
                identifier: "步行网络节点 / walking network nodes", description: description),
            count: graph.nodeCount, row: { index in nodeRow(graph, index) })
        try file.writeBulkLayer(
            TableDefinition(
                name: "network_edges", geometry: GeometryColumn(type: .lineString, srsID: 4326),
                columns: [
                    Column("edge", .integer), Column("source", .integer), Column("target", .integer),
                    Column("way_id", .integer), Column("length_m", .real), Column("component", .integer),
                ],
                identifier: "步行网络路段 / walking network edges", description: description),
            count: graph.edgeCount, row: { index in edgeRow(graph, index) })
    }

    private static func nodeRow(_ graph: WalkGraph, _ index: Int) -> (geometry: Geometry, values: [ColumnValue]) {
        let node = NodeIndex(index)
        let osmID: ColumnValue = graph.externalID(of: node).map { ColumnValue.integer($0) } ?? .null
        let values: [ColumnValue] = [.integer(Int64(index)), osmID, .integer(Int64(graph.component(of: node)))]
        return (.point(graph.coordinate(of: node)), values)
    }

    private static func edgeRow(_ graph: WalkGraph, _ index: Int) -> (geometry: Geometry, values: [ColumnValue]) {
        let edge = EdgeIndex(index)
        let (source, target) = graph.endpoints(of: edge)
        let length = (graph.length(of: edge) * 100).rounded() / 100
        let values: [ColumnValue] = [
            .integer(Int64(index)), .integer(Int64(source.index)), .integer(Int64(target.index)),
            .integer(graph.wayID(of: edge)), .real(length), .integer(Int64(graph.component(of: edge))),
        ]
        return (.lineString(graph.polyline(of: edge)), values)
    }
}

extension NetworkLayers {
    /// Writes the layers of the network saved beside `registry` (its `.walknet`) to `url`, or to the usual
    /// `registry.network.gpkg`; returns the graph and where they went.
    public static func export(registry: String, to url: URL? = nil) throws -> (graph: WalkGraph, file: URL) {
        let files = NetworkFiles(registry: registry)
        guard FileManager.default.fileExists(atPath: files.cache.path) else {
            throw RegistryError.input(
                file: files.cache.path, reason: "no walking network; build one with `lifecircle network build`")
        }
        let graph = try WalkGraph(contentsOf: files.cache)
        let target = url ?? files.layers
        // Described as of the cache's build, so that analyses accept the pair.
        try AtomicOutput.replaceFile(target) { temporary in
            try write(graph, buildID: graph.provenance[NetworkFiles.buildIDKey], to: temporary)
        }
        return (graph, target)
    }
}
