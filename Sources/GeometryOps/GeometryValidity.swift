public import GeoCore

/// Whether a geometry is valid in the OGC simple-features sense, and if not, why and where.
public enum GeometryValidity: Hashable, Sendable {
    case valid
    /// `reason` is GEOS's, e.g. `Self-intersection`, `Ring Self-intersection`, `Hole lies outside shell`;
    /// `location` is where GEOS found the problem, when it says.
    case invalid(reason: String, location: Coordinate?)

    public var isValid: Bool { self == .valid }
}

/// How `makeValid(method:)` repairs a geometry (GEOS's `GEOSMakeValidMethods`).
public enum MakeValidMethod: Hashable, Sendable {
    /// Keeps every vertex and edge: the linework is noded and polygons are rebuilt from it, and parts that
    /// collapse to lines or points are kept, so the result may be a collection. PostGIS's default.
    case linework
    /// Rebuilds polygons from the areas their rings enclose, so polygonal input stays polygonal; parts that
    /// collapse to lines or points are dropped unless `keepCollapsed`. (In GEOS 3.11 a hole lying outside
    /// its shell becomes a polygon of its own, by either method.)
    case structure(keepCollapsed: Bool = false)
}
