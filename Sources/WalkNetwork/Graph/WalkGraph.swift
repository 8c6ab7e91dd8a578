public import GeoCore
public import Projection

/// The walking network: an undirected graph in compressed sparse row (CSR) form, immutable once built
/// and safe to share between tasks.
///
/// - Nodes are way ends and places shared by two or more ways (intersections); ``NodeIndex`` is dense.
///   Each has its longitude/latitude (EPSG:4326), its position in ``metricCRS`` (projected once, for
///   snapping) and, when the source had one, its external (OSM) node id.
/// - Edges run between two nodes along a polyline (the way's vertices in between are kept, so isochrones
///   can cut edges part-way). Their length is the geodesic length of that polyline in metres.
///   ``EdgeIndex`` is dense; the external way id is kept aside.
/// - Both directions of every edge are in the adjacency (a self-loop appears once at its node).
/// - Connected components are numbered by size, 0 being the largest (``components``).
///
/// Build one with ``NetworkBuilder``, save and reload it with ``write(to:)`` and ``init(contentsOf:)``.
public final class WalkGraph: Sendable {
    /// Longitude/latitude of every node, by ``NodeIndex``.
    public let nodeCoordinates: [Coordinate]
    /// Position of every node in ``metricCRS`` (metres), by ``NodeIndex``.
    public let nodeMetricCoordinates: [Coordinate]
    /// External node ids, ``WalkGraph/noExternalID`` where the source had none.
    let nodeExternalIDs: [Int64]
    /// The component of every node (0 = largest).
    let nodeComponents: [Int32]

    let edgeSources: [Int32]
    let edgeTargets: [Int32]
    /// Length of every edge in metres, by ``EdgeIndex``.
    public let edgeLengths: [Double]
    let edgeWayIDs: [Int64]
    /// Each edge's street name as an index into ``streetNames`` (-1: none); empty when no way had a name.
    let edgeNames: [Int32]
    /// The distinct street names (OSM `name` tags) of the ways, in the order first met.
    public let streetNames: [String]
    /// Edge `e`'s interior vertices are `interior…[interiorOffsets[e]..<interiorOffsets[e + 1]]`.
    let interiorOffsets: [Int32]
    let interiorCoordinates: [Coordinate]
    let interiorMetricCoordinates: [Coordinate]

    /// CSR: the arcs leaving node `u` are `arcs[arcOffsets[u]..<arcOffsets[u + 1]]`, in edge order, and
    /// `arcEdges` holds their edges at the same positions.
    let arcOffsets: [Int32]
    let arcs: [Arc]
    let arcEdges: [Int32]

    /// One direction of an edge as the searches read it: the node it leads to and the edge's length.
    /// The length is single precision (7 significant digits: under 0.1 mm on a 1 km edge) so that a
    /// node's arcs fill half the memory and the searches touch fewer cache lines; searches add them up
    /// in double precision.
    struct Arc: Sendable {
        var node: Int32
        var length: Float
    }

    /// Connected components, largest first (ties: the one holding the lower node index first).
    public let components: [NetworkComponent]
    /// The local metric CRS of ``nodeMetricCoordinates`` (a CGCS2000 3° zone in China, UTM elsewhere).
    public let metricCRS: CRS
    /// Free-form facts about where the graph came from (source file, profile `id@version`, …), saved
    /// with the cache.
    public let provenance: [String: String]
    /// Longitude/latitude to ``metricCRS`` and back, set up once for the graph and shared.
    public let metricProjection: MetricProjection

    /// Marks a node without an external id.
    public static let noExternalID = Int64.min

    /// The geometry and attributes a graph is made of; adjacency and components are derived from it.
    struct Parts {
        var nodeCoordinates: [Coordinate] = []
        var nodeMetricCoordinates: [Coordinate] = []
        var nodeExternalIDs: [Int64] = []
        var edgeSources: [Int32] = []
        var edgeTargets: [Int32] = []
        var edgeLengths: [Double] = []
        var edgeWayIDs: [Int64] = []
        /// Empty, or one index into `streetNames` (-1 for none) per edge.
        var edgeNames: [Int32] = []
        var streetNames: [String] = []
        var interiorOffsets: [Int32] = [0]
        var interiorCoordinates: [Coordinate] = []
        var interiorMetricCoordinates: [Coordinate] = []
    }

