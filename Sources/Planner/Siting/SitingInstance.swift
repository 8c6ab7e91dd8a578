import Dispatch
import Foundation
public import GeoCore
public import LocationAllocation
public import WalkNetwork

/// A location-allocation problem read off the walking network: demand units and candidate sites snapped
/// to it, the walking distance from every candidate to every unit within the cut-off, and every unit's
/// distance to the nearest existing facility. The solvers of LocationAllocation take it from here.
///
/// Distances are measured as `lifecircle coverage` measures them: from the candidate's place on the network
/// (its snap leg counts as walking) along the streets to the unit's snapped place, plus the unit's own leg,
/// the shorter way round its edge, or straight along the edge when both are on the same one. Demand and
/// candidates that cannot be snapped reach nobody and are listed; they are never dropped.
public struct SitingInstance: Sendable {
    public let candidates: [SiteCandidate]
    /// Where each candidate is on the network; nil when it is too far from it.
    public let candidateSnaps: [SnappedPoint?]
    /// Where each demand unit is on the network; nil when it is too far from it.
    public let demandSnaps: [SnappedPoint?]
    /// Per unit, metres to the nearest existing facility, `.infinity` beyond the cut-off or unsnapped.
    public let existingDistances: [Double]
    /// The existing facilities that could not be snapped, by index in the list given.
    public let unsnappedExisting: [Int]
    /// Candidate × demand distances within ``cutoff``.
    public let reach: CandidateReach
    /// How far the searches walked, metres.
    public let cutoff: Double

    /// Snaps everything (within `maxSnapDistance` of the largest connected part) and walks from every
    /// candidate as far as `cutoff`, on every core. `progress` hears (candidates done, candidates) now and
    /// then, from any thread.
    public init(
        graph: WalkGraph, demand: [Coordinate], candidates: [SiteCandidate], existing: [Coordinate], cutoff: Double,
        maxSnapDistance: Double, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws {
        guard cutoff.isFinite, cutoff >= 0 else {
            throw WalkNetworkError.invalidArgument("the walking distance must be zero or more metres, not \(cutoff)")
        }
        let snapper = try Snapper(graph: graph, maxDistance: maxSnapDistance)
        let demandSnaps = try snapper.snap(demand).map(\.snappedPoint)
        let free = candidates.indices.filter { candidates[$0].node == nil }
        let freeSnaps = try snapper.snap(free.map { candidates[$0].location }).map(\.snappedPoint)
        var candidateSnaps = candidates.map { $0.node.flatMap(graph.snappedPoint(at:)) }
        for (slot, index) in free.enumerated() { candidateSnaps[index] = freeSnaps[slot] }
        let existingSnaps = try snapper.snap(existing).map(\.snappedPoint)

        var existingDistances = [Double](repeating: .infinity, count: demand.count)
        let sources = existingSnaps.compactMap { $0 }
        if !sources.isEmpty {
            let nearest = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: cutoff)
                .distances(to: demandSnaps)
            for unit in demand.indices { existingDistances[unit] = nearest.nearest(unit)?.distance ?? .infinity }
        }

        let rows = try ReachRows(graph: graph, demandSnaps: demandSnaps, cutoff: cutoff)
            .rows(from: candidateSnaps, progress: progress)
        self.candidates = candidates
        self.candidateSnaps = candidateSnaps
        self.demandSnaps = demandSnaps
        self.existingDistances = existingDistances
        unsnappedExisting = existing.indices.filter { existingSnaps[$0] == nil }
        reach = try CandidateReach(demandCount: demand.count, rows: rows)
        self.cutoff = cutoff
    }

    /// The candidates that could not be snapped, by index.
    public var unsnappedCandidates: [Int] { candidates.indices.filter { candidateSnaps[$0] == nil } }
    /// The demand units that could not be snapped, by index.
    public var unsnappedDemand: [Int] { demandSnaps.indices.filter { demandSnaps[$0] == nil } }
}

