import Coverage
import Foundation
import GeoCore
import GeometryOps
import OSMIngest
import WalkNetwork

/// `lifecircle-bench --isochrones [--only NAMES] [--runs N]`: district-wide isochrones of the first kind's
/// facilities at the three coverage thresholds, as the `isochrones` command makes them: the raster method
/// (``Isochrones/Method/standard``) timed, the GEOS buffer-and-union (tiled) timed where it takes less than
/// minutes, the results checked with GEOS, and each threshold's reachable street portions exported
/// (metric x/y, float64, with int64 line offsets) for `python3 Benchmarks/compare.py --isochrones`, which
/// times shapely 2's `buffer` + `union_all` on exactly those lines and writes the section of
/// Docs/performance.md. Writes `isochrones.json` in the export folder.
struct IsochroneBench {
    let cases: [BenchCase]
    let runs: Int
    let exportFolder: URL
    let geoData: URL

    /// The cases measured when `--only` does not name others.
    static let defaultCases = ["helsinki", "grid-100k", "grid-1m"]

    /// Networks up to this size get the GEOS method measured too (one run of each threshold).
    static let exactNodeLimit = 200_000

    func run() throws {
        let folder = exportFolder.appendingPathComponent("isochrones")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var results: [IsochroneCase] = []
        for benchCase in cases {
            let tag = "[\(benchCase.name)]"
            let graph = try graph(of: benchCase)
            let draw = WorkloadDraw(graph: graph, seed: benchCase.seed)
            let snapper = try Snapper(graph: graph, maxDistance: Workload.maxSnapDistance)
            let sources = try snapper.snap(draw.facilityNodes[0].map { graph.coordinate(of: $0) })
                .compactMap(\.snappedPoint)
            let builder = Isochrones(graph: graph)
            var thresholds: [IsochroneThreshold] = []
            for within in Workload.thresholds {
                var seconds: Runs = []
                var made: Isochrones.Area?
                for run in 1...runs {
                    let (area, time) = try timed { () throws in try builder.area(from: sources, within: within) }
                    made = area
                    seconds.append(time)
                    note("\(tag) raster isochrone within \(Int(within)) m \(run)/\(runs): \(format(time))")
                }
                let (lines, reachTime) = try timed { () throws in
                    try builder.reachableMetricLines(from: sources, within: within)
                }
                let stem = "\(benchCase.name)-\(Int(within))"
                try export(lines, to: folder, stem: stem)
                let engine = try GeometryEngine()
                let metric = try made.map { try PlanarGeometry(graph.metricProjection.toMetric($0.geometry), in: engine) }
                let valid = try metric?.isValid ?? true
                var exactSeconds: Double?
                var exactArea: Double?
                if graph.nodeCount <= Self.exactNodeLimit {
                    let (exact, time) = try timed { () throws in
                        try Isochrones(graph: graph, tiling: .automatic).area(from: sources, within: within)
                    }
                    exactSeconds = time
                    exactArea = exact?.squareMetres
                    note("\(tag) GEOS isochrone (tiled) within \(Int(within)) m: \(format(time))")
                }
                thresholds.append(
                    IsochroneThreshold(
                        metres: within, seconds: seconds, reachSeconds: reachTime, lines: lines.count,
                        vertices: lines.reduce(0) { $0 + $1.count }, areaSquareMetres: made?.squareMetres ?? 0,
                        resultVertices: made?.geometry.coordinates.count ?? 0, valid: valid,
                        exactTiledSeconds: exactSeconds, exactTiledAreaSquareMetres: exactArea, export: stem))
            }
            results.append(
                IsochroneCase(
                    name: benchCase.name, label: benchCase.label, nodes: graph.nodeCount, facilities: sources.count,
                    thresholds: thresholds))
        }
        let run = IsochroneRun(
            date: ISO8601DateFormatter().string(from: Date()), runs: runs, cores: ProcessInfo.processInfo.activeProcessorCount,
            load: loadAverage(), resolution: Self.resolution, cases: results)
        let url = exportFolder.appendingPathComponent("isochrones.json")
        try JSONEncoder.pretty.encode(run).write(to: url)
        note("lifecircle-bench: isochrones measured; results in \(url.path)")
    }

    static var resolution: Double {
        if case .raster(let resolution) = Isochrones.Method.standard { return resolution }
        return 0
    }

    /// The case's graph from the benchmark's cache, built (and cached) first when there is none.
    private func graph(of benchCase: BenchCase) throws -> WalkGraph {
        let cache = exportFolder.appendingPathComponent("cache").appendingPathComponent("\(benchCase.name).lcwn")
        if let graph = try? WalkGraph(contentsOf: cache) { return graph }
        note("[\(benchCase.name)] building the network (no cache at \(cache.path))")
        let graph: WalkGraph
        switch benchCase.source {
        case .osm(let file):
            let profile = try WalkingProfile.load(named: "walk", in: geoData.appendingPathComponent("profiles"))
            let osm = try OSMFile(url: geoData.appendingPathComponent("osm").appendingPathComponent(file))
            graph = try OSMNetworkSource(file: osm, profile: profile, clip: nil).build(progress: nil).graph
        case .grid(let side):
            let ways = try GridCity.ways(
                nodesPerSide: side, spacing: GridParameters.spacing, removedShare: GridParameters.removedShare,
                jitter: GridParameters.jitter, midpoints: GridParameters.midpoints, seed: GridParameters.seed)
            var builder = NetworkBuilder(provenance: ["source": "SYNTHETIC \(benchCase.label)"])
            for way in ways { try builder.add(way) }
            graph = try builder.build()
        }
        try FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
        try graph.write(to: cache)
        return graph
    }

    /// `STEM.xy.f64`: x, y of every vertex; `STEM.offsets.i64`: where each line starts, and the total.
    private func export(_ lines: [[Coordinate]], to folder: URL, stem: String) throws {
        var xy: [Double] = []
        xy.reserveCapacity(lines.reduce(0) { $0 + 2 * $1.count })
        var offsets: [Int64] = [0]
        for line in lines {
            for c in line { xy += [c.x, c.y] }
            offsets.append(Int64(xy.count / 2))
        }
        try xy.withUnsafeBytes { try Data($0).write(to: folder.appendingPathComponent("\(stem).xy.f64")) }
        try offsets.withUnsafeBytes { try Data($0).write(to: folder.appendingPathComponent("\(stem).offsets.i64")) }
    }
}

struct IsochroneRun: Codable {
    var date: String
    var runs: Int
    var cores: Int
    var load: String
    var resolution: Double
    var cases: [IsochroneCase]
}

struct IsochroneCase: Codable {
    var name: String
    var label: String
    var nodes: Int
    var facilities: Int
    var thresholds: [IsochroneThreshold]
}

struct IsochroneThreshold: Codable {
    var metres: Double
    /// `Isochrones.area(from:within:)` with the raster method, every run: search, field, contour, simplification,
    /// GEOS validity check, projection to EPSG:4326.
    var seconds: Runs
    /// The search and the reachable portions alone (what the Python side starts from).
    var reachSeconds: Double
    var lines: Int
    var vertices: Int
    var areaSquareMetres: Double
    var resultVertices: Int
    /// GEOS `isValid` of the result (in the metric CRS).
    var valid: Bool
    var exactTiledSeconds: Double?
    var exactTiledAreaSquareMetres: Double?
    var export: String
}
