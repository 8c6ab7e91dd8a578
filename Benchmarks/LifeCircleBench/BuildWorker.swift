import Foundation
import GeoCore
import OSMIngest
import Projection
import WalkNetwork

/// Builds one case's graph `runs` times and saves its cache `runs` times, in a process of its own so that
/// its peak memory is the build's alone.
struct BuildWorker {
    let benchCase: BenchCase
    let runs: Int
    let geoData: URL
    let cacheURL: URL

    func run() throws -> BuildMeasurement {
        let startResident = currentResidentBytes()
        var buildSeconds: Runs = []
        var waysSeconds: Runs = []
        var inputBytes = 0
        var graph: WalkGraph?
        let tag = "[\(benchCase.name)]"
        // Each build is followed by a save; the peaks after the first of each are one build's memory.
        var saveSeconds: Runs = []
        var peakAfterBuild = 0
        var peakAfterFirstSave = 0
        func save(_ graph: WalkGraph, _ run: Int) throws {
            if run == 1 { peakAfterBuild = peakResidentBytes() }
            let (_, seconds) = try timed { () throws(WalkNetworkError) in try graph.write(to: cacheURL) }
            if run == 1 { peakAfterFirstSave = peakResidentBytes() }
            saveSeconds.append(seconds)
            note("\(tag) save cache \(run)/\(runs): \(format(seconds))")
        }

        switch benchCase.source {
        case .osm(let file):
            let url = geoData.appendingPathComponent("osm").appendingPathComponent(file)
            let profile = try WalkingProfile.load(named: "walk", in: geoData.appendingPathComponent("profiles"))
            let osm = try OSMFile(url: url)
            inputBytes = Int(osm.byteCount)
            for run in 1...runs {
                graph = nil
                let (built, seconds) = try timed { () throws -> WalkGraph in
                    try OSMNetworkSource(file: osm, profile: profile, clip: nil).build(progress: nil).graph
                }
                graph = built
                buildSeconds.append(seconds)
                note("\(tag) build from \(file) \(run)/\(runs): \(format(seconds))")
                try save(built, run)
            }
        case .grid(let side):
            // The ways are made once (timed apart); the build is what a source's ways go through.
            let (ways, wayTime) = try timed { () throws(WalkNetworkError) -> [NetworkWay] in
                try GridCity.ways(
                    nodesPerSide: side, spacing: GridParameters.spacing, removedShare: GridParameters.removedShare,
                    jitter: GridParameters.jitter, midpoints: GridParameters.midpoints, seed: GridParameters.seed)
            }
            waysSeconds.append(wayTime)
            note("\(tag) generated \(ways.count) ways: \(format(wayTime))")
            for run in 1...runs {
                graph = nil
                let (built, seconds) = try timed { () throws(WalkNetworkError) -> WalkGraph in
                    var builder = NetworkBuilder(provenance: ["source": "SYNTHETIC \(benchCase.label)"])
                    for way in ways { try builder.add(way) }
                    return try builder.build()
                }
                graph = built
                buildSeconds.append(seconds)
                note("\(tag) build from \(ways.count) generated ways \(run)/\(runs): \(format(seconds))")
                try save(built, run)
            }
        }
        guard let graph else { throw BenchError("\(tag) no graph was built") }
        let cacheBytes = (try? FileManager.default.attributesOfItem(atPath: cacheURL.path)[.size] as? Int) ?? 0

        var selfLoops = 0
        for e in graph.edgeIndices where graph.endpoints(of: e).source == graph.endpoints(of: e).target {
            selfLoops += 1
        }
        return BuildMeasurement(
            buildSeconds: buildSeconds, waysSeconds: waysSeconds, saveSeconds: saveSeconds, inputBytes: inputBytes,
            nodes: graph.nodeCount, edges: graph.edgeCount, interiorVertices: graph.interiorVertexCount,
            selfLoops: selfLoops, components: graph.components.count,
            largestComponentNodes: graph.components.first?.nodeCount ?? 0, totalLengthKm: graph.totalLength / 1000,
            metricCRS: "\(graph.metricCRS.definition) (\(graph.metricCRS.name))",
            graphBytes: graphBytes(graph, selfLoops: selfLoops), cacheBytes: cacheBytes,
            startResidentBytes: startResident, peakAfterBuildBytes: peakAfterBuild,
            peakAfterFirstSaveBytes: peakAfterFirstSave,
            peakResidentBytes: peakResidentBytes())
    }
}

/// The bytes of a `WalkGraph`'s arrays, from its counts: per node two coordinates (lon/lat and metric,
/// 32 B), the external id (8), the component (4) and the adjacency offset (4); per edge source and target
/// (8), length (8), way id (8) and interior offset (4); per interior vertex two coordinates (32); per
/// adjacency entry (both directions of each edge, self-loops once) the arc (node + Float length, 8) and
/// its edge (4); per component 32. This follows WalkGraph's stored properties (WalkGraph.swift); the
/// analysis worker checks it against the resident set growth when a graph is loaded.
func graphBytes(_ graph: WalkGraph, selfLoops: Int) -> Int {
    let n = graph.nodeCount
    let e = graph.edgeCount
    let adjacency = 2 * e - selfLoops
    return 48 * n + 4 + 28 * e + 4 + 32 * graph.interiorVertexCount + 12 * adjacency + 32 * graph.components.count
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Seconds for progress lines: `0.123 s`, `12.3 s`.
func format(_ seconds: Double) -> String {
    seconds < 10 ? String(format: "%.3f s", seconds) : String(format: "%.1f s", seconds)
}
