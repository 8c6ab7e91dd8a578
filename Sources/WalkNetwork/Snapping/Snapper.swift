import Dispatch
public import GeoCore
import Projection

/// Snaps places to the nearest point on the nearest edge (not only to nodes) within a maximum distance,
/// as pandana's `mapping_distance` and OSRM's phantom nodes do.
///
/// Only edges of the chosen components are candidates (default: every part but fragments, see
/// ``ComponentSelection/analysed``).
/// The index is a uniform grid over every polyline segment in the graph's local metric CRS; nearest
/// means nearest in that CRS. The leg to that point is then measured geodesically, and it is the leg
/// that must be within ``maxDistance``. Ties go to the lower edge index.
///
/// Immutable and `Sendable`: one snapper serves any number of tasks.
public struct Snapper: Sendable {
    public let graph: WalkGraph
    /// Places farther than this (metres) from every candidate edge are not snapped.
    public let maxDistance: Double
    public let components: ComponentSelection
    /// How far to look for the nearest edge of a place that is not snapped, to report its distance.
    public let searchRadius: Double
    private let grid: SegmentGrid

    /// - Parameters:
    ///   - maxDistance: metres, default 250.
    ///   - searchRadius: metres to look for the nearest edge of places beyond `maxDistance`, for
    ///     ``SnapResult/unsnapped(nearestDistance:)``; default ten times `maxDistance`.
    public init(
        graph: WalkGraph, maxDistance: Double = 250, components: ComponentSelection = .analysed,
        searchRadius: Double? = nil
    ) throws(WalkNetworkError) {
        guard maxDistance.isFinite, maxDistance >= 0 else {
            throw .invalidArgument("the maximum snap distance must be a distance in metres, not \(maxDistance)")
        }
        let radius = searchRadius ?? 10 * maxDistance
        guard radius.isFinite, radius >= maxDistance else {
            throw .invalidArgument(
                "the search radius (\(radius) m) must be finite and at least the maximum snap distance")
        }
        self.graph = graph
        self.maxDistance = maxDistance
        self.components = components
        self.searchRadius = radius
        grid = SegmentGrid(graph: graph, components: components)
    }

    /// Snaps one longitude/latitude (EPSG:4326).
    public func snap(_ coordinate: Coordinate) throws(WalkNetworkError) -> SnapResult {
        try snap([coordinate])[0]
    }

    /// Snaps longitude/latitude positions (EPSG:4326), one result per position, in order. Positions in
    /// another CRS must be transformed first. Large batches use every core.
    public func snap(_ coordinates: [Coordinate]) throws(WalkNetworkError) -> [SnapResult] {
        if let bad = coordinates.firstIndex(where: { !$0.isValidGeographic }) {
            throw .invalidArgument("place #\(bad) (\(coordinates[bad])) is not a longitude/latitude in degrees")
        }
        let metric: [Coordinate]
        do {
            metric = try graph.metricProjection.toMetric(coordinates)
        } catch {
            throw .projection(error)
        }
        var results = [SnapResult](repeating: .unsnapped(nearestDistance: nil), count: coordinates.count)
        // Places are visited along a Hilbert curve, so that consecutive queries read the same part of the
        // index and of the graph (a large speed-up for places given in no spatial order).
        let order = grid.spatialOrder(of: metric)
        let chunk = 4096
        let chunks = (coordinates.count + chunk - 1) / chunk
        results.withUnsafeMutableBufferPointer { buffer in
            let output = DisjointWrites(buffer)
            let work = { @Sendable (c: Int) in
                for k in (c * chunk)..<min(coordinates.count, (c + 1) * chunk) {
                    let i = order[k]
                    output[i] = snap(metric: metric[i], lonLat: coordinates[i])
                }
            }
            if chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else if chunks == 1 {
                work(0)
            }
        }
        return results
    }

    /// Snaps a place given both in the graph's metric CRS and in longitude/latitude.
    func snap(metric p: Coordinate, lonLat: Coordinate) -> SnapResult {
        guard let hit = grid.nearest(to: p, within: searchRadius, graph: graph) else {
            return .unsnapped(nearestDistance: nil)
        }
        let e = hit.edge
        let a = graph.point(e, hit.segment)
        let b = graph.point(e, hit.segment + 1)
        let position = WalkGraph.interpolate(a, b, hit.t)
        let leg = FastGeodesic.distance(lonLat, position)
        guard leg <= maxDistance else { return .unsnapped(nearestDistance: leg) }
        var offset = 0.0
        for j in 0..<hit.segment {
            offset += FastGeodesic.distance(graph.point(e, j), graph.point(e, j + 1))
        }
        offset += hit.t * FastGeodesic.distance(a, b)
        offset = min(max(offset, 0), graph.edgeLengths[e])
        return .snapped(SnappedPoint(edge: EdgeIndex(e), offset: offset, leg: leg, position: position))
    }
}

