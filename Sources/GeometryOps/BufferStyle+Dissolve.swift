internal import CGEOS
import Dispatch
import Foundation
public import GeoCore
import Synchronization

/// One input of a buffered union: a line, joined with the lines it meets before buffering, or any other
/// geometry, buffered as it is (`index` is its place in the input, for messages).
enum BufferPiece: Sendable {
    case line([Coordinate])
    case other(Geometry, index: Int)

    var vertexCount: Int {
        switch self {
        case .line(let line): line.count
        case .other(let geometry, _): geometry.coordinates.count
        }
    }

    /// The piece's bounding box; nil when it is empty.
    var box: BoundingBox? {
        switch self {
        case .line(let line): BoundingBox(covering: line)
        case .other(let geometry, _): geometry.boundingBox
        }
    }

    /// The box around all the pieces; nil when none has one.
    static func extent(of pieces: [BufferPiece]) -> BoundingBox? {
        pieces.lazy.compactMap(\.box).reduce(nil) { $0?.union($1) ?? $1 }
    }
}

extension BufferStyle {
    /// Joins the lines into walks, buffers every piece and dissolves the buffers in `engine`, in one union
    /// (simplified when asked).
    func dissolve(_ pieces: [BufferPiece], in engine: GeometryEngine) throws(GeometryOpsError) -> PlanarGeometry {
        var lines: [[Coordinate]] = []
        var others: [(index: Int, geometry: Geometry)] = []
        for piece in pieces {
            switch piece {
            case .line(let line): lines.append(line)
            case .other(let geometry, let index): others.append((index, geometry))
            }
        }
        var builder = GEOSBuilder(engine, operation: operation)
        let buffers = GeometryList(engine, capacity: lines.count / 8 + others.count)
        func addBuffer(of input: OpaquePointer, _ place: String) throws(GeometryOpsError) {
            let input = PlanarGeometry(owning: input, in: engine)
            engine.resetMessages()
            guard let buffer = GEOSBuffer_r(engine.handle, input.pointer, distance, Int32(quadrantSegments)) else {
                throw engine.failure(.operationFailed, operation, "GEOS could not buffer \(place)")
            }
            buffers.append(buffer)
        }
        for (k, walk) in LineChains.chain(lines).enumerated() {
            try addBuffer(of: builder.lineString(walk, at: "walk \(k)"), "walk \(k) of the joined lines")
        }
        for (i, geometry) in others {
            try addBuffer(of: builder.build(geometry, at: "geometries[\(i)]"), "geometries[\(i)]")
        }
        let area = try engine.unaryUnion(of: buffers, operation)
        return simplification > 0 ? try area.simplify(tolerance: simplification) : area
    }