    /// Derives the adjacency and the components. The parts must be consistent (the builder and the cache
    /// reader check that): endpoints in range, offsets non-decreasing from 0 to the interior count.
    ///
    /// `toMetric`, when the caller has one, is its transformer from EPSG:4326 to `metricCRS`, kept for
    /// ``metricProjection``.
    init(
        parts: Parts, metricCRS: CRS, provenance: [String: String], toMetric: sending CoordinateTransformer? = nil
    ) throws(WalkNetworkError) {
        let nodeCount = parts.nodeCoordinates.count
        let edgeCount = parts.edgeSources.count
        var selfLoops = 0
        for e in 0..<edgeCount where parts.edgeSources[e] == parts.edgeTargets[e] { selfLoops += 1 }
        let entryCount = 2 * edgeCount - selfLoops
        guard entryCount < Int(Int32.max) else {
            throw .tooLarge("\(edgeCount) edges need \(entryCount) adjacency entries; at most \(Int32.max) fit")
        }

        // CSR, entries of a node in edge order. The searches read offsets and arcs at random: on huge pages
        // where the system has them.
        var degree = HugePages.array(repeating: Int32(0), count: nodeCount + 1)
        for e in 0..<edgeCount {
            let u = Int(parts.edgeSources[e])
            let v = Int(parts.edgeTargets[e])
            degree[u + 1] += 1
            if u != v { degree[v + 1] += 1 }
        }
        for i in 0..<nodeCount { degree[i + 1] += degree[i] }
        let offsets = degree
        var next = Array(offsets.dropLast())
        var arcs = HugePages.array(repeating: Arc(node: 0, length: 0), count: entryCount)
        var edges = [Int32](repeating: 0, count: entryCount)
        for e in 0..<edgeCount {
            let u = Int(parts.edgeSources[e])
            let v = Int(parts.edgeTargets[e])
            let length = Float(parts.edgeLengths[e])
            var slot = Int(next[u])
            arcs[slot] = Arc(node: Int32(v), length: length)
            edges[slot] = Int32(e)
            next[u] += 1
            if u != v {
                slot = Int(next[v])
                arcs[slot] = Arc(node: Int32(u), length: length)
                edges[slot] = Int32(e)
                next[v] += 1
            }
        }

        let (nodeComponents, components) = Self.components(parts: parts)

        nodeCoordinates = parts.nodeCoordinates
        nodeMetricCoordinates = parts.nodeMetricCoordinates
        nodeExternalIDs = parts.nodeExternalIDs
        self.nodeComponents = nodeComponents
        edgeSources = parts.edgeSources
        edgeTargets = parts.edgeTargets
        edgeLengths = parts.edgeLengths
        edgeWayIDs = parts.edgeWayIDs
        edgeNames = parts.edgeNames
        streetNames = parts.streetNames
        interiorOffsets = parts.interiorOffsets
        interiorCoordinates = parts.interiorCoordinates
        interiorMetricCoordinates = parts.interiorMetricCoordinates
        arcOffsets = offsets
        self.arcs = arcs
        arcEdges = edges
        self.components = components
        self.metricCRS = metricCRS
        self.provenance = provenance
        metricProjection = MetricProjection(crs: metricCRS, toMetric: toMetric)
    }

