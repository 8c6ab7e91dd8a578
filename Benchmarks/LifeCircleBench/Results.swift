import Foundation

/// Timings of one measurement, in seconds, one per run. Tables show the median.
typealias Runs = [Double]

/// What the build worker measured on one case.
struct BuildMeasurement: Codable {
    /// Building the graph: from the OSM file (reading included) or from the grid's generated ways.
    var buildSeconds: Runs
    /// Generating the grid's ways (not part of the build time); empty for OSM files.
    var waysSeconds: Runs
    /// Writing the cache file.
    var saveSeconds: Runs
    var inputBytes: Int
    var nodes: Int
    var edges: Int
    var interiorVertices: Int
    var selfLoops: Int
    var components: Int
    var largestComponentNodes: Int
    var totalLengthKm: Double
    /// The graph's local metric CRS (`EPSG:… (name)`).
    var metricCRS: String
    /// The graph's arrays, from its counts (see `graphBytes`).
    var graphBytes: Int
    var cacheBytes: Int
    var startResidentBytes: Int
    /// ru_maxrss after the first build, and after its save: the memory of one build as a user runs it.
    var peakAfterBuildBytes: Int
    var peakAfterFirstSaveBytes: Int
    /// ru_maxrss after all the builds and saves (repeated runs in one process; the allocator keeps some).
    var peakResidentBytes: Int
}

/// What the analysis worker measured on one case.
struct AnalysisMeasurement: Codable {
    /// Reading the cache file into a graph.
    var loadSeconds: Runs
    /// Resident set growth while loading the graph (the graph as the allocator holds it).
    var loadResidentGrowthBytes: Int
    /// `Snapper(graph:maxDistance:)`: the segment index.
    var snapIndexSeconds: Runs
    /// `Snapper.snap` of all demand points.
    var snapSeconds: Runs
    /// `Snapper.snap` of one point: the fixed cost of a call.
    var snapOnePointSeconds: Runs
    /// `NearestFacilitySearch.distances(in:from:to:maxDistance:k:)`: 3 kinds concurrently, k = 1, no bound.
    var nearestSeconds: Runs
    /// The 3 kinds as above, bounded at the largest coverage threshold (what `CoverageAnalysis` searches by default).
    var nearestBoundedSeconds: Runs
    var coverageSearchBound: Double
    /// The first kind alone, k = 1, no bound: what one core does for one kind.
    var nearestOneKindSeconds: Runs
    /// One kind with k = 3, no bound.
    var kNearestSeconds: Runs
    /// `CoverageAnalysis.run`: snapping demand and facilities, 3 kinds, k = 1.
    var coverageSeconds: Runs
    /// The same-input job of compare.py: node to node, bounded, 3 kinds k = 1.
    var nodeNearestSeconds: Runs
    /// … and the one kind with k = 3.
    var nodeKNearestSeconds: Runs
    var demandPoints: Int
    var demandSnapped: Int
    var demandNodes: Int
    var facilities: [Int]
    var facilitiesSnapped: [Int]
    /// Bound of the node-to-node job (metres): above every distance it has to find.
    var nodeBound: Double
    /// Median network distance from the snapped demand to the nearest facility of each kind (metres).
    var medianNearestMetres: [Double]
    var startResidentBytes: Int
    /// ru_maxrss after loading, after snapping, after the 3-kind pass, and at the end (all jobs).
    var residentAfterLoadBytes: Int
    var residentAfterSnapBytes: Int
    var residentAfterNearestBytes: Int
    var peakResidentBytes: Int
    /// The district-wide dissolve (after the memory peak above): the first kind's isochrone within the largest
    /// threshold, by one GEOS union (`UnionTiling.none`) and in tiles on every core (`.automatic`). Nil where
    /// not measured (the 1M-node grid).
    var dissolveSeconds: Runs? = nil
    var dissolveTiledSeconds: Runs? = nil
    /// Area in km² and vertex count of the isochrone, one union then tiled.
    var dissolveAreasKm2: [Double]? = nil
    var dissolveVertices: [Int]? = nil
    /// Vertices of the reachable street portions that were buffered.
    var dissolveInputVertices: Int? = nil
}