/// A uniform grid over polyline segments in metric coordinates; each cell lists the segments that cross it.
struct SegmentGrid: Sendable {
    let originX: Double
    let originY: Double
    let cellSize: Double
    let columns: Int
    let rows: Int
    /// Cell `c` holds entries `cellOffsets[c]..<cellOffsets[c + 1]`.
    let cellOffsets: [Int32]
    let entryEdges: [Int32]
    let entrySegments: [Int32]

    struct Hit {
        var squaredDistance: Double
        var edge: Int
        var segment: Int
        var t: Double
    }

    init(graph: WalkGraph, components: ComponentSelection) {
        var edges: [Int] = []
        var segmentCount = 0
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var totalLength = 0.0
        for e in 0..<graph.edgeCount where graph.keeps(component: graph.component(of: EdgeIndex(e)), in: components) {
            edges.append(e)
            let segments = graph.segmentCount(of: e)
            segmentCount += segments
            for j in 0...segments {
                let p = graph.metricPoint(e, j)
                minX = min(minX, p.x)
                minY = min(minY, p.y)
                maxX = max(maxX, p.x)
                maxY = max(maxY, p.y)
            }
            totalLength += graph.edgeLengths[e]
        }
        guard !edges.isEmpty else {
            (originX, originY, cellSize, columns, rows) = (0, 0, 1, 0, 0)
            (cellOffsets, entryEdges, entrySegments) = ([0], [], [])
            return
        }
        // About two segments' mean length or the mean spacing of segments, whichever is larger; then
        // coarser until there are at most ~4 cells per segment.
        let width = max(maxX - minX, 1)
        let height = max(maxY - minY, 1)
        var size = max(2 * totalLength / Double(segmentCount), (width * height / Double(segmentCount)).squareRoot(), 5)
        while (width / size + 1) * (height / size + 1) > Double(4 * segmentCount + 1024) { size *= 1.5 }
        let columns = Int(width / size) + 1
        let rows = Int(height / size) + 1
        (originX, originY, cellSize, self.columns, self.rows) = (minX, minY, size, columns, rows)

        // Two passes over the same enumeration: count, then fill.
        func forEachCell(of e: Int, _ body: (Int, Int) -> Void) {
            let segments = graph.segmentCount(of: e)
            var recent: [Int] = []
            for j in 0..<segments {
                let a = graph.metricPoint(e, j)
                let b = graph.metricPoint(e, j + 1)
                let dx = b.x - a.x
                let dy = b.y - a.y
                let pieces = max(1, Int(((dx * dx + dy * dy).squareRoot() / size).rounded(.up)))
                recent.removeAll(keepingCapacity: true)
                for k in 0..<pieces {
                    let t0 = Double(k) / Double(pieces)
                    let t1 = Double(k + 1) / Double(pieces)
                    let x0 = a.x + dx * t0, x1 = a.x + dx * t1
                    let y0 = a.y + dy * t0, y1 = a.y + dy * t1
                    let cx0 = clampColumn(min(x0, x1)), cx1 = clampColumn(max(x0, x1))
                    let cy0 = clampRow(min(y0, y1)), cy1 = clampRow(max(y0, y1))
                    for cy in cy0...cy1 {
                        for cx in cx0...cx1 {
                            let cell = cy * columns + cx
                            // Pieces of one segment overlap at their ends: list each cell once.
                            if pieces > 1 {
                                if recent.suffix(8).contains(cell) { continue }
                                recent.append(cell)
                            }
                            body(cell, j)
                        }
                    }
                }
            }
        }
        func clampColumn(_ x: Double) -> Int { min(max(Int((x - minX) / size), 0), columns - 1) }
        func clampRow(_ y: Double) -> Int { min(max(Int((y - minY) / size), 0), rows - 1) }

        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        for e in edges { forEachCell(of: e) { cell, _ in counts[cell + 1] += 1 } }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        var next = Array(counts.dropLast())
        var entryEdges = [Int32](repeating: 0, count: Int(counts[columns * rows]))
        var entrySegments = [Int32](repeating: 0, count: entryEdges.count)
        for e in edges {
            forEachCell(of: e) { cell, j in
                let slot = Int(next[cell])
                entryEdges[slot] = Int32(e)
                entrySegments[slot] = Int32(j)
                next[cell] += 1
            }
        }
        cellOffsets = counts
        self.entryEdges = entryEdges
        self.entrySegments = entrySegments
    }

