internal import CGEOS
public import GeoCore

extension PlanarGeometry {
    /// The area, in square units of the CRS (m² in a metric CRS); 0 for points and lines.
    public var area: Double {
        get throws(GeometryOpsError) {
            try engine.measure("area") { GEOSArea_r($0, pointer, $1) }
        }
    }

    /// The length of lines, or the perimeter of polygons (all rings), in units of the CRS; 0 for points.
    public var length: Double {
        get throws(GeometryOpsError) {
            try engine.measure("length") { GEOSLength_r($0, pointer, $1) }
        }
    }

    /// The smallest axis-aligned box around the geometry; nil when it is empty.
    public var boundingBox: BoundingBox? {
        get throws(GeometryOpsError) {
            guard try !isEmpty else { return nil }
            var (minX, minY, maxX, maxY) = (0.0, 0.0, 0.0, 0.0)
            engine.resetMessages()
            guard GEOSGeom_getExtent_r(engine.handle, pointer, &minX, &minY, &maxX, &maxY) != 0 else {
                throw engine.failure(.operationFailed, "boundingBox", "GEOS could not compute the extent")
            }
            do {
                return try BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
            } catch {
                throw GeometryOpsError(.invalidGeometry, operation: "boundingBox", "\(error)")
            }
        }
    }

    /// The centre of mass of the geometry's highest dimension (of its area for polygons, of its length for
    /// lines); nil when it is empty. It may lie outside a concave polygon.
    public func centroid() throws(GeometryOpsError) -> Coordinate? {
        let point = try engine.make("centroid", "GEOS could not compute the centroid") {
            GEOSGetCentroid_r($0, pointer)
        }
        guard try !point.isEmpty else { return nil }
        var (x, y) = (0.0, 0.0)
        engine.resetMessages()
        guard GEOSGeomGetX_r(engine.handle, point.pointer, &x) != 0,
            GEOSGeomGetY_r(engine.handle, point.pointer, &y) != 0
        else {
            throw engine.failure(.operationFailed, "centroid", "GEOS could not read the centroid")
        }
        return Coordinate(x: x, y: y)
    }

    /// The bounding box as a geometry: a polygon, or a point or line when the box is degenerate; empty for an
    /// empty geometry.
    public func envelope() throws(GeometryOpsError) -> PlanarGeometry {
        try engine.make("envelope", "GEOS could not compute the envelope") { GEOSEnvelope_r($0, pointer) }
    }

    /// The smallest convex polygon containing the geometry (a point or line when it is degenerate).
    public func convexHull() throws(GeometryOpsError) -> PlanarGeometry {
        try engine.make("convexHull", "GEOS could not compute the convex hull") { GEOSConvexHull_r($0, pointer) }
    }
}
