import HeapModule

/// Multi-source bounded shortest paths: for every node, the k nearest distinct sources (facilities) within
/// a walking distance; then, for snapped targets (demand), the nearest and k-th nearest source.
///
/// - A source on edge (u, v), `offset` from u with leg `s`, seeds u at `s + offset` and v at
///   `s + length − offset`. A target on (u, v) gets `min(d(u) + offset, d(v) + length − offset)` plus its
///   own leg; a source on the target's own edge is also reached directly (`|offset − offset'|` + legs).
/// - k = 1 is a plain multi-source Dijkstra over flat arrays. k > 1 is a k-label Dijkstra (each node keeps
///   at most k labels from distinct sources, as pandana's nearest POIs do): a label is propagated only
///   while it is among the k best at its node.
/// - Ties go to the lower source index, so results are the same from run to run.
///
/// One search object per task (it keeps its heap between runs); the graph and the results are `Sendable`.
/// ``distances(in:from:to:maxDistance:k:)`` runs several kinds concurrently.
public final class NearestFacilitySearch {
    public let graph: WalkGraph
    private var heap = Heap<SearchLabel>()
    private var settled = BitSet()
    /// Receives the early reads of the search loops, so that the compiler keeps them.
    private var sink: Float = 0

    public init(graph: WalkGraph) {
        self.graph = graph
    }

    /// Runs the search from `sources`. `maxDistance` bounds it (metres, `.infinity` for none); `k` ≥ 1.
    public func run(sources: [SnappedPoint], maxDistance: Double, k: Int = 1) throws(WalkNetworkError)
        -> NearestFacilityResult
    {
        try checkedBound(maxDistance)
        guard k >= 1, k <= 255 else { throw .invalidArgument("k must be between 1 and 255, not \(k)") }
        guard sources.count < Int(Int32.max) else { throw .tooLarge("\(sources.count) sources") }
        let sources = try graph.validated(sources, role: "source")
        let labels = k == 1 ? runNearest(sources, maxDistance) : runKNearest(sources, maxDistance, k)
        return NearestFacilityResult(
            graph: graph, maxDistance: maxDistance, sources: sources, nodes: labels)
    }

    /// Seeds `u` and `v` of each source's edge.
    private func forEachSeed(_ sources: [SnappedPoint], _ maxDistance: Double, _ body: (Int, Double, Int32) -> Void) {
        for (i, point) in sources.enumerated() {
            let e = point.edge.index
            let length = graph.edgeLengths[e]
            let toSource = point.leg + point.offset
            let toTarget = point.leg + (length - point.offset)
            if toSource <= maxDistance { body(Int(graph.edgeSources[e]), toSource, Int32(i)) }
            if toTarget <= maxDistance { body(Int(graph.edgeTargets[e]), toTarget, Int32(i)) }
        }
    }

    // MARK: k = 1

    private func runNearest(_ sources: [SnappedPoint], _ maxDistance: Double) -> NearestSources {
        var labels = HugePages.array(repeating: SourceLabel.none, count: graph.nodeCount)
        // Settled nodes, one bit each: small enough to stay in cache, so stale heap entries and settled
        // neighbours cost no look-up of their labels.
        settled.reset(count: graph.nodeCount)
        var heap = self.heap
        self.heap = Heap()
        labels.withUnsafeMutableBufferPointer { labels in
            forEachSeed(sources, maxDistance) { u, d, s in
                if precedes(d, s, labels[u].distance, labels[u].source) {
                    labels[u] = SourceLabel(distance: d, source: s)
                    heap.insert(SearchLabel(distance: d, source: s, node: Int32(u)))
                }
            }
            graph.arcOffsets.withUnsafeBufferPointer { offsets in
                graph.arcs.withUnsafeBufferPointer { arcs in
                    settled.words.withUnsafeMutableBufferPointer { settled in
                        // Entries come out in (distance, source) order, so a node's first entry is its label.
                        var touched: Float = 0
                        while let top = heap.popMin() {
                            let u = Int(top.node)
                            let bit = UInt64(1) << UInt64(u & 63)
                            if settled[u >> 6] & bit != 0 { continue }
                            settled[u >> 6] |= bit
                            // Start reading the next node's arcs now: that cache miss then overlaps with this
                            // node's work instead of following it (about a third faster on a 1M-node grid).
                            // The sum only keeps the compiler from dropping the read.
                            if let next = heap.min { touched += arcs[Int(offsets[Int(next.node)])].length }
                            for i in Int(offsets[u])..<Int(offsets[u + 1]) {
                                let arc = arcs[i]
                                let v = Int(arc.node)
                                if settled[v >> 6] & (UInt64(1) << UInt64(v & 63)) != 0 { continue }
                                let d = top.distance + Double(arc.length)
                                if d > maxDistance { continue }
                                let known = labels[v]
                                if d < known.distance || (d == known.distance && top.source < known.source) {
                                    labels[v] = SourceLabel(distance: d, source: top.source)
                                    heap.insert(SearchLabel(distance: d, source: top.source, node: arc.node))
                                }
                            }
                        }
                        sink = touched
                    }
                }
            }
        }
        self.heap = heap
        return NearestSources(k: 1, labels: labels)
    }

