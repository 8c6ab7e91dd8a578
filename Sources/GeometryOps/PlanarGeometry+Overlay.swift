internal import CGEOS

extension PlanarGeometry {
    /// The points in either geometry, dissolved.
    public func union(with other: PlanarGeometry) throws(GeometryOpsError) -> PlanarGeometry {
        try engine.check(other, "union")
        return try engine.make("union", "GEOS could not compute the union") {
            GEOSUnion_r($0, pointer, other.pointer)
        }
    }

    /// The points in both geometries; empty when they do not meet.
    public func intersection(with other: PlanarGeometry) throws(GeometryOpsError) -> PlanarGeometry {
        try engine.check(other, "intersection")
        return try engine.make("intersection", "GEOS could not compute the intersection") {
            GEOSIntersection_r($0, pointer, other.pointer)
        }
    }

    /// The points of this geometry that are not in `other`.
    public func difference(with other: PlanarGeometry) throws(GeometryOpsError) -> PlanarGeometry {
        try engine.check(other, "difference")
        return try engine.make("difference", "GEOS could not compute the difference") {
            GEOSDifference_r($0, pointer, other.pointer)
        }
    }

    /// This geometry's own parts dissolved into one: overlapping polygons of a multi-polygon or collection
    /// merged, lines noded.
    public func unaryUnion() throws(GeometryOpsError) -> PlanarGeometry {
        try engine.make("unaryUnion", "GEOS could not compute the union") { GEOSUnaryUnion_r($0, pointer) }
    }

    /// Whether the geometries share at least one point.
    public func intersects(_ other: PlanarGeometry) throws(GeometryOpsError) -> Bool {
        try engine.check(other, "intersects")
        return try engine.predicate("intersects") { GEOSIntersects_r($0, pointer, other.pointer) }
    }

    /// Whether `other` lies in this geometry with at least one point in its interior (so a polygon does not
    /// contain a point on its boundary). For many tests against one geometry, use `prepared()`.
    public func contains(_ other: PlanarGeometry) throws(GeometryOpsError) -> Bool {
        try engine.check(other, "contains")
        return try engine.predicate("contains") { GEOSContains_r($0, pointer, other.pointer) }
    }
}
