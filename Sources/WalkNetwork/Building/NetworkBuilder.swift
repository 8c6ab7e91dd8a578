import GeoCore
import Projection

/// Builds a ``WalkGraph`` from ways that a source (the OSM reader, a road layer) feeds in one by one.
///
/// - With a ``WalkingProfile``, ways whose tags it does not find walkable are counted and left out;
///   without one, every way is taken (a road layer filtered by its own source).
/// - Vertices with the same key (OSM node id) are one place; vertices without a key are one place when
///   their coordinates agree to 1e-7°. Repeated consecutive vertices collapse; a way left with fewer than
///   two places is counted as degenerate and left out.
/// - Nodes are way ends and places used twice or more (by different ways, or twice by one way); the
///   places between become the edge's polyline.
/// - Edge lengths are geodesic (WGS 84) sums over the polyline; node and vertex positions are projected
///   once into the local metric CRS of the network's extent (``CRS/localMetric(for:)-(BoundingBox)``).
///
/// Node indexes follow a Hilbert curve over the nodes' positions, and edge indexes follow their lower
/// end node, so that what is near on the ground is near in memory and the searches and the snapper find
/// more of what they read in the cache. The same input, in the same order, gives the same graph.
public struct NetworkBuilder {
    public let profile: WalkingProfile?
    /// Facts saved with the graph (source file, …); the profile's `id@version` is added under `profile`.
    public var provenance: [String: String]
    public private(set) var statistics = Statistics()

    /// What the builder has been fed.
    public struct Statistics: Hashable, Sendable {
        public var waysOffered = 0
        public var waysAccepted = 0
        public var waysRejectedByProfile = 0
        /// Ways with fewer than two distinct places.
        public var waysDegenerate = 0
        /// Vertices of accepted ways, after collapsing repeats.
        public var verticesAccepted = 0
        /// Keyed vertices whose coordinates differ (by more than 1e-7°) from the first ones given for the
        /// same key; the first position is kept.
        public var conflictingKeyedVertices = 0
    }

    // Distinct places ("vertices"), dense.
    private var vertexCoordinates: [Coordinate] = []
    private var vertexKeys: [Int64] = []
    /// How often each place is used by accepted ways, saturating at 2.
    private var vertexUses: [UInt8] = []
    private var keyedVertices: [Int64: Int32] = [:]
    private var unkeyedVertices: [UInt64: Int32] = [:]
    // Accepted ways, flattened.
    private var wayVertices: [Int32] = []
    private var wayOffsets: [Int] = [0]
    private var wayIDs: [Int64] = []
    /// Each accepted way's street name (its `name` tag) as an index into `streetNames`, -1 for none.
    private var wayNames: [Int32] = []
    private var streetNames: [String] = []
    private var streetNameIndex: [String: Int32] = [:]
    private var scratch: [Int32] = []

    public init(profile: WalkingProfile? = nil, provenance: [String: String] = [:]) {
        self.profile = profile
        self.provenance = provenance
        if let profile { self.provenance["profile"] = profile.label }
    }

    /// Adds a way. Returns whether it was taken (false: the profile rejected it, or it is degenerate).
    /// Fails on a vertex that is not a longitude/latitude, naming the way and the vertex.
    @discardableResult
    public mutating func add(_ way: NetworkWay) throws(WalkNetworkError) -> Bool {
        try add(wayID: way.id, vertices: way.vertices, tags: way.tags)
    }

    /// Adds a way; see ``add(_:)``.
    @discardableResult
    public mutating func add(wayID: Int64, vertices: [WayVertex], tags: [String: String] = [:])
        throws(WalkNetworkError) -> Bool
    {
        statistics.waysOffered += 1
        if let profile, !profile.isWalkable(tags) {
            statistics.waysRejectedByProfile += 1
            return false
        }
        scratch.removeAll(keepingCapacity: true)
        for (index, vertex) in vertices.enumerated() {
            let c = vertex.coordinate
            guard c.isValidGeographic else {
                throw .invalidWay(
                    id: wayID,
                    reason: "vertex #\(index) (\(c)) is not a longitude/latitude in degrees (EPSG:4326); "
                        + "transform the source to EPSG:4326 first")
            }
            let id = try place(of: vertex, wayID: wayID)
            if scratch.last != id { scratch.append(id) }
        }
        guard scratch.count >= 2 else {
            statistics.waysDegenerate += 1
            return false
        }
        for id in scratch {
            let i = Int(id)
            if vertexUses[i] < 2 { vertexUses[i] += 1 }
        }
        wayVertices.append(contentsOf: scratch)
        wayOffsets.append(wayVertices.count)
        wayIDs.append(wayID)
        if let name = tags["name"], !name.allSatisfy(\.isWhitespace) {
            let index = streetNameIndex[name] ?? Int32(streetNames.count)
            if index == Int32(streetNames.count) {
                streetNames.append(name)
                streetNameIndex[name] = index
            }
            wayNames.append(index)
        } else {
            wayNames.append(-1)
        }
        statistics.waysAccepted += 1
        statistics.verticesAccepted += scratch.count
        return true
    }