    // MARK: k > 1

    private func runKNearest(_ sources: [SnappedPoint], _ maxDistance: Double, _ k: Int) -> NearestSources {
        let n = graph.nodeCount
        var labels = HugePages.array(repeating: SourceLabel.none, count: n * k)
        // How many of each node's labels are final; a node with k is done, and nothing it is offered
        // (never better than what was settled before) needs a look at its labels.
        var settledCount = [UInt8](repeating: 0, count: n)
        let full = UInt8(k)
        var heap = self.heap
        self.heap = Heap()
        labels.withUnsafeMutableBufferPointer { labels in
            forEachSeed(sources, maxDistance) { u, d, s in
                if Self.offer(d, s, at: u * k, k, labels) {
                    heap.insert(SearchLabel(distance: d, source: s, node: Int32(u)))
                }
            }
            graph.arcOffsets.withUnsafeBufferPointer { offsets in
                graph.arcs.withUnsafeBufferPointer { arcs in
                    settledCount.withUnsafeMutableBufferPointer { settledCount in
                        var touched: Float = 0
                        while let top = heap.popMin() {
                            let u = Int(top.node)
                            if settledCount[u] == full { continue }
                            // As in the k = 1 loop: read the next node's arcs early.
                            if let next = heap.min { touched += arcs[Int(offsets[Int(next.node)])].length }
                            // Stale unless the node still holds this exact label, unsettled.
                            var current = false
                            for j in (u * k)..<(u * k + k) where labels[j].source == top.source {
                                if labels[j].distance == top.distance, !labels[j].settled {
                                    labels[j].settled = true
                                    current = true
                                }
                                break
                            }
                            guard current else { continue }
                            settledCount[u] += 1
                            for i in Int(offsets[u])..<Int(offsets[u + 1]) {
                                let arc = arcs[i]
                                let v = Int(arc.node)
                                if settledCount[v] == full { continue }
                                let d = top.distance + Double(arc.length)
                                if d > maxDistance { continue }
                                if Self.offer(d, top.source, at: v * k, k, labels) {
                                    heap.insert(SearchLabel(distance: d, source: top.source, node: arc.node))
                                }
                            }
                        }
                        sink = touched
                    }
                }
            }
            // Each node's labels, nearest first; slots fill from the front, so empty ones stay last.
            for u in 0..<n {
                let base = u * k
                for a in 1..<k {
                    let label = labels[base + a]
                    if label.source < 0 { break }
                    var b = a
                    while b > 0,
                        precedes(
                            label.distance, label.source, labels[base + b - 1].distance, labels[base + b - 1].source)
                    {
                        labels[base + b] = labels[base + b - 1]
                        b -= 1
                    }
                    labels[base + b] = label
                }
            }
        }
        self.heap = heap
        return NearestSources(k: k, labels: labels)
    }

    /// Offers label (d, s) to the k slots at `base`: improves s's own label, fills an empty slot, or
    /// replaces the worst label if (d, s) precedes it. Returns whether the slots changed.
    @inline(__always)
    private static func offer(
        _ d: Double, _ s: Int32, at base: Int, _ k: Int, _ labels: UnsafeMutableBufferPointer<SourceLabel>
    ) -> Bool {
        var worst = -1
        for j in base..<(base + k) {
            let label = labels[j]
            if label.source == s {
                guard d < label.distance else { return false }
                labels[j].distance = d
                return true
            }
            if label.source < 0 {
                // Slots fill from the front and never empty, so s is not further on.
                labels[j] = SourceLabel(distance: d, source: s)
                return true
            }
            if worst < 0 || precedes(labels[worst].distance, labels[worst].source, label.distance, label.source) {
                worst = j
            }
        }
        guard precedes(d, s, labels[worst].distance, labels[worst].source) else { return false }
        labels[worst] = SourceLabel(distance: d, source: s)
        return true
    }
}

@available(*, unavailable)
extension NearestFacilitySearch: Sendable {}

/// The outcome of ``NearestFacilitySearch/run(sources:maxDistance:k:)``: labels per node, and the means to
/// read distances at snapped targets.
public struct NearestFacilityResult: Sendable {
    public let graph: WalkGraph
    public let maxDistance: Double
    /// The sources as searched (offsets clamped onto their edges).
    public let sources: [SnappedPoint]
    /// Per node (by ``NodeIndex``), the k nearest sources.
    public let nodes: NearestSources
    public var k: Int { nodes.k }
    /// Sources by edge, for targets on a source's own edge: edge indexes ascending, and the sources.
    private let sourceEdges: [Int32]
    private let sourcesByEdge: [Int32]

    init(graph: WalkGraph, maxDistance: Double, sources: [SnappedPoint], nodes: NearestSources) {
        self.graph = graph
        self.maxDistance = maxDistance
        self.sources = sources
        self.nodes = nodes
        let order = sources.indices.sorted { (sources[$0].edge, $0) < (sources[$1].edge, $1) }
        sourceEdges = order.map { sources[$0].edge.rawValue }
        sourcesByEdge = order.map { Int32($0) }
    }

