import HeapModule

/// The part of an edge reachable within the bound, in metres from the edge's source node: a stretch from
/// the start, a stretch from the end, and (only where a source lies on the edge) stretches around it
/// that touch neither end. Isochrones cut the edge's polyline to ``ranges``
/// (``WalkGraph/polyline(of:from:to:)``).
public struct ReachableEdgePortion: Hashable, Sendable {
    public var edge: EdgeIndex
    /// The edge's length, metres.
    public var length: Double
    /// Metres reachable from the edge's start, `0...length` (0: none). Equal to `length` when the whole
    /// edge is reachable.
    public var fromStart: Double
    /// Metres reachable from the edge's end, `0...length` (0: none). Equal to `length` when the whole edge
    /// is reachable.
    public var fromEnd: Double
    /// Reachable stretches around a source on the edge that touch neither end, ascending and disjoint;
    /// empty for almost every edge.
    public var inner: [ClosedRange<Double>]

    /// The whole edge is reachable.
    public var isComplete: Bool { fromStart >= length }

    /// Every reachable stretch, ascending and disjoint, in `0...length`.
    public var ranges: [ClosedRange<Double>] {
        if isComplete { return [0...length] }
        var result: [ClosedRange<Double>] = []
        if fromStart > 0 { result.append(0...fromStart) }
        result += inner
        if fromEnd > 0 { result.append((length - fromEnd)...length) }
        return result
    }

    /// Reachable metres of the edge.
    public var reachableLength: Double { ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    /// Merges what reaches the edge: budgets left at its ends (negative: that end is not reached) and
    /// stretches around sources on it. Nil when nothing of positive length is reachable.
    init?(edge: EdgeIndex, length: Double, start: Double, end: Double, around sources: [ClosedRange<Double>]) {
        var fromStart = min(max(start, 0), length)
        var fromEnd = min(max(end, 0), length)
        var inner: [ClosedRange<Double>] = []
        if !sources.isEmpty {
            var merged: [ClosedRange<Double>] = []
            for range in sources.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if let last = merged.last, range.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
            }
            for range in merged {
                if range.lowerBound <= fromStart {
                    fromStart = max(fromStart, range.upperBound)
                } else if range.upperBound >= length - fromEnd {
                    fromEnd = max(fromEnd, length - range.lowerBound)
                } else if range.upperBound > range.lowerBound {
                    inner.append(range)
                }
            }
            // A stretch from the start may now reach stretches further on.
            while let first = inner.first, first.lowerBound <= fromStart {
                fromStart = max(fromStart, first.upperBound)
                inner.removeFirst()
            }
            while let last = inner.last, last.upperBound >= length - fromEnd {
                fromEnd = max(fromEnd, length - last.lowerBound)
                inner.removeLast()
            }
        }
        if fromStart + fromEnd >= length {
            fromStart = length
            fromEnd = length
            inner = []
        }
        guard fromStart > 0 || fromEnd > 0 || !inner.isEmpty else { return nil }
        self.edge = edge
        self.length = length
        self.fromStart = fromStart
        self.fromEnd = fromEnd
        self.inner = inner
    }
}

/// What a bounded search reaches: nodes with their distances (nearest first) and the reachable portions
/// of edges, partial ones included.
public struct Reachability: Sendable {
    public let maxDistance: Double
    public let nodes: [NodeIndex]
    /// Distances of ``nodes``, metres, ascending.
    public let distances: [Double]
    /// Reached edges by ascending index.
    public let edgePortions: [ReachableEdgePortion]
}

/// Bounded shortest paths from one place (or several at once, for a dissolved isochrone) to everything
/// within a walking distance. Keeps its buffers between runs and resets only what a run touched, so
/// thousands of small searches on a large graph stay cheap. One per task.
public final class ReachabilitySearch {
    public let graph: WalkGraph
    private var dist: [Double]
    private var edgeSlot: [Int32]
    private var touched: [Int32] = []
    private var heap = Heap<SearchLabel>()

    public init(graph: WalkGraph) {
        self.graph = graph
        dist = [Double](repeating: .infinity, count: graph.nodeCount)
        edgeSlot = [Int32](repeating: -1, count: graph.edgeCount)
    }

