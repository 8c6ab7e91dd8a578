internal import CGEOS

/// Owns GEOS geometries on their way into a polygon or a collection: whatever is still held when the list is
/// released (because building failed half-way) is freed then. `polygon` and `collection` hand everything
/// over to GEOS, which takes ownership of the members even when it fails.
final class GeometryList {
    let engine: GeometryEngine
    private var pointers: [OpaquePointer] = []

    init(_ engine: GeometryEngine, capacity: Int = 0) {
        self.engine = engine
        pointers.reserveCapacity(capacity)
    }

    deinit {
        for pointer in pointers { GEOSGeom_destroy_r(engine.handle, pointer) }
    }

    var count: Int { pointers.count }

    /// Takes ownership of `pointer`.
    func append(_ pointer: OpaquePointer) {
        pointers.append(pointer)
    }

    /// Takes ownership of a copy of `geometry`.
    func appendCopy(of geometry: PlanarGeometry, _ operation: String) throws(GeometryOpsError) {
        try engine.check(geometry, operation)
        engine.resetMessages()
        guard let copy = GEOSGeom_clone_r(engine.handle, geometry.pointer) else {
            throw engine.failure(.operationFailed, operation, "GEOS could not copy a geometry")
        }
        pointers.append(copy)
    }

    /// Hands the members over to a new collection of `type` (an empty one for no members), returned owned.
    func collection(_ type: GEOSTypeID, _ operation: String) throws(GeometryOpsError) -> OpaquePointer {
        let handle = engine.handle
        engine.resetMessages()
        let result: OpaquePointer?
        if pointers.isEmpty {
            result = GEOSGeom_createEmptyCollection_r(handle, type.rawValue)
        } else {
            var members = pointers.map(Optional.some)
            pointers.removeAll()
            result = members.withUnsafeMutableBufferPointer {
                GEOSGeom_createCollection_r(handle, type.rawValue, $0.baseAddress, UInt32($0.count))
            }
        }
        guard let result else {
            throw engine.failure(.operationFailed, operation, "GEOS could not make a \(type.name)")
        }
        return result
    }

    /// Hands the rings over to a new polygon, the first the shell, the rest holes; returned owned.
    func polygon(_ operation: String, at path: String) throws(GeometryOpsError) -> OpaquePointer {
        let handle = engine.handle
        engine.resetMessages()
        guard let shell = pointers.first else {
            guard let empty = GEOSGeom_createEmptyPolygon_r(handle) else {
                throw engine.failure(.operationFailed, operation, "GEOS could not make an empty polygon")
            }
            return empty
        }
        var holes = pointers.dropFirst().map(Optional.some)
        pointers.removeAll()
        let result = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count))
        }
        guard let result else {
            throw engine.failure(.invalidGeometry, operation, "\(path): GEOS could not make a polygon of these rings")
        }
        return result
    }
}

@available(*, unavailable)
extension GeometryList: Sendable {}

extension GeometryList {
    /// Takes copies of the polygons in `geometry` (itself, or the polygons among its parts, at any depth);
    /// lines and points are left out.
    func appendPolygons(of geometry: PlanarGeometry, _ operation: String) throws(GeometryOpsError) {
        try engine.check(geometry, operation)
        try appendPolygons(of: geometry.pointer, operation)
    }

    private func appendPolygons(of g: OpaquePointer, _ operation: String) throws(GeometryOpsError) {
        let handle = engine.handle
        switch GEOSTypeID(rawValue: GEOSGeomTypeId_r(handle, g)) {
        case .polygon?:
            engine.resetMessages()
            guard GEOSisEmpty_r(handle, g) == 0 else { return }
            guard let copy = GEOSGeom_clone_r(handle, g) else {
                throw engine.failure(.operationFailed, operation, "GEOS could not copy a polygon")
            }
            append(copy)
        case .multiPolygon?, .geometryCollection?:
            let count = GEOSGetNumGeometries_r(handle, g)
            guard count >= 0 else { throw engine.failure(.operationFailed, operation, "GEOS could not count the parts") }
            for i in 0..<count {
                guard let member = GEOSGetGeometryN_r(handle, g, i) else {
                    throw engine.failure(.operationFailed, operation, "GEOS could not read part \(i)")
                }
                try appendPolygons(of: member, operation)
            }
        default:
            return
        }
    }
}
