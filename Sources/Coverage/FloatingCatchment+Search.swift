import Dispatch
import Foundation
import Synchronization
import WalkNetwork

extension FloatingCatchment {
    /// For each facility, the demand places within the catchment and their walking distances, by demand
    /// index. One bounded search per facility; as many workers as cores, each with its own search and
    /// buffers, take facilities in turn. Unsnapped facilities reach nothing; unsnapped places are never
    /// reached.
    ///
    /// A place on edge (u, v), `offset` from u with leg `l`, is `d(u) + offset + l` or
    /// `d(v) + length − offset + l` away; a facility on the same edge also reaches it directly
    /// (`|offset − offset'|` plus both legs), as ``NearestFacilityResult`` reads targets.
    func catchments(
        from supply: [SnappedPoint?], to demand: [SnappedPoint?],
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    ) throws -> [[Reach]] {
        let index = try DemandByNode(graph: graph, demand: demand)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, supply.count))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let found = Mutex([[Reach]](repeating: [], count: supply.count))
        let failure = Mutex<WalkNetworkError?>(nil)
        let catchment = catchment
        let graph = graph
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let search = ReachabilitySearch(graph: graph)
            var best = [Double](repeating: .infinity, count: demand.count)
            var touched: [Int32] = []
            while failure.withLock({ $0 == nil }) {
                let j = next.add(1, ordering: .relaxed).oldValue
                guard j < supply.count else { break }
                if let source = supply[j] {
                    let reach: Reachability
                    do throws(WalkNetworkError) {
                        reach = try search.run(from: [source], maxDistance: catchment)
                    } catch {
                        failure.withLock { $0 = $0 ?? error }
                        break
                    }
                    func offer(_ i: Int32, _ distance: Double) {
                        guard distance <= catchment, distance < best[Int(i)] else { return }
                        if best[Int(i)] == .infinity { touched.append(i) }
                        best[Int(i)] = distance
                    }
                    for (node, distance) in zip(reach.nodes, reach.distances) {
                        for k in index.entries(at: node) { offer(index.demand[k], distance + index.remaining[k]) }
                    }
                    for place in index.places(on: source.edge) {
                        offer(place.demand, source.leg + abs(source.offset - place.offset) + place.leg)
                    }
                    touched.sort()
                    let reached = touched.map { Reach(demand: Int($0), distance: best[Int($0)]) }
                    for i in touched { best[Int(i)] = .infinity }
                    touched.removeAll(keepingCapacity: true)
                    found.withLock { $0[j] = reached }
                }
                let finished = done.add(1, ordering: .relaxed).newValue
                if let progress, finished % 256 == 0 || finished == supply.count { progress(finished, supply.count) }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return found.withLock { $0 }
    }
}

/// Snapped demand places listed at both ends of their edge, with the walk left from that end (along the
/// edge, then the leg), so a search reads the places near each node it settles; and by edge, for
/// facilities on a place's own edge.
private struct DemandByNode {
    /// Node `n`'s entries are `offsets[n]..<offsets[n + 1]`.
    let offsets: [Int32]
    let demand: [Int32]
    /// Metres from the node to the place: along the edge, then the leg.
    let remaining: [Double]
    /// Snapped places sorted by (edge, index), for places on a facility's own edge.
    let byEdge: [Place]

    struct Place {
        var edge: Int32
        var demand: Int32
        var offset: Double
        var leg: Double
    }

    /// `points` lie on the graph's edges (``FloatingCatchment`` checks them first).
    init(graph: WalkGraph, demand points: [SnappedPoint?]) throws(WalkNetworkError) {
        guard points.count < Int(Int32.max) else { throw .tooLarge("\(points.count) demand places") }
        var counts = [Int32](repeating: 0, count: graph.nodeCount + 1)
        var placed: [(u: Int, v: Int, toU: Double, toV: Double, index: Int32)] = []
        var byEdge: [Place] = []
        for (i, point) in points.enumerated() {
            guard let point else { continue }
            let (u, v) = graph.endpoints(of: point.edge)
            let length = graph.length(of: point.edge)
            placed.append((u.index, v.index, point.offset + point.leg, length - point.offset + point.leg, Int32(i)))
            byEdge.append(Place(edge: point.edge.rawValue, demand: Int32(i), offset: point.offset, leg: point.leg))
            counts[u.index + 1] += 1
            counts[v.index + 1] += 1
        }
        for n in 0..<graph.nodeCount { counts[n + 1] += counts[n] }
        var next = counts
        var demand = [Int32](repeating: 0, count: Int(counts[graph.nodeCount]))
        var remaining = [Double](repeating: 0, count: demand.count)
        for place in placed {
            for (node, metres) in [(place.u, place.toU), (place.v, place.toV)] {
                let slot = Int(next[node])
                demand[slot] = place.index
                remaining[slot] = metres
                next[node] += 1
            }
        }
        offsets = counts
        self.demand = demand
        self.remaining = remaining
        self.byEdge = byEdge.sorted { ($0.edge, $0.demand) < ($1.edge, $1.demand) }
    }

    func entries(at node: NodeIndex) -> Range<Int> {
        Int(offsets[node.index])..<Int(offsets[node.index + 1])
    }

    /// The places on `edge`, by index.
    func places(on edge: EdgeIndex) -> ArraySlice<Place> {
        var low = 0
        var high = byEdge.count
        while low < high {
            let mid = (low + high) / 2
            if byEdge[mid].edge < edge.rawValue { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < byEdge.count, byEdge[end].edge == edge.rawValue { end += 1 }
        return byEdge[low..<end]
    }
}