    /// Union-find over the edges; components renumbered by size, largest first.
    private static func components(parts: Parts) -> ([Int32], [NetworkComponent]) {
        let nodeCount = parts.nodeCoordinates.count
        var parent = (0..<nodeCount).map { Int32($0) }
        var size = [Int32](repeating: 1, count: nodeCount)
        func find(_ x: Int) -> Int {
            var x = x
            while Int(parent[x]) != x {
                let grandparent = parent[Int(parent[x])]
                parent[x] = grandparent
                x = Int(grandparent)
            }
            return x
        }
        for e in 0..<parts.edgeSources.count {
            var a = find(Int(parts.edgeSources[e]))
            var b = find(Int(parts.edgeTargets[e]))
            if a == b { continue }
            if size[a] < size[b] { swap(&a, &b) }
            parent[b] = Int32(a)
            size[a] += size[b]
        }
        // Roots in order of their first node, then sorted by size (stable: ties keep that order).
        var rootOrder: [Int] = []
        var rootSlot = [Int32](repeating: -1, count: nodeCount)
        var nodeRoot = [Int32](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            let root = find(node)
            nodeRoot[node] = Int32(root)
            if rootSlot[root] < 0 {
                rootSlot[root] = Int32(rootOrder.count)
                rootOrder.append(root)
            }
        }
        let ranked = rootOrder.enumerated().sorted { a, b in
            size[a.element] != size[b.element] ? size[a.element] > size[b.element] : a.offset < b.offset
        }
        var componentOfSlot = [Int32](repeating: 0, count: rootOrder.count)
        for (rank, entry) in ranked.enumerated() { componentOfSlot[entry.offset] = Int32(rank) }
        var nodeComponents = [Int32](repeating: 0, count: nodeCount)
        var nodeCounts = [Int](repeating: 0, count: rootOrder.count)
        for node in 0..<nodeCount {
            let component = componentOfSlot[Int(rootSlot[Int(nodeRoot[node])])]
            nodeComponents[node] = component
            nodeCounts[Int(component)] += 1
        }
        var edgeCounts = [Int](repeating: 0, count: rootOrder.count)
        var lengths = [Double](repeating: 0, count: rootOrder.count)
        for e in 0..<parts.edgeSources.count {
            let component = Int(nodeComponents[Int(parts.edgeSources[e])])
            edgeCounts[component] += 1
            lengths[component] += parts.edgeLengths[e]
        }
        let components = (0..<rootOrder.count).map {
            NetworkComponent(index: $0, nodeCount: nodeCounts[$0], edgeCount: edgeCounts[$0], length: lengths[$0])
        }
        return (nodeComponents, components)
    }

    // MARK: Sizes and indexes

    public var nodeCount: Int { nodeCoordinates.count }
    public var edgeCount: Int { edgeSources.count }
    /// The number of polyline vertices between edge ends, over all edges.
    public var interiorVertexCount: Int { interiorCoordinates.count }
    public var nodeIndices: LazyMapSequence<Range<Int>, NodeIndex> { (0..<nodeCount).lazy.map(NodeIndex.init) }
    public var edgeIndices: LazyMapSequence<Range<Int>, EdgeIndex> { (0..<edgeCount).lazy.map(EdgeIndex.init) }
    /// The sum of all edge lengths, metres.
    public var totalLength: Double { edgeLengths.reduce(0, +) }

    // MARK: Nodes

    public func coordinate(of node: NodeIndex) -> Coordinate { nodeCoordinates[node.index] }
    public func metricCoordinate(of node: NodeIndex) -> Coordinate { nodeMetricCoordinates[node.index] }
    /// The node's external (OSM) id, nil where the source had none.
    public func externalID(of node: NodeIndex) -> Int64? {
        let id = nodeExternalIDs[node.index]
        return id == Self.noExternalID ? nil : id
    }
    /// The node's connected component, an index into ``components`` (0 = largest).
    public func component(of node: NodeIndex) -> Int { Int(nodeComponents[node.index]) }

    /// The edges at a node with the node at their other end (for a self-loop, the node itself, once).
    public func neighbors(of node: NodeIndex) -> [(node: NodeIndex, edge: EdgeIndex, length: Double)] {
        let range = Int(arcOffsets[node.index])..<Int(arcOffsets[node.index + 1])
        return range.map {
            (NodeIndex(rawValue: arcs[$0].node), EdgeIndex(rawValue: arcEdges[$0]), edgeLengths[Int(arcEdges[$0])])
        }
    }

    public func degree(of node: NodeIndex) -> Int {
        Int(arcOffsets[node.index + 1] - arcOffsets[node.index])
    }

    // MARK: Edges

    /// The edge's ends; its polyline runs from `source` to `target`.
    public func endpoints(of edge: EdgeIndex) -> (source: NodeIndex, target: NodeIndex) {
        (NodeIndex(rawValue: edgeSources[edge.index]), NodeIndex(rawValue: edgeTargets[edge.index]))
    }
    public func length(of edge: EdgeIndex) -> Double { edgeLengths[edge.index] }
    /// The external id of the way the edge comes from.
    public func wayID(of edge: EdgeIndex) -> Int64 { edgeWayIDs[edge.index] }

    /// The street's name (the way's OSM `name` tag), when it has one and the network kept names.
    public func streetName(of edge: EdgeIndex) -> String? {
        guard !edgeNames.isEmpty else { return nil }
        let index = Int(edgeNames[edge.index])
        return index >= 0 ? streetNames[index] : nil
    }
    /// The component of the edge (that of its ends).
    public func component(of edge: EdgeIndex) -> Int { Int(nodeComponents[Int(edgeSources[edge.index])]) }