    /// As ``dissolve(_:in:)``, in square tiles of side `tileSize`: each tile dissolves the pieces whose
    /// buffers reach into it and keeps what lies inside its square, the tiles in parallel (one engine per
    /// task: GEOS contexts are not shared between threads). The result, built in `engine` from the tiles'
    /// WKB, is a valid MultiPolygon of the tiles' parts, 1 mm apart along the tile lines (``seamGap``).
    func dissolveInTiles(_ pieces: [BufferPiece], tileSize: Double, into engine: GeometryEngine)
        throws(GeometryOpsError) -> PlanarGeometry
    {
        let tiles = Self.tiles(of: pieces, size: tileSize, margin: distance)
        guard tiles.count > 1 else { return try dissolve(pieces, in: engine) }
        let workers = min(tiles.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let next = Atomic<Int>(0)
        let outcomes = Mutex([Result<[UInt8], GeometryOpsError>?](repeating: nil, count: tiles.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let local: GeometryEngine
            do throws(GeometryOpsError) {
                local = try GeometryEngine()
            } catch {
                // This worker takes one tile and reports why it could not do it.
                let t = next.add(1, ordering: .relaxed).oldValue
                if t < tiles.count { outcomes.withLock { $0[t] = .failure(error) } }
                return
            }
            while true {
                let t = next.add(1, ordering: .relaxed).oldValue
                guard t < tiles.count else { break }
                let outcome = Result { () throws(GeometryOpsError) in
                    let square = try PlanarGeometry(tiles[t].square, in: local)
                    return try dissolve(tiles[t].pieces, in: local).intersection(with: square).wkb()
                }
                outcomes.withLock { $0[t] = outcome }
            }
        }
        let parts = outcomes.withLock { $0 }
        let polygons = GeometryList(engine, capacity: tiles.count)
        for part in parts {
            switch part {
            case .success(let wkb)?: try polygons.appendPolygons(of: PlanarGeometry(wkb: wkb, in: engine), operation)
            case .failure(let error)?: throw error
            case nil:
                throw GeometryOpsError(.engineFailure, operation: operation, "a tile of the dissolve was not computed")
            }
        }
        return PlanarGeometry(owning: try polygons.collection(.multiPolygon, operation), in: engine)
    }

    /// How far apart the parts of neighbouring tiles stay (units of the CRS: 1 mm), so that they never share
    /// an edge and the MultiPolygon they make is valid. The area this leaves out, 1 mm along each tile line,
    /// is about a millionth of a district's isochrone.
    static let seamGap = 0.001

    /// A tile: the square its part is cut to, and the pieces whose buffers reach into it.
    struct Tile: Sendable {
        var square: Geometry
        var pieces: [BufferPiece]
    }

    /// The non-empty tiles of side `size` over the pieces' extent, row by row; a piece goes to every tile its
    /// bounding box, widened by `margin`, touches. At most 64 × 64 tiles: a smaller size is widened to keep
    /// within that.
    static func tiles(of pieces: [BufferPiece], size: Double, margin: Double) -> [Tile] {
        guard let boxes = BufferPiece.extent(of: pieces) else { return [] }
        // The buffers reach `margin` beyond the pieces.
        let reach = abs(margin) + 1e-6 * max(size, 1)
        let extent = (minX: boxes.minX - reach, minY: boxes.minY - reach, maxX: boxes.maxX + reach, maxY: boxes.maxY + reach)
        let width = extent.maxX - extent.minX
        let height = extent.maxY - extent.minY
        var size = size
        while (width / size + 1) * (height / size + 1) > 4096 { size *= 1.5 }
        let columns = Int(width / size) + 1
        let rows = Int(height / size) + 1
        func column(_ x: Double) -> Int { min(max(Int((x - extent.minX) / size), 0), columns - 1) }
        func row(_ y: Double) -> Int { min(max(Int((y - extent.minY) / size), 0), rows - 1) }
        var members = [[BufferPiece]](repeating: [], count: columns * rows)
        for piece in pieces {
            // Empty pieces buffer to nothing.
            guard let box = piece.box else { continue }
            for r in row(box.minY - reach)...row(box.maxY + reach) {
                for c in column(box.minX - reach)...column(box.maxX + reach) { members[r * columns + c].append(piece) }
            }
        }
        let xs = (0...columns).map { extent.minX + Double($0) * size }
        let ys = (0...rows).map { extent.minY + Double($0) * size }
        var tiles: [Tile] = []
        for r in 0..<rows {
            for c in 0..<columns where !members[r * columns + c].isEmpty {
                // Half the gap in from each side of the tile's cell.
                let (x0, x1) = (xs[c] + seamGap / 2, xs[c + 1] - seamGap / 2)
                let (y0, y1) = (ys[r] + seamGap / 2, ys[r + 1] - seamGap / 2)
                let ring = [
                    Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1), Coordinate(x: x0, y: y1),
                    Coordinate(x: x0, y: y0),
                ]
                tiles.append(Tile(square: .polygon([ring]), pieces: members[r * columns + c]))
            }
        }
        return tiles
    }
}
