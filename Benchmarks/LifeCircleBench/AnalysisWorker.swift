import Coverage
import Foundation
import GeoCore
import GeometryOps
import WalkNetwork

/// Loads one case's cached graph and runs the analyses on it `runs` times each, in a process of its own
/// so that its peak memory is the analysis's alone. Optionally exports the same-input job for compare.py.
struct AnalysisWorker {
    let benchCase: BenchCase
    let runs: Int
    let cacheURL: URL
    let exportFolder: URL?
    let runID: String

    func run() throws -> AnalysisMeasurement {
        let tag = "[\(benchCase.name)]"
        let startResident = currentResidentBytes()

        // Loading the cache. The first load's resident growth is the graph as the allocator holds it.
        var graph: WalkGraph?
        var loadSeconds: Runs = []
        var loadGrowth = 0
        for run in 1...runs {
            graph = nil
            let before = currentResidentBytes()
            let (loaded, seconds) = try timed { () throws(WalkNetworkError) in try WalkGraph(contentsOf: cacheURL) }
            if run == 1 { loadGrowth = currentResidentBytes() - before }
            graph = loaded
            loadSeconds.append(seconds)
            note("\(tag) load cache \(run)/\(runs): \(format(seconds))")
        }
        guard let graph else { throw BenchError("\(tag) no graph was loaded") }
        let afterLoad = peakResidentBytes()

        // The workload, drawn the same way every time.
        let draw = WorkloadDraw(graph: graph, seed: benchCase.seed)

        // Snapping the demand.
        var snapIndexSeconds: Runs = []
        var snapSeconds: Runs = []
        var snapper: Snapper?
        var demandSnaps: [SnapResult] = []
        for run in 1...runs {
            snapper = nil
            demandSnaps = []
            let (made, indexTime) = try timed { () throws(WalkNetworkError) in
                try Snapper(graph: graph, maxDistance: Workload.maxSnapDistance)
            }
            let (snaps, snapTime) = try timed { () throws(WalkNetworkError) in try made.snap(draw.demand) }
            snapper = made
            demandSnaps = snaps
            snapIndexSeconds.append(indexTime)
            snapSeconds.append(snapTime)
            note(
                "\(tag) snap index \(run)/\(runs): \(format(indexTime)); snap \(draw.demand.count) demand points: "
                    + format(snapTime))
        }
        guard let snapper else { throw BenchError("\(tag) no snapper") }
        var snapOnePointSeconds: Runs = []
        for run in 1...runs {
            let (_, seconds) = try timed { () throws(WalkNetworkError) in try snapper.snap([draw.demand[0]]) }
            snapOnePointSeconds.append(seconds)
            note("\(tag) snap 1 point \(run)/\(runs): \(format(seconds))")
        }
        let targets = demandSnaps.map(\.snappedPoint)
        let facilitySnaps = try draw.facilityNodes.map { nodes in
            try snapper.snap(nodes.map { graph.coordinate(of: $0) }).compactMap(\.snappedPoint)
        }
        let afterSnap = peakResidentBytes()

        // The nearest-facility pass: 3 kinds at once, k = 1, unbounded (as CoverageAnalysis runs it).
        var nearestSeconds: Runs = []
        var nearest: [NearestSources] = []
        for run in 1...runs {
            nearest = []
            let (found, seconds) = try timed { () throws(WalkNetworkError) in
                try NearestFacilitySearch.distances(
                    in: graph, from: facilitySnaps, to: targets, maxDistance: .infinity, k: 1)
            }
            nearest = found
            nearestSeconds.append(seconds)
            note("\(tag) nearest facility, 3 kinds, \(targets.count) demand points \(run)/\(runs): \(format(seconds))")
        }
        let medians = nearest.map { found in median((0..<found.count).compactMap { found.nearest($0)?.distance }) }
        nearest = []
        let afterNearest = peakResidentBytes()

        // The same, bounded at the largest threshold, as CoverageAnalysis searches by default.
        let bound = Workload.thresholds.max() ?? .infinity
        var nearestBoundedSeconds: Runs = []
        for run in 1...runs {
            let (_, seconds) = try timed { () throws(WalkNetworkError) in
                try NearestFacilitySearch.distances(
                    in: graph, from: facilitySnaps, to: targets, maxDistance: bound, k: 1)
            }
            nearestBoundedSeconds.append(seconds)
            note("\(tag) nearest facility within \(Int(bound)) m, 3 kinds \(run)/\(runs): \(format(seconds))")
        }

        // The first kind alone, k = 1: one search on one core.
        var nearestOneKindSeconds: Runs = []
        for run in 1...runs {
            let (_, seconds) = try timed { () throws(WalkNetworkError) in
                try NearestFacilitySearch(graph: graph)
                    .run(sources: facilitySnaps[Workload.kNearestKind], maxDistance: .infinity, k: 1)
                    .distances(to: targets)
            }
            nearestOneKindSeconds.append(seconds)
            note("\(tag) nearest facility, 1 kind \(run)/\(runs): \(format(seconds))")
        }

        // One kind with k = 3.
        var kNearestSeconds: Runs = []
        for run in 1...runs {
            let (_, seconds) = try timed { () throws(WalkNetworkError) in
                try NearestFacilitySearch(graph: graph)
                    .run(sources: facilitySnaps[Workload.kNearestKind], maxDistance: .infinity, k: Workload.k)
                    .distances(to: targets)
            }
            kNearestSeconds.append(seconds)
            note("\(tag) \(Workload.k) nearest, 1 kind \(run)/\(runs): \(format(seconds))")
        }

        // End to end: CoverageAnalysis snaps demand and facilities and runs the 3 kinds.
        var coverageSeconds: Runs = []
        let demandPlaces = draw.demand.enumerated().map { i, location in
            CoverageAnalysis.DemandPlace(
                place: .init(id: "d\(i)", location: location), population: ["total": 1], adminUnit: nil)
        }
        var facilityPlaces: [String: [CoverageAnalysis.Place]] = [:]
        for (kind, nodes) in zip(Workload.kinds, draw.facilityNodes) {
            facilityPlaces[kind.name] = nodes.map {
                .init(id: "\(kind.name)-\($0.index)", location: graph.coordinate(of: $0))
            }
        }
        let analysis = CoverageAnalysis(
            graph: graph, thresholds: Workload.thresholds, maxSnapDistance: Workload.maxSnapDistance, k: 1)
        note("\(tag) CoverageAnalysis searches within \(analysis.searchBound) m")
        for run in 1...runs {
            let (_, seconds) = try timed { () throws in
                try analysis.run(demand: demandPlaces, facilities: facilityPlaces)
            }
            coverageSeconds.append(seconds)
            note("\(tag) CoverageAnalysis.run \(run)/\(runs): \(format(seconds))")
        }

        // The same-input job of compare.py: from facility nodes to demand nodes (the nearer end of each
        // demand point's edge), bounded above every distance it has to find.
        let job = try NodeJob(graph: graph, facilityNodes: draw.facilityNodes, demandSnaps: demandSnaps)
        var nodeNearestSeconds: Runs = []
        var nodeKNearestSeconds: Runs = []
        var nodeNearest: [NearestSources] = []
        var nodeKNearest: NearestSources?
        for run in 1...runs {
            nodeNearest = []
            nodeKNearest = nil
            let (found, seconds) = try timed { () throws(WalkNetworkError) in
                try NearestFacilitySearch.distances(
                    in: graph, from: job.sources, to: job.targets, maxDistance: job.bound, k: 1)
            }
            let (foundK, secondsK) = try timed { () throws(WalkNetworkError) in
                try NearestFacilitySearch(graph: graph)
                    .run(sources: job.sources[Workload.kNearestKind], maxDistance: job.bound, k: Workload.k)
                    .distances(to: job.targets)
            }
            nodeNearest = found
            nodeKNearest = foundK
            nodeNearestSeconds.append(seconds)
            nodeKNearestSeconds.append(secondsK)
            note(
                "\(tag) node to node (compare.py's job), 3 kinds \(run)/\(runs): \(format(seconds)); "
                    + "\(Workload.k) nearest: \(format(secondsK))")
        }
        let peak = peakResidentBytes()

        if let exportFolder, let nodeKNearest {
            let (_, seconds) = try timed { () throws in
                try Exporter(folder: exportFolder, graph: graph, benchCase: benchCase, runID: runID)
                    .write(job: job, nearest: nodeNearest, kNearest: nodeKNearest)
            }
            note("\(tag) exported the same-input job to \(exportFolder.path): \(format(seconds))")
        }

        let dissolve = try measureDissolve(graph: graph, sources: facilitySnaps[0], tag: tag)

        return AnalysisMeasurement(
            loadSeconds: loadSeconds, loadResidentGrowthBytes: loadGrowth, snapIndexSeconds: snapIndexSeconds,
            snapSeconds: snapSeconds, snapOnePointSeconds: snapOnePointSeconds, nearestSeconds: nearestSeconds,
            nearestBoundedSeconds: nearestBoundedSeconds,
            coverageSearchBound: analysis.searchBound, nearestOneKindSeconds: nearestOneKindSeconds,
            kNearestSeconds: kNearestSeconds,
            coverageSeconds: coverageSeconds, nodeNearestSeconds: nodeNearestSeconds,
            nodeKNearestSeconds: nodeKNearestSeconds, demandPoints: draw.demand.count,
            demandSnapped: targets.count { $0 != nil }, demandNodes: job.demandNodes.count,
            facilities: draw.facilityNodes.map(\.count), facilitiesSnapped: facilitySnaps.map(\.count),
            nodeBound: job.bound, medianNearestMetres: medians, startResidentBytes: startResident,
            residentAfterLoadBytes: afterLoad, residentAfterSnapBytes: afterSnap,
            residentAfterNearestBytes: afterNearest, peakResidentBytes: peak,
            dissolveSeconds: dissolve?.seconds[0], dissolveTiledSeconds: dissolve?.seconds[1],
            dissolveAreasKm2: dissolve?.areas, dissolveVertices: dissolve?.vertices,
            dissolveInputVertices: dissolve?.inputVertices)
    }

