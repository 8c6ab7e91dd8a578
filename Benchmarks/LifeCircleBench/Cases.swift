/// One network the benchmark measures: a GeoData extract, or a SYNTHETIC grid city.
struct BenchCase: Codable, Sendable {
    enum Source: Codable, Sendable {
        /// An OSM file under GeoData/osm, built through the `walk` profile.
        case osm(file: String)
        /// `GridCity` with this many intersections per side (spacing, jitter, … below).
        case grid(nodesPerSide: Int)
    }

    /// Short, file-name safe: `helsinki`, `grid-1m`.
    var name: String
    /// For the tables: `Helsinki (OSM PBF)`, `grid 1000×1000 (synthetic)`.
    var label: String
    var source: Source
    /// Seed of the demand and facility draws.
    var seed: UInt64

    var isGrid: Bool {
        if case .grid = source { return true }
        return false
    }

    /// Every case, in the order of the tables: the real networks, then the grids from small to large.
    static let all: [BenchCase] = [
        BenchCase(
            name: "sao_paulo", label: "São Paulo (PBF)", source: .osm(file: "sao_paulo.osm.pbf"), seed: 101),
        BenchCase(name: "helsinki", label: "Helsinki (PBF)", source: .osm(file: "helsinki.osm.pbf"), seed: 102),
        BenchCase(name: "andorra", label: "Andorra (PBF)", source: .osm(file: "andorra.osm.pbf"), seed: 103),
        BenchCase(name: "monaco", label: "Monaco (XML, gzip)", source: .osm(file: "monaco.osm.gz"), seed: 104),
        BenchCase(name: "grid-10k", label: "grid 100×100 (synthetic)", source: .grid(nodesPerSide: 100), seed: 201),
        BenchCase(name: "grid-100k", label: "grid 316×316 (synthetic)", source: .grid(nodesPerSide: 316), seed: 202),
        BenchCase(name: "grid-1m", label: "grid 1000×1000 (synthetic)", source: .grid(nodesPerSide: 1000), seed: 203),
    ]
}

/// How the SYNTHETIC grid cities are made (WalkNetwork's `GridCity`): the same for every size.
enum GridParameters {
    static let spacing = 100.0
    static let removedShare = 0.05
    static let jitter = 0.2
    static let midpoints = 1
    static let seed: UInt64 = 42

    static var description: String {
        "streets every \(Int(spacing)) m in both directions, \(Int(removedShare * 100)) % of the blocks removed "
            + "at random, intersections moved by up to \(Int(jitter * 100)) % of the spacing, \(midpoints) bowed "
            + "shape vertex per block, seed \(seed), south-west corner at 113.30° E, 23.10° N (Guangzhou)"
    }
}

/// The demand and facilities drawn on every network (deterministic: a seed per case).
enum Workload {
    /// One demand point per this many nodes.
    static let nodesPerDemandPoint = 4
    /// Demand points lie within this many metres (east and north, uniform) of a node drawn at random.
    static let demandJitter = 60.0
    /// Facility kinds: a name and the share of the nodes that hold one; at least `minimumFacilities`.
    static let kinds: [(name: String, share: Double)] = [("kind_a", 0.005), ("kind_b", 0.002), ("kind_c", 0.001)]
    static let minimumFacilities = 3
    /// The kind also searched with k = 3.
    static let kNearestKind = 0
    static let k = 3
    /// Snapping: the default maximum distance of the analyses.
    static let maxSnapDistance = 250.0
    /// Coverage thresholds for the end-to-end `CoverageAnalysis` run.
    static let thresholds = [300.0, 500.0, 1000.0]

    static var description: String {
        "demand: one point per \(nodesPerDemandPoint) nodes, each within ±\(Int(demandJitter)) m (east and north) "
            + "of a node drawn at random; facilities: "
            + kinds.map { "\($0.name) on \(formatShare($0.share)) of the nodes" }.joined(separator: ", ")
            + " (at least \(minimumFacilities); nodes of the largest connected part, drawn at random, a facility at "
            + "its node's position)"
    }

    private static func formatShare(_ share: Double) -> String {
        let percent = share * 100
        return percent == percent.rounded() ? "\(Int(percent)) %" : "\(percent) %"
    }
}