struct CaseResult: Codable {
    var benchCase: BenchCase
    /// For compare.py: the OSM file (absolute path), nil for grids.
    var sourcePath: String?
    /// For compare.py: this case's exported inputs (folder), nil when not exported.
    var exportFolder: String?
    var build: BuildMeasurement
    var analysis: AnalysisMeasurement
    /// Site selection (SitingWorker), on the cases it runs on.
    var siting: SitingMeasurement? = nil
}

struct MachineInfo: Codable {
    var cores: Int
    var cpuModel: String
    var memoryBytes: UInt64
    var swiftVersion: String
    var kernel: String
    var commit: String
    var date: String
    var loadAverageStart: String
    var loadAverageEnd: String
}

/// Everything one `lifecircle-bench` run measured; saved as `lifecircle.json` beside the exports.
struct BenchRun: Codable {
    /// Ties compare.py's measurements to this run's exported inputs.
    var runID: String
    var quick: Bool
    var runs: Int
    var machine: MachineInfo
    var totalSeconds: Double
    var gridDescription: String
    var workloadDescription: String
    var output: String
    /// This executable, for compare.py to call back with `--render`.
    var executable: String
    var cases: [CaseResult]
}

// MARK: compare.py's results

/// `reference.json`, written by Benchmarks/compare.py. Every field may be missing: a tool can be absent,
/// skipped or fail, and the report then says so.
struct ReferenceRun: Codable {
    var runID: String?
    var runs: Int?
    /// A step stops repeating once it has used this many seconds.
    var budgetSeconds: Double?
    var versions: [String: String]?
    var python: String?
    var totalSeconds: Double?
    var cases: [String: ReferenceCase]?
}

struct ReferenceCase: Codable {
    var pyrosm: ToolBuild?
    var osmnx: ToolBuild?
    var pandana: PandanaResult?
    var networkx: NetworkXResult?
}

/// Building a network from the OSM file with pyrosm or OSMnx.
struct ToolBuild: Codable {
    /// pyrosm: `get_network(network_type="walking")`; OSMnx: `graph_from_xml`.
    var seconds: Runs?
    /// pyrosm only: `get_network(network_type="walking", nodes=True)` + `to_graph`, a routable graph.
    var graphSeconds: Runs?
    var nodes: Int?
    var edges: Int?
    var input: String?
    var peakResidentBytes: Int?
    var baselineResidentBytes: Int?
    var note: String?
    var skipped: String?
}

struct PandanaResult: Codable {
    /// `pandana.Network(...)`: contraction hierarchy preprocessing.
    var networkSeconds: Runs?
    /// `set_pois` + `nearest_pois` for the 3 kinds, k = 1.
    var nearestSeconds: Runs?
    /// `set_pois` + `nearest_pois(num_pois=3)` for the k = 3 kind.
    var kNearestSeconds: Runs?
    /// `precompute(distance)`, when measured (not needed by `nearest_pois`).
    var precomputeSeconds: Runs?
    var precomputeDistance: Double?
    var maxAbsDifferenceMetres: Double?
    var comparedValues: Int?
    var mismatches: Int?
    var peakResidentBytes: Int?
    var baselineResidentBytes: Int?
    var skipped: String?
}

struct NetworkXResult: Codable {
    /// Building the `nx.Graph` from the edge list.
    var graphSeconds: Runs?
    /// `multi_source_dijkstra_path_length` for the 3 kinds (cutoff = the bound).
    var nearestSeconds: Runs?
    var maxAbsDifferenceMetres: Double?
    var comparedValues: Int?
    var mismatches: Int?
    var peakResidentBytes: Int?
    var baselineResidentBytes: Int?
    var skipped: String?
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