    /// Networks up to this size get the dissolve measured; one union of the 1M-node grid would take many
    /// minutes per run.
    static let dissolveNodeLimit = 200_000
    /// A dissolve is repeated up to `runs` times, but not once it has used this many seconds.
    static let dissolveBudget = 30.0

    /// The isochrone of `sources` within the largest threshold, dissolved by one union and then in tiles.
    private func measureDissolve(graph: WalkGraph, sources: [SnappedPoint], tag: String) throws -> (
        seconds: [Runs], areas: [Double], vertices: [Int], inputVertices: Int
    )? {
        guard graph.nodeCount <= Self.dissolveNodeLimit else { return nil }
        let within = Workload.thresholds.max() ?? 1000
        let reach = try ReachabilitySearch(graph: graph).run(from: sources, maxDistance: within)
        var inputVertices = 0
        for portion in reach.edgePortions {
            for range in portion.ranges where range.upperBound > range.lowerBound {
                inputVertices += graph.polyline(of: portion.edge, from: range.lowerBound, to: range.upperBound).count
            }
        }
        let engine = try GeometryEngine()
        var seconds: [Runs] = []
        var areas: [Double] = []
        var vertices: [Int] = []
        for (name, tiling) in [("one union", UnionTiling.none), ("tiled", .automatic)] {
            var times: Runs = []
            var polygon: Geometry?
            while times.count < runs, times.isEmpty || times.reduce(0, +) < Self.dissolveBudget {
                let (made, time) = try timed { () throws in
                    try Isochrones(graph: graph, tiling: tiling).polygon(from: sources, within: within)
                }
                polygon = made
                times.append(time)
                note("\(tag) dissolve within \(Int(within)) m, \(name) \(times.count)/\(runs): \(format(time))")
            }
            seconds.append(times)
            let metric = try polygon.map { try graph.metricProjection.toMetric($0) }
            areas.append(try metric.map { try PlanarGeometry($0, in: engine).area / 1e6 } ?? 0)
            vertices.append(polygon?.coordinates.count ?? 0)
        }
        return (seconds, areas, vertices, inputVertices)
    }
}

