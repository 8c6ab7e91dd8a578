internal import CGEOS
public import GeoCore

/// A geometry indexed for many predicate tests against it (`GEOSPrepare_r`): point-in-polygon in about
/// logarithmic time in the number of edges, so testing 100 000 grid cells against a study area, or demand
/// points against an admin unit, stays fast.
///
/// Keeps its geometry alive and belongs to the same engine; like it, it must stay in one task. GEOS builds
/// the index on the first test that needs it; a geometry tested once gains nothing from being prepared.
public final class PreparedGeometry {
    /// The geometry the tests are against.
    public let geometry: PlanarGeometry
    let pointer: OpaquePointer
    /// The geometry's bounding box, to answer "no" for far points without GEOS; nil when empty.
    let bounds: BoundingBox?

    public init(_ geometry: PlanarGeometry) throws(GeometryOpsError) {
        let engine = geometry.engine
        let bounds = try geometry.boundingBox
        engine.resetMessages()
        guard let pointer = GEOSPrepare_r(engine.handle, geometry.pointer) else {
            throw engine.failure(.operationFailed, "prepare", "GEOS could not prepare the geometry")
        }
        self.geometry = geometry
        self.pointer = pointer
        self.bounds = bounds
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.engine.handle, pointer)
    }

    var engine: GeometryEngine { geometry.engine }

    /// Whether `other` lies in the geometry with at least one point in its interior.
    public func contains(_ other: PlanarGeometry) throws(GeometryOpsError) -> Bool {
        try engine.check(other, "contains")
        return try engine.predicate("contains") { GEOSPreparedContains_r($0, pointer, other.pointer) }
    }

    /// Whether `other` lies in the geometry's interior, not touching its boundary.
    public func containsProperly(_ other: PlanarGeometry) throws(GeometryOpsError) -> Bool {
        try engine.check(other, "containsProperly")
        return try engine.predicate("containsProperly") {
            GEOSPreparedContainsProperly_r($0, pointer, other.pointer)
        }
    }

    /// Whether `other` shares at least one point with the geometry.
    public func intersects(_ other: PlanarGeometry) throws(GeometryOpsError) -> Bool {
        try engine.check(other, "intersects")
        return try engine.predicate("intersects") { GEOSPreparedIntersects_r($0, pointer, other.pointer) }
    }

    /// Whether the point is in the geometry's interior: a point on a polygon's boundary is not contained.
    public func contains(_ point: Coordinate) throws(GeometryOpsError) -> Bool {
        try test(point, "contains", GEOSPreparedContains_r)
    }

    /// Whether the point is in the geometry or on its boundary.
    public func intersects(_ point: Coordinate) throws(GeometryOpsError) -> Bool {
        try test(point, "intersects", GEOSPreparedIntersects_r)
    }

    /// `contains(_:)` for each point, in order. Points outside the bounding box are answered without GEOS.
    /// Throws `.invalidGeometry` naming the first point that is not finite.
    public func contains(_ points: [Coordinate]) throws(GeometryOpsError) -> [Bool] {
        var result: [Bool] = []
        result.reserveCapacity(points.count)
        for (i, point) in points.enumerated() {
            result.append(try test(point, "contains", GEOSPreparedContains_r, index: i))
        }
        return result
    }

    /// `intersects(_:)` for each point, in order.
    public func intersects(_ points: [Coordinate]) throws(GeometryOpsError) -> [Bool] {
        var result: [Bool] = []
        result.reserveCapacity(points.count)
        for (i, point) in points.enumerated() {
            result.append(try test(point, "intersects", GEOSPreparedIntersects_r, index: i))
        }
        return result
    }

    private typealias PreparedPredicate = (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> CChar

    /// One point against the prepared geometry: a temporary GEOS point, freed at once. (GEOS 3.12's
    /// `GEOSPreparedContainsXY_r` would spare it; 3.11 has none.)
    private func test(_ point: Coordinate, _ operation: String, _ predicate: PreparedPredicate, index: Int? = nil)
        throws(GeometryOpsError) -> Bool
    {
        guard point.isFinite else {
            let which = index.map { "points[\($0)]: " } ?? ""
            throw GeometryOpsError(
                .invalidGeometry, operation: operation, "\(which)coordinates must be finite numbers, found \(point)")
        }
        guard let bounds, bounds.contains(point) else { return false }
        let handle = engine.handle
        engine.resetMessages()
        guard let geosPoint = GEOSGeom_createPointFromXY_r(handle, point.x, point.y) else {
            throw engine.failure(.operationFailed, operation, "GEOS could not make a point")
        }
        defer { GEOSGeom_destroy_r(handle, geosPoint) }
        switch predicate(handle, pointer, geosPoint) {
        case 1: return true
        case 0: return false
        default: throw engine.failure(.operationFailed, operation, "GEOS could not test the point \(point)")
        }
    }
}

@available(*, unavailable)
extension PreparedGeometry: Sendable {}

extension PlanarGeometry {
    /// The geometry indexed for many tests against it.
    public func prepared() throws(GeometryOpsError) -> PreparedGeometry {
        try PreparedGeometry(self)
    }
}
