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
    /// much faster than buffering one huge multi-line string. Empty input gives an empty collection.
    /// Invalid input is named by its place in `geometries`.
    public func bufferedUnion(_ geometries: [Geometry], distance: Double, quadrantSegments: Int = 8)
        throws(GeometryOpsError) -> PlanarGeometry
    {
        let operation = "bufferedUnion"
        try BufferStyle.check(distance: distance, quadrantSegments: quadrantSegments, operation)
        var lines: [[Coordinate]] = []
        var others: [(index: Int, geometry: Geometry)] = []
        for (i, geometry) in geometries.enumerated() {
            switch geometry {
            case .lineString(let line):
                try Self.checkLine(line, at: "geometries[\(i)].coordinates", operation)
                if !line.isEmpty { lines.append(line) }
            case .multiLineString(let members):
                for (k, line) in members.enumerated() {
                    try Self.checkLine(line, at: "geometries[\(i)].coordinates[\(k)]", operation)
                    if !line.isEmpty { lines.append(line) }
                }
            default:
                others.append((i, geometry))
            }
        }
        var builder = GEOSBuilder(self, operation: operation)
        let buffers = GeometryList(self, capacity: lines.count / 8 + others.count)
        func addBuffer(of input: OpaquePointer, _ place: String) throws(GeometryOpsError) {
            let input = PlanarGeometry(owning: input, in: self)
            resetMessages()
            guard let buffer = GEOSBuffer_r(handle, input.pointer, distance, Int32(quadrantSegments)) else {
                throw failure(.operationFailed, operation, "GEOS could not buffer \(place)")
            }
            buffers.append(buffer)
        }
        for (k, walk) in LineChains.chain(lines).enumerated() {
            try addBuffer(of: builder.lineString(walk, at: "walk \(k)"), "walk \(k) of the joined lines")
        }
        for (i, geometry) in others {
            try addBuffer(of: builder.build(geometry, at: "geometries[\(i)]"), "geometries[\(i)]")
        }
        return try unaryUnion(of: buffers, operation)
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

/// Checks of buffer arguments, shared by the single and batch forms.
enum BufferStyle {
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