/// The rows of the candidate × demand matrix: one bounded search (``ReachabilitySearch``) per candidate,
/// read at the demand units on the edges it reaches.
private struct ReachRows: Sendable {
    let graph: WalkGraph
    let demandSnaps: [SnappedPoint?]
    let cutoff: Double
    /// The edges holding demand: `slotOfEdge[e]` (−1: none), the units of slot `s` at
    /// `slotUnits[slotOffsets[s]..<slotOffsets[s + 1]]`, and the slot's edge.
    let slotOfEdge: [Int32]
    let slotOffsets: [Int]
    let slotUnits: [Int32]
    let slotEdges: [Int32]
    /// The slots of the edges at each node: `nodeSlots[nodeOffsets[u]..<nodeOffsets[u + 1]]`.
    let nodeOffsets: [Int]
    let nodeSlots: [Int32]

    init(graph: WalkGraph, demandSnaps: [SnappedPoint?], cutoff: Double) throws {
        self.graph = graph
        self.demandSnaps = demandSnaps
        self.cutoff = cutoff
        // Units grouped by edge (edge order, then unit order).
        let placed = demandSnaps.indices.compactMap { unit in demandSnaps[unit].map { (edge: $0.edge.rawValue, unit: unit) } }
            .sorted { ($0.edge, $0.unit) < ($1.edge, $1.unit) }
        var slotOfEdge = [Int32](repeating: -1, count: graph.edgeCount)
        var slotOffsets = [0]
        var slotUnits: [Int32] = []
        var slotEdges: [Int32] = []
        for entry in placed {
            if slotEdges.last != entry.edge {
                if !slotEdges.isEmpty { slotOffsets.append(slotUnits.count) }
                slotOfEdge[Int(entry.edge)] = Int32(slotEdges.count)
                slotEdges.append(entry.edge)
            }
            slotUnits.append(Int32(entry.unit))
        }
        slotOffsets.append(slotUnits.count)
        if slotEdges.isEmpty { slotOffsets = [0] }
        var nodeCounts = [Int](repeating: 0, count: graph.nodeCount + 1)
        for edge in slotEdges {
            let (source, target) = graph.endpoints(of: EdgeIndex(rawValue: edge))
            nodeCounts[source.index + 1] += 1
            if target != source { nodeCounts[target.index + 1] += 1 }
        }
        for node in 0..<graph.nodeCount { nodeCounts[node + 1] += nodeCounts[node] }
        var next = Array(nodeCounts.dropLast())
        var nodeSlots = [Int32](repeating: 0, count: nodeCounts[graph.nodeCount])
        for (slot, edge) in slotEdges.enumerated() {
            let (source, target) = graph.endpoints(of: EdgeIndex(rawValue: edge))
            nodeSlots[next[source.index]] = Int32(slot)
            next[source.index] += 1
            if target != source {
                nodeSlots[next[target.index]] = Int32(slot)
                next[target.index] += 1
            }
        }
        self.slotOfEdge = slotOfEdge
        self.slotOffsets = slotOffsets
        self.slotUnits = slotUnits
        self.slotEdges = slotEdges
        nodeOffsets = nodeCounts
        self.nodeSlots = nodeSlots
    }

    /// One row per candidate (empty for an unsnapped one), units ascending; chunks of candidates run on
    /// every core, each with its own search and scratch arrays.
    func rows(
        from candidates: [SnappedPoint?], progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [[(demand: Int, distance: Double)]] {
        // A few chunks per core: each makes its own search (arrays the size of the graph), and the
        // chunks still balance the cores.
        let chunkSize = max(16, (candidates.count + 8 * ProcessInfo.processInfo.activeProcessorCount - 1)
            / (8 * ProcessInfo.processInfo.activeProcessorCount))
        let chunks = (candidates.count + chunkSize - 1) / chunkSize
        let results = ChunkResults(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * chunkSize)..<min(candidates.count, (chunk + 1) * chunkSize)
            results.set(chunk) {
                var worker = Worker(rows: self)
                return try worker.rows(for: candidates[range])
            }
            progress(results.finished(range.count), candidates.count)
        }
        return try results.collect()
    }