    /// The edge's polyline in longitude/latitude, source node first, target node last.
    public func polyline(of edge: EdgeIndex) -> [Coordinate] {
        (0...segmentCount(of: edge.index)).map { point(edge.index, $0) }
    }

    /// The edge's polyline in ``metricCRS``.
    public func metricPolyline(of edge: EdgeIndex) -> [Coordinate] {
        (0...segmentCount(of: edge.index)).map { metricPoint(edge.index, $0) }
    }

    /// The part of the edge's polyline between `start` and `end` metres from its source (clamped to the
    /// edge; swapped if `start > end`), in longitude/latitude, with interpolated end points. This is how
    /// isochrones cut the edges they reach only in part.
    public func polyline(of edge: EdgeIndex, from start: Double, to end: Double) -> [Coordinate] {
        portion(of: edge, from: start, to: end, vertex: point)
    }

    /// As ``polyline(of:from:to:)``, in ``metricCRS``: the same cut (by geodesic lengths along the edge),
    /// interpolated between the metric vertices.
    public func metricPolyline(of edge: EdgeIndex, from start: Double, to end: Double) -> [Coordinate] {
        portion(of: edge, from: start, to: end, vertex: metricPoint)
    }

    /// The part of edge `edge` between `start` and `end`, cut by geodesic lengths of the lon/lat polyline and
    /// made of `vertex(e, i)`.
    private func portion(
        of edge: EdgeIndex, from start: Double, to end: Double, vertex: (Int, Int) -> Coordinate
    ) -> [Coordinate] {
        let e = edge.index
        let length = edgeLengths[e]
        var a = min(max(min(start, end), 0), length)
        var b = min(max(max(start, end), 0), length)
        if !a.isFinite { a = 0 }
        if !b.isFinite { b = length }
        let segments = segmentCount(of: e)
        var result: [Coordinate] = []
        var travelled = 0.0
        for j in 0..<segments {
            let segment = FastGeodesic.distance(point(e, j), point(e, j + 1))
            let p = vertex(e, j)
            let q = vertex(e, j + 1)
            let segmentEnd = j == segments - 1 ? max(length, travelled + segment) : travelled + segment
            if result.isEmpty, a <= segmentEnd {
                result.append(Self.interpolate(p, q, segment > 0 ? (a - travelled) / segment : 0))
            }
            if !result.isEmpty {
                if b <= segmentEnd {
                    result.append(Self.interpolate(p, q, segment > 0 ? (b - travelled) / segment : 1))
                    return result
                }
                result.append(q)
            }
            travelled = segmentEnd
        }
        if result.isEmpty { result = [vertex(e, segments), vertex(e, segments)] }
        return result
    }

    /// The longitude/latitude `offset` metres along the edge from its source (clamped to the edge).
    public func position(on edge: EdgeIndex, offset: Double) -> Coordinate {
        polyline(of: edge, from: offset, to: offset).first ?? nodeCoordinates[Int(edgeSources[edge.index])]
    }

    static func interpolate(_ p: Coordinate, _ q: Coordinate, _ t: Double) -> Coordinate {
        let t = min(max(t, 0), 1)
        return Coordinate(x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t)
    }

    // MARK: Internal geometry access

    @inline(__always)
    func segmentCount(of e: Int) -> Int { Int(interiorOffsets[e + 1] - interiorOffsets[e]) + 1 }

    /// Vertex `i` of edge `e`'s polyline (0 = source node, segmentCount = target node), lon/lat.
    @inline(__always)
    func point(_ e: Int, _ i: Int) -> Coordinate {
        if i == 0 { return nodeCoordinates[Int(edgeSources[e])] }
        let base = Int(interiorOffsets[e])
        if i == Int(interiorOffsets[e + 1]) - base + 1 { return nodeCoordinates[Int(edgeTargets[e])] }
        return interiorCoordinates[base + i - 1]
    }

    /// Vertex `i` of edge `e`'s polyline in the metric CRS.
    @inline(__always)
    func metricPoint(_ e: Int, _ i: Int) -> Coordinate {
        if i == 0 { return nodeMetricCoordinates[Int(edgeSources[e])] }
        let base = Int(interiorOffsets[e])
        if i == Int(interiorOffsets[e + 1]) - base + 1 { return nodeMetricCoordinates[Int(edgeTargets[e])] }
        return interiorMetricCoordinates[base + i - 1]
    }
}
