import Foundation
import GeoCore
import LocationAllocation
import Planner
import WalkNetwork

/// Site selection (issue 5, item 7) on one case's cached graph, in a process of its own: building the
/// candidate × demand instance (`SitingInstance`, a bounded search from every candidate) and solving it
/// (`LocationAllocation`: greedy with lazy evaluation, then interchange), for maximal covering at 300 m and
/// the p-median, p = 10 and 50, with 10 000 candidates spread over the city and with every node of a
/// district. Runs on the 1M-node grid.
struct SitingWorker {
    let benchCase: BenchCase
    let runs: Int
    let cacheURL: URL

    /// The cases site selection runs on: the 1M-node grid.
    static func applies(to benchCase: BenchCase) -> Bool { benchCase.name == "grid-1m" }

    /// The workload, the same on every run (drawn with the case's seed).
    enum Setup {
        static let candidates = 10_000
        static let siteCounts = [10, 50]
        static let serviceDistance = 300.0
        /// How far the p-median walks; residents beyond every facility count at twice this.
        static let medianCutoff = 1000.0
        /// Existing facilities: the case's second facility kind (0.2 % of the nodes).
        static let existingKind = 1
        /// Residents per demand unit: uniform in this range.
        static let residents = 1...100

        static var description: String {
            "the case's demand points (one per \(Workload.nodesPerDemandPoint) nodes) each with \(residents.lowerBound)–"
                + "\(residents.upperBound) residents (uniform); the case's \(Workload.kinds[existingKind].name) "
                + "facilities as the existing ones, which stay; maximal covering at \(Int(serviceDistance)) m, and the "
                + "p-median walked to \(Int(medianCutoff)) m (residents beyond every facility at "
                + "\(Int(2 * medianCutoff)) m)"
        }
    }

    /// Where the candidates are.
    enum Layout: String, CaseIterable, Codable {
        /// 10 000 nodes of the largest connected part drawn at random over the whole city: sites rarely
        /// compete for the same residents.
        case spread
        /// The 10 000 nodes nearest the city's centre (a district of about 10 km × 10 km): every site competes
        /// with its neighbours, which is where the interchange has work to do.
        case district

        var description: String {
            switch self {
            case .spread: "\(Setup.candidates) nodes drawn at random over the whole city"
            case .district: "the \(Setup.candidates) nodes nearest the centre (a district of about 10 km × 10 km)"
            }
        }
    }

    func run() throws -> SitingMeasurement {
        let tag = "[\(benchCase.name) siting]"
        let graph = try WalkGraph(contentsOf: cacheURL)
        let draw = WorkloadDraw(graph: graph, seed: benchCase.seed)
        var random = SplitMix64(seed: benchCase.seed ^ 0x5171_4E65)
        let weights = draw.demand.map { _ in
            Double(Setup.residents.lowerBound + random.below(Setup.residents.count))
        }
        let existing = draw.facilityNodes[Setup.existingKind].map { graph.coordinate(of: $0) }
        var measurement = SitingMeasurement(
            nodes: graph.nodeCount, demandUnits: draw.demand.count, existingFacilities: existing.count,
            description: Setup.description)

        for layout in Layout.allCases {
            let candidates = Self.candidates(layout, in: graph, random: &random)
            var result = LayoutMeasurement(layout: layout, description: layout.description, candidates: candidates.count)
            for cutoff in [Setup.serviceDistance, Setup.medianCutoff] {
                let covering = cutoff == Setup.serviceDistance
                let name = "\(layout.rawValue) \(covering ? "max-cover" : "p-median")"
                var built: SitingInstance?
                var buildSeconds: Runs = []
                for run in 1...runs {
                    built = nil
                    let (instance, seconds) = try timed {
                        try SitingInstance(
                            graph: graph, demand: draw.demand, candidates: candidates, existing: existing,
                            cutoff: cutoff, maxSnapDistance: Workload.maxSnapDistance)
                    }
                    built = instance
                    buildSeconds.append(seconds)
                    note("\(tag) \(name) instance \(run)/\(runs): \(format(seconds)), \(instance.reach.entryCount) pairs")
                }
                guard let instance = built else { throw BenchError("\(tag) no instance") }
                var problem = ProblemMeasurement(
                    cutoff: cutoff, instanceSeconds: buildSeconds, pairs: instance.reach.entryCount)
                let solve: (Int) throws -> SiteSelection
                if covering {
                    let problem = try CoveringProblem(
                        weights: weights, reach: instance.reach, existingDistances: instance.existingDistances,
                        serviceDistance: Setup.serviceDistance)
                    solve = { try problem.maximalCovering(sites: $0) }
                } else {
                    let problem = try MedianProblem(
                        weights: weights, reach: instance.reach, existingDistances: instance.existingDistances,
                        unreachableDistance: 2 * Setup.medianCutoff)
                    solve = { try problem.pMedian(sites: $0) }
                }
                for p in Setup.siteCounts {
                    var measured = SolveMeasurement(p: p)
                    for run in 1...runs {
                        let (selection, seconds) = try timed { try solve(p) }
                        measured.seconds.append(seconds)
                        measured.record(selection)
                        note("\(tag) \(name) p = \(p) \(run)/\(runs): \(format(seconds)), \(selection.swaps) swaps")
                    }
                    problem.solves.append(measured)
                }
                if covering { result.maximalCovering = problem } else { result.pMedian = problem }
            }
            measurement.layouts.append(result)
        }
        measurement.totalResidents = weights.reduce(0, +)
        measurement.peakResidentBytes = peakResidentBytes()
        return measurement
    }

