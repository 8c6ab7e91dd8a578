internal import CGEOS

/// A geometry held by GEOS, in planar coordinates (metres of a projected CRS). Make one from a GeoCore
/// `Geometry` (`init(_:in:)`) or WKB, chain operations on it without converting back, and turn the result into a
/// `Geometry` with `geometry()` at the end.
///
/// Owns its `GEOSGeometry` and frees it when released. It belongs to the engine it was made in and, like the
/// engine, must stay in one task.
public final class PlanarGeometry {
    let engine: GeometryEngine
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`, a geometry made in `engine`'s context.
    init(owning pointer: OpaquePointer, in engine: GeometryEngine) {
        self.engine = engine
        self.pointer = pointer
    }

    deinit {
        GEOSGeom_destroy_r(engine.handle, pointer)
    }

    /// The OGC / GeoJSON type name: `Point`, `LineString`, `LinearRing`, `Polygon`, `MultiPoint`,
    /// `MultiLineString`, `MultiPolygon` or `GeometryCollection`.
    public var typeName: String {
        GEOSTypeID(rawValue: GEOSGeomTypeId_r(engine.handle, pointer))?.name ?? "Unknown"
    }

    /// Whether the geometry has no points at all (`POLYGON EMPTY`, the intersection of disjoint shapes, …).
    public var isEmpty: Bool {
        get throws(GeometryOpsError) {
            try engine.predicate("isEmpty") { GEOSisEmpty_r($0, pointer) }
        }
    }

    /// How many parts a multi-geometry or collection has; 1 for a single geometry, 0 for an empty collection.
    public var partCount: Int {
        get throws(GeometryOpsError) {
            engine.resetMessages()
            let count = GEOSGetNumGeometries_r(engine.handle, pointer)
            guard count >= 0 else {
                throw engine.failure(.operationFailed, "partCount", "GEOS could not count the parts")
            }
            return Int(count)
        }
    }

    /// An independent copy, in the same engine.
    public func copy() throws(GeometryOpsError) -> PlanarGeometry {
        try engine.make("copy", "GEOS could not copy the geometry") { GEOSGeom_clone_r($0, pointer) }
    }
}

@available(*, unavailable)
extension PlanarGeometry: Sendable {}

/// GEOS's geometry type ids (`GEOSGeomTypes`), as Swift cases.
enum GEOSTypeID: Int32 {
    case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

    var name: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .linearRing: "LinearRing"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }
}