    private mutating func place(of vertex: WayVertex, wayID: Int64) throws(WalkNetworkError) -> Int32 {
        let next = Int32(truncatingIfNeeded: vertexCoordinates.count)
        guard vertexCoordinates.count < Int(Int32.max) else {
            throw .tooLarge("more than \(Int32.max) distinct vertices (at way \(wayID))")
        }
        if let key = vertex.key {
            if let id = keyedVertices[key] {
                let known = vertexCoordinates[Int(id)]
                if Self.quantized(known) != Self.quantized(vertex.coordinate) {
                    statistics.conflictingKeyedVertices += 1
                }
                return id
            }
            keyedVertices[key] = next
        } else {
            let q = Self.quantized(vertex.coordinate)
            if let id = unkeyedVertices[q] { return id }
            unkeyedVertices[q] = next
        }
        vertexCoordinates.append(vertex.coordinate)
        vertexKeys.append(vertex.key ?? WalkGraph.noExternalID)
        vertexUses.append(0)
        return next
    }

    /// Longitude and latitude in units of 1e-7°, packed into one key (both fit 32 bits once offset).
    private static func quantized(_ c: Coordinate) -> UInt64 {
        let lon = UInt64(Int64((c.x * 1e7).rounded()) + 1_800_000_000)
        let lat = UInt64(Int64((c.y * 1e7).rounded()) + 900_000_000)
        return lon << 32 | lat
    }

    /// Renumbers the nodes along a Hilbert curve (order 16) over their extent; ties keep their order.
    static func orderNodesAlongHilbertCurve(_ parts: inout WalkGraph.Parts) {
        let nodes = parts.nodeCoordinates
        guard nodes.count > 2, let box = BoundingBox(covering: nodes) else { return }
        let side = 65_536.0
        let scaleX = (side - 1) / max(box.maxX - box.minX, 1e-12)
        let scaleY = (side - 1) / max(box.maxY - box.minY, 1e-12)
        var keys = [UInt64](repeating: 0, count: nodes.count)
        for (i, c) in nodes.enumerated() {
            let x = UInt32(((c.x - box.minX) * scaleX).rounded(.down))
            let y = UInt32(((c.y - box.minY) * scaleY).rounded(.down))
            keys[i] = hilbertIndex(x, y) << 32 | UInt64(i)
        }
        keys.sort()
        var newIndex = [Int32](repeating: 0, count: nodes.count)
        var coordinates = nodes
        var externalIDs = parts.nodeExternalIDs
        for (position, key) in keys.enumerated() {
            let old = Int(key & 0xFFFF_FFFF)
            newIndex[old] = Int32(position)
            coordinates[position] = nodes[old]
            externalIDs[position] = parts.nodeExternalIDs[old]
        }
        parts.nodeCoordinates = coordinates
        parts.nodeExternalIDs = externalIDs
        for e in parts.edgeSources.indices {
            parts.edgeSources[e] = newIndex[Int(parts.edgeSources[e])]
            parts.edgeTargets[e] = newIndex[Int(parts.edgeTargets[e])]
        }
    }

    /// Renumbers the edges by their lower end node (then by their former order), so that edges near each
    /// other on the ground are near each other in memory too.
    static func orderEdgesByNode(_ parts: inout WalkGraph.Parts) {
        let count = parts.edgeSources.count
        var keys = [UInt64](repeating: 0, count: count)
        for e in 0..<count {
            let low = min(parts.edgeSources[e], parts.edgeTargets[e])
            keys[e] = UInt64(UInt32(low)) << 32 | UInt64(e)
        }
        keys.sort()
        var sources = parts.edgeSources
        var targets = parts.edgeTargets
        var lengths = parts.edgeLengths
        var wayIDs = parts.edgeWayIDs
        var names = parts.edgeNames
        var offsets = [Int32](repeating: 0, count: count + 1)
        var interior: [Coordinate] = []
        interior.reserveCapacity(parts.interiorCoordinates.count)
        for (position, key) in keys.enumerated() {
            let old = Int(key & 0xFFFF_FFFF)
            sources[position] = parts.edgeSources[old]
            targets[position] = parts.edgeTargets[old]
            lengths[position] = parts.edgeLengths[old]
            wayIDs[position] = parts.edgeWayIDs[old]
            if !names.isEmpty { names[position] = parts.edgeNames[old] }
            interior.append(
                contentsOf: parts.interiorCoordinates[
                    Int(parts.interiorOffsets[old])..<Int(parts.interiorOffsets[old + 1])])
            offsets[position + 1] = Int32(interior.count)
        }
        parts.edgeSources = sources
        parts.edgeTargets = targets
        parts.edgeLengths = lengths
        parts.edgeWayIDs = wayIDs
        parts.edgeNames = names
        parts.interiorOffsets = offsets
        parts.interiorCoordinates = interior
    }

