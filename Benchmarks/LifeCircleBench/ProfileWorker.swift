import Coverage
import Foundation
import GeoCore
import GeometryOps
import WalkNetwork

/// One step alone, repeated, for a profiler (`perf record`, `valgrind --tool=callgrind`):
/// `lifecircle-bench --worker profile --case grid-1m --cache FILE --step nearest [--runs N]`.
/// It loads the cached graph and draws the benchmark's workload, then times only the chosen step and prints
/// each run's wall and CPU seconds to stderr. Nothing is written to the report.
struct ProfileWorker {
    enum Step: String, CaseIterable {
        /// The 3-kind nearest-facility pass, unbounded, k = 1 (the 1M-node target).
        case nearest
        /// Snapping all demand points.
        case snap
        /// The dissolved isochrone of the first kind within 1000 m, in one union.
        case dissolve
        /// The same, in tiles on every core.
        case dissolveTiled = "dissolve-tiled"
    }

    let benchCase: BenchCase
    let runs: Int
    let cacheURL: URL
    let step: Step

    func run() throws {
        let tag = "[\(benchCase.name)]"
        let graph = try WalkGraph(contentsOf: cacheURL)
        let draw = WorkloadDraw(graph: graph, seed: benchCase.seed)
        let snapper = try Snapper(graph: graph, maxDistance: Workload.maxSnapDistance)
        let targets = try snapper.snap(draw.demand).map(\.snappedPoint)
        let sources = try draw.facilityNodes.map { nodes in
            try snapper.snap(nodes.map { graph.coordinate(of: $0) }).compactMap(\.snappedPoint)
        }
        for run in 1...runs {
            let cpuBefore = processCPUSeconds()
            let (_, seconds) = try timed { () throws in
                switch step {
                case .nearest:
                    _ = try NearestFacilitySearch.distances(
                        in: graph, from: sources, to: targets, maxDistance: .infinity, k: 1)
                case .snap:
                    _ = try snapper.snap(draw.demand)
                case .dissolve, .dissolveTiled:
                    let tiling: UnionTiling = step == .dissolve ? .none : .automatic
                    let area = try Isochrones(graph: graph, tiling: tiling)
                        .polygon(from: sources[0], within: Workload.thresholds.max() ?? 1000)
                    note("\(tag) \(step.rawValue): \(area?.coordinates.count ?? 0) vertices")
                }
            }
            let cpu = processCPUSeconds() - cpuBefore
            note("\(tag) \(step.rawValue) \(run)/\(runs): \(format(seconds)) wall, \(format(cpu)) CPU")
        }
    }
}