/// Demand points and facility nodes, drawn with a seed.
struct WorkloadDraw {
    /// Longitude/latitude.
    var demand: [Coordinate] = []
    /// Per kind, distinct nodes of the largest connected part.
    var facilityNodes: [[NodeIndex]] = []

    init(graph: WalkGraph, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let n = graph.nodeCount
        let count = max(1, n / Workload.nodesPerDemandPoint)
        demand.reserveCapacity(count)
        let metresPerDegreeLat = 111_320.0
        for _ in 0..<count {
            let node = graph.coordinate(of: NodeIndex(random.below(n)))
            let dx = (random.unit() * 2 - 1) * Workload.demandJitter
            let dy = (random.unit() * 2 - 1) * Workload.demandJitter
            let metresPerDegreeLon = metresPerDegreeLat * cos(node.lat * .pi / 180)
            demand.append(Coordinate(lon: node.lon + dx / metresPerDegreeLon, lat: node.lat + dy / metresPerDegreeLat))
        }
        var largest = Array(graph.nodeIndices.filter { graph.component(of: $0) == 0 })
        for kind in Workload.kinds {
            let wanted = min(largest.count, max(Workload.minimumFacilities, Int((Double(n) * kind.share).rounded())))
            // A partial Fisher–Yates shuffle: the first `wanted` are a uniform draw without repeats.
            for i in 0..<wanted {
                largest.swapAt(i, i + random.below(largest.count - i))
            }
            facilityNodes.append(Array(largest[0..<wanted]).sorted())
        }
    }
}