    /// The position of cell (x, y) along the Hilbert curve through a 65,536 × 65,536 grid.
    static func hilbertIndex(_ x: UInt32, _ y: UInt32) -> UInt64 {
        var x = UInt64(x)
        var y = UInt64(y)
        var d: UInt64 = 0
        var s: UInt64 = 1 << 15
        while s > 0 {
            let rx: UInt64 = (x & s) > 0 ? 1 : 0
            let ry: UInt64 = (y & s) > 0 ? 1 : 0
            d += s * s * ((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = 65_535 - x
                    y = 65_535 - y
                }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }

    /// Makes the graph. Fails when no way was taken, or when PROJ cannot project the network.
    public func build() throws(WalkNetworkError) -> WalkGraph {
        guard !wayIDs.isEmpty else {
            let s = statistics
            throw .emptyNetwork(
                "no walkable ways among the \(s.waysOffered) offered (\(s.waysRejectedByProfile) rejected by the "
                    + "profile\(profile.map { " \($0.label)" } ?? ""), \(s.waysDegenerate) with fewer than two distinct vertices)"
            )
        }
        let vertexCount = vertexCoordinates.count
        var isNode = vertexUses.map { $0 >= 2 }
        for w in 0..<wayIDs.count {
            isNode[Int(wayVertices[wayOffsets[w]])] = true
            isNode[Int(wayVertices[wayOffsets[w + 1] - 1])] = true
        }
        var parts = WalkGraph.Parts()
        var nodeOf = [Int32](repeating: -1, count: vertexCount)
        for v in wayVertices where isNode[Int(v)] && nodeOf[Int(v)] < 0 {
            nodeOf[Int(v)] = Int32(parts.nodeCoordinates.count)
            parts.nodeCoordinates.append(vertexCoordinates[Int(v)])
            parts.nodeExternalIDs.append(vertexKeys[Int(v)])
        }
        guard parts.nodeCoordinates.count < Int(Int32.max) else {
            throw .tooLarge("\(parts.nodeCoordinates.count) nodes; at most \(Int32.max) fit")
        }

        for w in 0..<wayIDs.count {
            let range = wayOffsets[w]..<wayOffsets[w + 1]
            var start = nodeOf[Int(wayVertices[range.lowerBound])]
            var previous = vertexCoordinates[Int(wayVertices[range.lowerBound])]
            var length = 0.0
            for i in range.dropFirst() {
                let v = Int(wayVertices[i])
                let c = vertexCoordinates[v]
                length += FastGeodesic.distance(previous, c)
                previous = c
                if nodeOf[v] >= 0 {
                    parts.edgeSources.append(start)
                    parts.edgeTargets.append(nodeOf[v])
                    parts.edgeLengths.append(length)
                    parts.edgeWayIDs.append(wayIDs[w])
                    parts.edgeNames.append(wayNames[w])
                    guard parts.interiorCoordinates.count < Int(Int32.max) else {
                        throw .tooLarge("more than \(Int32.max) polyline vertices")
                    }
                    parts.interiorOffsets.append(Int32(parts.interiorCoordinates.count))
                    start = nodeOf[v]
                    length = 0
                } else {
                    parts.interiorCoordinates.append(c)
                }
            }
        }
        guard parts.edgeSources.count < Int(Int32.max) else {
            throw .tooLarge("\(parts.edgeSources.count) edges; at most \(Int32.max) fit")
        }
        if streetNames.isEmpty {
            parts.edgeNames = []
        } else {
            parts.streetNames = streetNames
        }
        Self.orderNodesAlongHilbertCurve(&parts)
        Self.orderEdgesByNode(&parts)

        guard let nodeExtent = BoundingBox(covering: parts.nodeCoordinates) else {
            throw .emptyNetwork("no nodes")
        }
        let extent = BoundingBox(covering: parts.interiorCoordinates).map(nodeExtent.union) ?? nodeExtent
        let metricCRS: CRS
        let transformer: CoordinateTransformer
        do {
            metricCRS = try CRS.localMetric(for: extent)
            transformer = try CoordinateTransformer(from: .wgs84, to: metricCRS)
            parts.nodeMetricCoordinates = try transformer.transform(parts.nodeCoordinates)
            parts.interiorMetricCoordinates = try transformer.transform(parts.interiorCoordinates)
        } catch {
            throw .projection(error)
        }
        // The graph keeps the transformer, so snapping on a fresh build does not set up another.
        return try WalkGraph(parts: parts, metricCRS: metricCRS, provenance: provenance, toMetric: transformer)
    }
}
