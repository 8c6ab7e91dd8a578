import GeoCore

/// How ``GeometryEngine/bufferedUnion(_:distance:quadrantSegments:tiling:)`` splits a large dissolve.
///
/// GEOS's union grows faster than linearly with its input, and a district's isochrone is one polygon with a
/// hole for every block: one union of it takes tens of seconds on a 100 000-node network, and so does any
/// merge of its pieces back into one polygon (GEOS 3.11 spends it placing the holes). Tiled, square tiles are
/// laid over the input's extent; each dissolves the pieces whose buffers reach into it and keeps what lies
/// inside its square, the tiles in parallel, each task in a GEOS context of its own. The parts are kept as
/// the parts of one MultiPolygon, 1 mm apart along the tile lines so that it is valid: the same area to about
/// a millionth, the same points inside but for that millimetre.
public enum UnionTiling: Hashable, Sendable {
    /// One union of everything, in the calling engine.
    case none
    /// Square tiles of this side, in units of the CRS (metres).
    case tiles(size: Double)
    /// Tiles when the input holds more than ``automaticThreshold`` vertices, sized for about
    /// ``automaticVerticesPerTile`` vertices each; otherwise one union.
    case automatic

    /// Below this many vertices, one union takes well under a second and tiling would only cut the result.
    public static let automaticThreshold = 40_000
    public static let automaticVerticesPerTile = 20_000

    /// The tile side to use for `pieces`, nil for one union.
    func tileSize(for pieces: [BufferPiece]) -> Double? {
        switch self {
        case .none:
            return nil
        case .tiles(let size):
            return size.isFinite && size > 0 ? size : nil
        case .automatic:
            let vertices = pieces.reduce(0) { $0 + $1.vertexCount }
            guard vertices > Self.automaticThreshold, let extent = BufferPiece.extent(of: pieces) else { return nil }
            let tiles = Double(vertices) / Double(Self.automaticVerticesPerTile)
            let area = max(extent.maxX - extent.minX, 1) * max(extent.maxY - extent.minY, 1)
            let side = (area / tiles).squareRoot()
            return side > 0 && side.isFinite ? side : nil
        }
    }
}