/// compare.py's job on our side: sources at facility nodes, targets at the demand's nodes, no legs.
struct NodeJob {
    var sources: [[SnappedPoint]]
    var demandNodes: [NodeIndex]
    var targets: [SnappedPoint?]
    /// Metres: the largest distance the job has to find (the k-th nearest for the k kind), rounded up to
    /// the next 100 m, plus 100 m. Both sides search within it, so both find every answer.
    var bound: Double
    var facilityNodes: [[NodeIndex]]

    init(graph: WalkGraph, facilityNodes: [[NodeIndex]], demandSnaps: [SnapResult]) throws(WalkNetworkError) {
        self.facilityNodes = facilityNodes
        sources = facilityNodes.map { $0.compactMap { graph.snappedPoint(at: $0) } }
        demandNodes = demandSnaps.compactMap { result -> NodeIndex? in
            guard let point = result.snappedPoint else { return nil }
            let ends = graph.endpoints(of: point.edge)
            return point.offset <= graph.length(of: point.edge) / 2 ? ends.source : ends.target
        }
        targets = demandNodes.map { graph.snappedPoint(at: $0) }
        // The bound, from an unbounded run (not timed).
        var largest = 0.0
        for (kind, kindSources) in sources.enumerated() {
            let k = kind == Workload.kNearestKind ? Workload.k : 1
            let found = try NearestFacilitySearch(graph: graph)
                .run(sources: kindSources, maxDistance: .infinity, k: k).distances(to: targets)
            for i in 0..<found.count {
                if let d = found.kthNearest(i)?.distance ?? found.nearest(i)?.distance { largest = max(largest, d) }
            }
        }
        bound = (largest / 100).rounded(.up) * 100 + 100
    }
}
