import GeoCore

extension ContouredBuffer.Area {
    /// Checks every polygon with GEOS (`GEOSisValid`) and gives any that the simplification made invalid (two
    /// rings drawn across each other where they pass within the tolerance) its unsimplified rings back, which
    /// are valid as traced. Returns how many polygons were put back; the area is updated.
    public mutating func restoreInvalidPolygons(in engine: GeometryEngine) throws(GeometryOpsError) -> Int {
        guard !unsimplified.isEmpty else { return 0 }
        var restored = 0
        for k in polygons.indices {
            let polygon = try PlanarGeometry(.polygon(polygons[k]), in: engine)
            guard try !polygon.isValid else { continue }
            area += ContouredBuffer.signedArea([unsimplified[k]]) - ContouredBuffer.signedArea([polygons[k]])
            polygons[k] = unsimplified[k]
            restored += 1
        }
        return restored
    }
}
