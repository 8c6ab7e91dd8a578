internal import CGEOS
public import GeoCore

extension PlanarGeometry {
    /// The points within `distance` of the geometry (round caps and joins), in units of the CRS. A negative
    /// distance shrinks polygons; lines and points then give an empty polygon.
    ///
    /// Circles are approximated by `quadrantSegments` straight segments per quarter circle (8 is GEOS's and
    /// PostGIS's default: a circle's area comes out 0.64 % small; 16 gives 0.16 %).
    public func buffer(by distance: Double, quadrantSegments: Int = 8) throws(GeometryOpsError) -> PlanarGeometry {
        try BufferStyle.check(distance: distance, quadrantSegments: quadrantSegments, "buffer")
        return try engine.make("buffer", "GEOS could not buffer the geometry by \(distance)") {
            GEOSBuffer_r($0, pointer, distance, Int32(quadrantSegments))
        }
    }
}

extension GeometryEngine {
    /// The union of the buffers of many geometries: the area within `distance` of any of them. This is the
    /// isochrone step, buffering every reachable edge portion by 25–50 m and dissolving the lot.
    ///
    /// Line strings that meet end to end (network edges at shared nodes) are first joined into walks of up
    /// to 256 vertices, which buffer to the same area with far fewer overlapping round caps; everything is
    /// then buffered piece by piece and dissolved by one unary union (`GEOSUnaryUnion_r` over a collection),
    /// much faster than buffering one huge multi-line string.
    ///
    /// Large inputs are dissolved in tiles on every core (see ``UnionTiling``): GEOS's union grows faster than
    /// linearly with its input. The result is then a MultiPolygon of the tiles' parts, 1 mm apart along the
    /// tile lines, with the area of one union to about a millionth. Empty input gives an empty collection.
    /// Invalid input is named by its place in `geometries`.
    ///
    /// `simplification`, when above 0, simplifies the result as ``PlanarGeometry/simplify(tolerance:)`` does
    /// (in each tile, in parallel, when tiled).
    public func bufferedUnion(
        _ geometries: [Geometry], distance: Double, quadrantSegments: Int = 8, tiling: UnionTiling = .automatic,
        simplification: Double = 0
    ) throws(GeometryOpsError) -> PlanarGeometry {
        let operation = "bufferedUnion"
        try BufferStyle.check(distance: distance, quadrantSegments: quadrantSegments, operation)
        var pieces: [BufferPiece] = []
        for (i, geometry) in geometries.enumerated() {
            switch geometry {
            case .lineString(let line):
                try Self.checkLine(line, at: "geometries[\(i)].coordinates", operation)
                if !line.isEmpty { pieces.append(.line(line)) }
            case .multiLineString(let members):
                for (k, line) in members.enumerated() {
                    try Self.checkLine(line, at: "geometries[\(i)].coordinates[\(k)]", operation)
                    if !line.isEmpty { pieces.append(.line(line)) }
                }
            default:
                pieces.append(.other(geometry, index: i))
            }
        }
        guard simplification.isFinite, simplification >= 0 else {
            throw GeometryOpsError(
                .invalidArgument, operation: operation,
                "the simplification must be a finite number ≥ 0, got \(simplification)")
        }
        let style = BufferStyle(
            distance: distance, quadrantSegments: quadrantSegments, simplification: simplification,
            operation: operation)
        guard let size = tiling.tileSize(for: pieces) else {
            return try style.dissolve(pieces, in: self)
        }
        return try style.dissolveInTiles(pieces, tileSize: size, into: self)
    }

    /// The checks `GEOSBuilder` makes, here before lines are joined, so errors name the input's place.
    private static func checkLine(_ line: [Coordinate], at path: String, _ operation: String)
        throws(GeometryOpsError)
    {
        guard line.count != 1 else {
            throw GeometryOpsError(
                .invalidGeometry, operation: operation,
                "\(path): a line string needs at least 2 positions (or none), found 1")
        }
        if let bad = line.firstIndex(where: { !$0.isFinite }) {
            throw GeometryOpsError(
                .invalidGeometry, operation: operation,
                "\(path)[\(bad)]: coordinates must be finite numbers, found \(line[bad])")
        }
    }
}

/// Buffer arguments, and their checks shared by the single and batch forms.
struct BufferStyle {
    var distance: Double
    var quadrantSegments: Int
    /// The tolerance the dissolved area is simplified with; 0 for none.
    var simplification: Double = 0
    var operation: String

    static func check(distance: Double, quadrantSegments: Int, _ operation: String) throws(GeometryOpsError) {
        guard distance.isFinite else {
            throw GeometryOpsError(
                .invalidArgument, operation: operation, "the distance must be finite, got \(distance)")
        }
        guard (1...1000).contains(quadrantSegments) else {
            throw GeometryOpsError(
                .invalidArgument, operation: operation,
                "quadrantSegments must be between 1 and 1000, got \(quadrantSegments)")
        }
    }
}