    /// One task's search and scratch arrays (reset after each candidate, only where touched).
    private struct Worker {
        let rows: ReachRows
        let search: ReachabilitySearch
        var nodeDistance: [Double]
        var unitDistance: [Double]
        var touched: [Int32] = []

        init(rows: ReachRows) {
            self.rows = rows
            search = ReachabilitySearch(graph: rows.graph)
            nodeDistance = [Double](repeating: .infinity, count: rows.graph.nodeCount)
            unitDistance = [Double](repeating: .infinity, count: rows.demandSnaps.count)
        }

        mutating func rows(for candidates: ArraySlice<SnappedPoint?>) throws -> [[(demand: Int, distance: Double)]] {
            try candidates.map { candidate in
                guard let candidate else { return [] }
                return try row(from: candidate)
            }
        }

        private mutating func offer(_ unit: Int32, _ distance: Double) {
            let total = distance + (rows.demandSnaps[Int(unit)]?.leg ?? .infinity)
            guard total <= rows.cutoff, total < unitDistance[Int(unit)] else { return }
            if unitDistance[Int(unit)] == .infinity { touched.append(unit) }
            unitDistance[Int(unit)] = total
        }

        private mutating func row(from candidate: SnappedPoint) throws -> [(demand: Int, distance: Double)] {
            let reached = try search.run(from: [candidate], maxDistance: rows.cutoff)
            let graph = rows.graph
            for (node, distance) in zip(reached.nodes, reached.distances) { nodeDistance[node.index] = distance }
            for node in reached.nodes {
                for slot in rows.nodeSlots[rows.nodeOffsets[node.index]..<rows.nodeOffsets[node.index + 1]] {
                    let edge = EdgeIndex(rawValue: rows.slotEdges[Int(slot)])
                    let (source, target) = graph.endpoints(of: edge)
                    let length = graph.length(of: edge)
                    for unit in rows.slotUnits[rows.slotOffsets[Int(slot)]..<rows.slotOffsets[Int(slot) + 1]] {
                        let offset = rows.demandSnaps[Int(unit)]?.offset ?? 0
                        offer(unit, min(nodeDistance[source.index] + offset, nodeDistance[target.index] + length - offset))
                    }
                }
            }
            // Units on the candidate's own edge, straight along it.
            let own = Int(rows.slotOfEdge[candidate.edge.index])
            if own >= 0 {
                for unit in rows.slotUnits[rows.slotOffsets[own]..<rows.slotOffsets[own + 1]] {
                    let offset = rows.demandSnaps[Int(unit)]?.offset ?? 0
                    offer(unit, candidate.leg + abs(candidate.offset - offset))
                }
            }
            touched.sort()
            let row = touched.map { (demand: Int($0), distance: unitDistance[Int($0)]) }
            for unit in touched { unitDistance[Int(unit)] = .infinity }
            touched.removeAll(keepingCapacity: true)
            for node in reached.nodes { nodeDistance[node.index] = .infinity }
            return row
        }
    }
}

/// Rows computed by concurrent tasks, one chunk each, collected once all are done.
private final class ChunkResults: @unchecked Sendable {
    private var results: [Result<[[(demand: Int, distance: Double)]], any Error>?]
    private var done = 0
    private let lock = DispatchQueue(label: "siting.rows")

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ chunk: Int, _ body: () throws -> [[(demand: Int, distance: Double)]]) {
        let result = Result { try body() }
        lock.sync { results[chunk] = result }
    }

    /// Counts `count` more candidates done; returns the total so far.
    func finished(_ count: Int) -> Int { lock.sync { done += count; return done } }

    func collect() throws -> [[(demand: Int, distance: Double)]] {
        var rows: [[(demand: Int, distance: Double)]] = []
        for result in lock.sync(execute: { results }) {
            guard let result else { continue }
            rows += try result.get()
        }
        return rows
    }
}
