internal import CGEOS
public import GeoCore

extension GeometryEngine {
    /// The union of many geometries at once: they are gathered into one collection and dissolved by GEOS's
    /// unary union (`GEOSUnaryUnion_r`), which unions neighbours first through a spatial index: far faster
    /// than folding `union(with:)` over the list. Empty input gives an empty collection.
    public func union(_ geometries: [Geometry]) throws(GeometryOpsError) -> PlanarGeometry {
        var builder = GEOSBuilder(self, operation: "union")
        let members = GeometryList(self, capacity: geometries.count)
        for (i, geometry) in geometries.enumerated() {
            members.append(try builder.build(geometry, at: "geometries[\(i)]"))
        }
        return try unaryUnion(of: members)
    }

    /// The union of many geometries of this engine at once; see `union(_:)` for values. The inputs are copied
    /// and stay usable.
    public func union(_ geometries: [PlanarGeometry]) throws(GeometryOpsError) -> PlanarGeometry {
        let members = GeometryList(self, capacity: geometries.count)
        for geometry in geometries {
            try members.appendCopy(of: geometry, "union")
        }
        return try unaryUnion(of: members)
    }

    /// Hands the members to a collection and returns its unary union.
    func unaryUnion(of members: GeometryList, _ operation: String = "union") throws(GeometryOpsError)
        -> PlanarGeometry
    {
        let count = members.count
        let collection = PlanarGeometry(owning: try members.collection(.geometryCollection, operation), in: self)
        return try make(operation, "GEOS could not dissolve \(count) geometries") {
            GEOSUnaryUnion_r($0, collection.pointer)
        }
    }
}