    /// The k nearest sources of each node, nearest first.
    public func sources(of node: NodeIndex) -> [SourceDistance] { nodes.sources(of: node.index) }

    /// The nearest and k nearest sources of each target, within the bound (its leg included).
    public func distances(to targets: [SnappedPoint]) throws(WalkNetworkError) -> NearestSources {
        try distances(to: targets.map { Optional($0) })
    }

    /// As ``distances(to:)-([SnappedPoint])``, with nil for targets that could not be snapped: they get no
    /// sources, and the result stays aligned with the list.
    public func distances(to targets: [SnappedPoint?]) throws(WalkNetworkError) -> NearestSources {
        try distances(to: targets, order: TargetOrder(targets, in: graph))
    }

    /// As ``distances(to:)-([SnappedPoint?])``, reading the targets in `order` (made once for several
    /// searches over the same targets).
    func distances(to targets: [SnappedPoint?], order: TargetOrder) throws(WalkNetworkError) -> NearestSources {
        let order = order.keys
        let k = nodes.k
        var output = [SourceLabel](repeating: .none, count: targets.count * k)
        var candidates: [SourceLabel] = []
        var firstProblem: (index: Int, error: WalkNetworkError)?
        let labels = nodes.labels
        for key in order {
            let t = Int(key & 0xFFFF_FFFF)
            guard var target = targets[t] else { continue }
            do {
                try graph.validate(target, role: "target", index: t, into: &target)
            } catch {
                if firstProblem.map({ t < $0.index }) ?? true { firstProblem = (t, error) }
                continue
            }
            let e = target.edge.index
            let u = Int(graph.edgeSources[e])
            let v = Int(graph.edgeTargets[e])
            let viaSource = target.offset
            let viaTarget = graph.edgeLengths[e] - target.offset
            let direct = directSources(on: target.edge.rawValue)
            if k == 1 {
                var best = SourceLabel.none
                func consider(_ d: Double, _ s: Int32) {
                    if s >= 0, precedes(d, s, best.distance, best.source) { best = SourceLabel(distance: d, source: s) }
                }
                consider(labels[u].distance + viaSource, labels[u].source)
                consider(labels[v].distance + viaTarget, labels[v].source)
                for slot in direct {
                    let s = sourcesByEdge[slot]
                    let source = sources[Int(s)]
                    consider(source.leg + abs(source.offset - target.offset), s)
                }
                let total = best.distance + target.leg
                if best.source >= 0, total <= maxDistance {
                    output[t] = SourceLabel(distance: total, source: best.source)
                }
                continue
            }
            candidates.removeAll(keepingCapacity: true)
            func consider(_ d: Double, _ s: Int32) {
                guard s >= 0 else { return }
                if let j = candidates.firstIndex(where: { $0.source == s }) {
                    if d < candidates[j].distance { candidates[j].distance = d }
                } else {
                    candidates.append(SourceLabel(distance: d, source: s))
                }
            }
            for j in 0..<k {
                consider(labels[u * k + j].distance + viaSource, labels[u * k + j].source)
                consider(labels[v * k + j].distance + viaTarget, labels[v * k + j].source)
            }
            for slot in direct {
                let s = sourcesByEdge[slot]
                let source = sources[Int(s)]
                consider(source.leg + abs(source.offset - target.offset), s)
            }
            candidates.sort { precedes($0.distance, $0.source, $1.distance, $1.source) }
            var rank = 0
            for candidate in candidates where rank < k {
                let total = candidate.distance + target.leg
                guard total <= maxDistance else { break }
                output[t * k + rank] = SourceLabel(distance: total, source: candidate.source)
                rank += 1
            }
        }
        if let firstProblem { throw firstProblem.error }
        return NearestSources(k: k, labels: output)
    }

    /// The slots of `sourcesByEdge` whose sources lie on `edge`.
    private func directSources(on edge: Int32) -> Range<Int> {
        var low = 0
        var high = sourceEdges.count
        while low < high {
            let mid = (low + high) / 2
            if sourceEdges[mid] < edge { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < sourceEdges.count, sourceEdges[end] == edge { end += 1 }
        return low..<end
    }
}

extension NearestFacilitySearch {
    /// Nearest-facility distances for several kinds at once: one search per source set, all running
    /// concurrently (``SearchThreads``: 3 kinds on 2 cores end together), each then read at `targets`.
    /// Results are in the order of `sourceSets`.
    public static func distances(
        in graph: WalkGraph, from sourceSets: [[SnappedPoint]], to targets: [SnappedPoint?],
        maxDistance: Double, k: Int = 1
    ) throws(WalkNetworkError) -> [NearestSources] {
        let order = try TargetOrder(targets, in: graph)
        let outcomes = SearchThreads.run(sourceSets.count) { i in
            Result { () throws(WalkNetworkError) in
                try NearestFacilitySearch(graph: graph)
                    .run(sources: sourceSets[i], maxDistance: maxDistance, k: k)
                    .distances(to: targets, order: order)
            }
        }
        var results: [NearestSources] = []
        for outcome in outcomes { results.append(try outcome.get()) }
        return results
    }
}