    /// Everything within `maxDistance` metres of a node.
    public func run(from node: NodeIndex, maxDistance: Double) throws(WalkNetworkError) -> Reachability {
        guard let point = graph.snappedPoint(at: node) else {
            throw .invalidArgument("\(node) is not in this network of \(graph.nodeCount) nodes")
        }
        return try run(from: [point], maxDistance: maxDistance)
    }

    /// Everything within `maxDistance` metres (legs included) of any of `sources`.
    public func run(from sources: [SnappedPoint], maxDistance: Double) throws(WalkNetworkError) -> Reachability {
        try checkedBound(maxDistance)
        let sources = try graph.validated(sources, role: "source")
        var heap = self.heap
        self.heap = Heap()
        func seed(_ u: Int, _ d: Double) {
            guard d <= maxDistance, d < dist[u] else { return }
            if dist[u] == .infinity { touched.append(Int32(u)) }
            dist[u] = d
            heap.insert(SearchLabel(distance: d, source: 0, node: Int32(u)))
        }
        for point in sources {
            let e = point.edge.index
            seed(Int(graph.edgeSources[e]), point.leg + point.offset)
            seed(Int(graph.edgeTargets[e]), point.leg + graph.edgeLengths[e] - point.offset)
        }
        var settledNodes: [NodeIndex] = []
        var settledDistances: [Double] = []
        while let top = heap.popMin() {
            let u = Int(top.node)
            guard top.distance == dist[u] else { continue }
            settledNodes.append(NodeIndex(u))
            settledDistances.append(top.distance)
            for i in Int(graph.arcOffsets[u])..<Int(graph.arcOffsets[u + 1]) {
                let arc = graph.arcs[i]
                let d = top.distance + Double(arc.length)
                let v = Int(arc.node)
                if d <= maxDistance, d < dist[v] {
                    if dist[v] == .infinity { touched.append(Int32(v)) }
                    dist[v] = d
                    heap.insert(SearchLabel(distance: d, source: 0, node: Int32(v)))
                }
            }
        }
        self.heap = heap

        // Edge portions: from each reached end, the remaining budget; around each source, its own.
        var startReach: [Double] = []
        var endReach: [Double] = []
        var inner: [[ClosedRange<Double>]] = []
        var edges: [Int32] = []
        func slot(_ e: Int) -> Int {
            if edgeSlot[e] < 0 {
                edgeSlot[e] = Int32(edges.count)
                edges.append(Int32(e))
                startReach.append(-1)
                endReach.append(-1)
                inner.append([])
            }
            return Int(edgeSlot[e])
        }
        // In node order, which is spatial, so that edge look-ups stay near each other in memory.
        for u in settledNodes.sorted() {
            let budget = maxDistance - dist[u.index]
            for i in Int(graph.arcOffsets[u.index])..<Int(graph.arcOffsets[u.index + 1]) {
                let e = Int(graph.arcEdges[i])
                let reach = min(budget, graph.edgeLengths[e])
                let s = slot(e)
                if Int(graph.edgeSources[e]) == u.index { startReach[s] = max(startReach[s], reach) }
                if Int(graph.edgeTargets[e]) == u.index { endReach[s] = max(endReach[s], reach) }
            }
        }
        for point in sources where point.leg <= maxDistance {
            let e = point.edge.index
            let budget = maxDistance - point.leg
            let length = graph.edgeLengths[e]
            inner[slot(e)].append(max(0, point.offset - budget)...min(length, point.offset + budget))
        }
        var portions: [ReachableEdgePortion] = []
        for (s, e) in edges.enumerated() {
            if let portion = ReachableEdgePortion(
                edge: EdgeIndex(rawValue: e), length: graph.edgeLengths[Int(e)], start: startReach[s],
                end: endReach[s], around: inner[s])
            {
                portions.append(portion)
            }
            edgeSlot[Int(e)] = -1
        }
        portions.sort { $0.edge < $1.edge }

        for u in touched { dist[Int(u)] = .infinity }
        touched.removeAll(keepingCapacity: true)
        return Reachability(
            maxDistance: maxDistance, nodes: settledNodes, distances: settledDistances, edgePortions: portions)
    }
}

@available(*, unavailable)
extension ReachabilitySearch: Sendable {}