    /// Candidate nodes of the largest connected part, in node order.
    static func candidates(_ layout: Layout, in graph: WalkGraph, random: inout SplitMix64) -> [SiteCandidate] {
        var largest = Array(graph.nodeIndices.filter { graph.component(of: $0) == 0 })
        let wanted = min(Setup.candidates, largest.count)
        switch layout {
        case .spread:
            for i in 0..<wanted { largest.swapAt(i, i + random.below(largest.count - i)) }
        case .district:
            let points = largest.map { graph.metricCoordinate(of: $0) }
            let x = (points.map(\.x).min()! + points.map(\.x).max()!) / 2
            let y = (points.map(\.y).min()! + points.map(\.y).max()!) / 2
            let order = largest.indices.sorted { a, b in
                let da = abs(points[a].x - x) + abs(points[a].y - y)
                let db = abs(points[b].x - x) + abs(points[b].y - y)
                return da != db ? da < db : largest[a] < largest[b]
            }
            largest = order.map { largest[$0] }
        }
        return largest[0..<wanted].sorted().map { node in
            SiteCandidate(id: "node \(node.index)", location: graph.coordinate(of: node), node: node)
        }
    }
}

/// What the siting worker measured (one case).
struct SitingMeasurement: Codable {
    var nodes: Int
    var demandUnits: Int
    var existingFacilities: Int
    var description: String
    var totalResidents = 0.0
    var layouts: [LayoutMeasurement] = []
    var peakResidentBytes = 0
}

/// One layout of candidates: both problems.
struct LayoutMeasurement: Codable {
    var layout: SitingWorker.Layout
    var description: String
    var candidates: Int
    var maximalCovering: ProblemMeasurement?
    var pMedian: ProblemMeasurement?
}

/// One instance (built `runs` times) and its problem solved for each p.
struct ProblemMeasurement: Codable {
    var cutoff: Double
    /// Building the instance: snapping, the existing facilities' distances, one bounded search per candidate.
    var instanceSeconds: Runs
    var pairs: Int
    var solves: [SolveMeasurement] = []
}

/// One problem solved `runs` times (the same answer every time: the solvers are deterministic).
struct SolveMeasurement: Codable {
    var p: Int
    var seconds: Runs = []
    var valueBefore = 0.0
    var greedyValue = 0.0
    var valueAfter = 0.0
    var sites = 0
    var swaps = 0
    var passes = 0

    mutating func record(_ selection: SiteSelection) {
        valueBefore = selection.valueBefore
        greedyValue = selection.greedyValue
        valueAfter = selection.valueAfter
        sites = selection.sites.count
        swaps = selection.swaps
        passes = selection.passes
    }
}

extension Report {
    /// The site-selection section, when the run measured it.
    func siting(_ out: inout [String]) {
        let measured = run.cases.compactMap { c in c.siting.map { (c, $0) } }
        guard !measured.isEmpty else { return }
        out += ["## Site selection (issue 5, item 7)", ""]
        for (c, s) in measured {
            out += [
                "On the \(c.benchCase.label): \(count(s.nodes)) nodes, \(count(s.demandUnits)) demand units "
                    + "(\(count(Int(s.totalResidents))) residents), \(count(s.existingFacilities)) existing facilities. "
                    + "Workload: \(s.description). Candidates: "
                    + s.layouts.map { "_\($0.layout.rawValue)_, \($0.description)" }.joined(separator: "; ")
                    + ". Building an instance is `SitingInstance` (snapping, the existing facilities' distances, one "
                    + "bounded `ReachabilitySearch` per candidate on every core); solving is LocationAllocation's greedy "
                    + "with lazy evaluation (CELF), then interchange until no swap improves, on one core. Peak memory "
                    + "of the process \(megabytes(s.peakResidentBytes)).",
                "",
                "| candidates | problem | build the instance | candidate–demand pairs | p | solve | greedy | after interchange | swaps (passes) |",
                "|---|---|--:|--:|--:|--:|--:|--:|--:|",
            ]
            func people(_ v: Double) -> String { count(Int(v.rounded())) }
            func metres(_ v: Double) -> String { String(format: "%.1f m", v / max(s.totalResidents, 1)) }
            var runs: [String] = []
            for layout in s.layouts {
                for (problem, covering) in [(layout.maximalCovering, true), (layout.pMedian, false)] {
                    guard let problem else { continue }
                    let name = covering
                        ? "maximal covering, \(Int(problem.cutoff)) m" : "p-median, to \(Int(problem.cutoff)) m"
                    runs.append(
                        "\(layout.layout.rawValue) \(covering ? "max-cover" : "p-median") instance "
                            + problem.instanceSeconds.map { String(format: "%.3g", $0) }.joined(separator: ", "))
                    for solve in problem.solves {
                        let values = covering
                            ? ["\(people(solve.greedyValue - solve.valueBefore)) newly covered",
                               "\(people(solve.valueAfter - solve.valueBefore))"]
                            : ["mean walk \(metres(solve.greedyValue))",
                               "\(metres(solve.valueAfter)) (\(metres(solve.valueBefore)) before)"]
                        out.append(
                            "| \(layout.layout.rawValue) | \(name) | \(seconds(median(problem.instanceSeconds))) "
                                + "| \(count(problem.pairs)) | \(solve.p) | \(seconds(median(solve.seconds))) "
                                + "| \(values[0]) | \(values[1]) | \(solve.swaps) (\(solve.passes)) |")
                        runs.append(
                            "p = \(solve.p) " + solve.seconds.map { String(format: "%.3g", $0) }.joined(separator: ", "))
                    }
                }
            }
            out += ["", "Runs (seconds): " + runs.joined(separator: "; ") + ".", ""]
        }
    }
}