    /// Indexes of `points` in the order of their grid cells along a Hilbert curve (points off the grid
    /// clamped to its edge); ties keep their order.
    func spatialOrder(of points: [Coordinate]) -> [Int] {
        guard columns > 0, points.count > 1 else { return Array(points.indices) }
        var keys = [UInt64](repeating: 0, count: points.count)
        for (i, p) in points.enumerated() {
            let fx = ((p.x - originX) / cellSize).rounded(.down)
            let fy = ((p.y - originY) / cellSize).rounded(.down)
            let x = UInt32(min(max(fx.isFinite ? fx : 0, 0), 65_535))
            let y = UInt32(min(max(fy.isFinite ? fy : 0, 0), 65_535))
            keys[i] = NetworkBuilder.hilbertIndex(x, y) << 32 | UInt64(i)
        }
        keys.sort()
        return keys.map { Int($0 & 0xFFFF_FFFF) }
    }

    /// The nearest segment point to `p`, if one lies within `radius` (exact: no nearer segment exists).
    func nearest(to p: Coordinate, within radius: Double, graph: WalkGraph) -> Hit? {
        guard columns > 0, p.isFinite else { return nil }
        let fx = (p.x - originX) / cellSize
        let fy = (p.y - originY) / cellSize
        // Far outside the grid: the nearest cell is beyond the radius, or the coordinates are absurd.
        let outside = max(0, -fx, fx - Double(columns), -fy, fy - Double(rows)) * cellSize
        guard outside <= radius + 2 * cellSize else { return nil }
        let cx = Int(fx.rounded(.down))
        let cy = Int(fy.rounded(.down))
        let border = min(fx - Double(cx), Double(cx + 1) - fx, fy - Double(cy), Double(cy + 1) - fy) * cellSize
        var best = Hit(squaredDistance: .infinity, edge: -1, segment: -1, t: 0)
        var r = 0
        while true {
            let lower = r == 0 ? 0 : border + Double(r - 1) * cellSize
            if lower > radius || best.squaredDistance <= lower * lower { break }
            let y0 = max(cy - r, 0), y1 = min(cy + r, rows - 1)
            if y0 <= y1 {
                for y in y0...y1 {
                    if y == cy - r || y == cy + r {
                        let x0 = max(cx - r, 0), x1 = min(cx + r, columns - 1)
                        if x0 <= x1 { for x in x0...x1 { visit(x, y, p, &best, graph) } }
                    } else {
                        if cx - r >= 0, cx - r < columns { visit(cx - r, y, p, &best, graph) }
                        if r > 0, cx + r >= 0, cx + r < columns { visit(cx + r, y, p, &best, graph) }
                    }
                }
            }
            // The ring encloses the whole grid: nothing is left to visit.
            if cx - r <= 0, cx + r >= columns - 1, cy - r <= 0, cy + r >= rows - 1 { break }
            r += 1
        }
        guard best.edge >= 0, best.squaredDistance <= radius * radius else { return nil }
        return best
    }

    /// Scans cell (x, y) unless all of it is farther from `p` than the best hit so far.
    @inline(__always)
    private func visit(_ x: Int, _ y: Int, _ p: Coordinate, _ best: inout Hit, _ graph: WalkGraph) {
        let minX = originX + Double(x) * cellSize
        let minY = originY + Double(y) * cellSize
        let dx = max(minX - p.x, 0, p.x - (minX + cellSize))
        let dy = max(minY - p.y, 0, p.y - (minY + cellSize))
        if dx * dx + dy * dy > best.squaredDistance { return }
        scan(cell: y * columns + x, p, &best, graph)
    }

    @inline(__always)
    private func scan(cell: Int, _ p: Coordinate, _ best: inout Hit, _ graph: WalkGraph) {
        for k in Int(cellOffsets[cell])..<Int(cellOffsets[cell + 1]) {
            let e = Int(entryEdges[k])
            let j = Int(entrySegments[k])
            let a = graph.metricPoint(e, j)
            let b = graph.metricPoint(e, j + 1)
            let dx = b.x - a.x
            let dy = b.y - a.y
            let l2 = dx * dx + dy * dy
            var t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0
            t = min(max(t, 0), 1)
            let qx = a.x + t * dx - p.x
            let qy = a.y + t * dy - p.y
            let d2 = qx * qx + qy * qy
            if d2 < best.squaredDistance
                || (d2 == best.squaredDistance && (e < best.edge || (e == best.edge && j < best.segment)))
            {
                best = Hit(squaredDistance: d2, edge: e, segment: j, t: t)
            }
        }
    }
}
