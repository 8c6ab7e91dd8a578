internal import CGEOS

/// GEOS's STR-packed R-tree (`GEOSSTRtree_*_r`) over geometries of one engine, answering "which of them may
/// meet this one?" by envelope. Items are the geometries' indexes. Insert everything before the first query:
/// GEOS builds the tree then and refuses later inserts.
final class SpatialTree {
    let engine: GeometryEngine
    let pointer: OpaquePointer
    /// The indexed geometries, kept alive as long as the tree.
    private var members: [PlanarGeometry] = []

    init(_ engine: GeometryEngine, nodeCapacity: Int = 10) throws(GeometryOpsError) {
        engine.resetMessages()
        guard let pointer = GEOSSTRtree_create_r(engine.handle, nodeCapacity) else {
            throw engine.failure(.engineFailure, "spatialIndex", "GEOS could not make an STR tree")
        }
        self.engine = engine
        self.pointer = pointer
    }

    deinit {
        GEOSSTRtree_destroy_r(engine.handle, pointer)
    }

    /// Adds `geometry` under the next index (0, 1, …), which `query` reports; empty geometries are kept out
    /// of the tree but still take an index.
    @discardableResult
    func insert(_ geometry: PlanarGeometry) throws(GeometryOpsError) -> Int {
        try engine.check(geometry, "spatialIndex")
        let index = members.count
        members.append(geometry)
        guard try !geometry.isEmpty else { return index }
        engine.resetMessages()
        GEOSSTRtree_insert_r(engine.handle, pointer, geometry.pointer, UnsafeMutableRawPointer(bitPattern: index + 1))
        if let message = engine.lastError {
            throw GeometryOpsError(
                .operationFailed, operation: "spatialIndex", "GEOS could not index geometry \(index)",
                geosMessage: message)
        }
        return index
    }

    /// The indexes of the geometries whose envelope meets `geometry`'s, ascending.
    func query(_ geometry: PlanarGeometry) throws(GeometryOpsError) -> [Int] {
        try engine.check(geometry, "spatialIndex")
        var found: [Int] = []
        engine.resetMessages()
        withUnsafeMutablePointer(to: &found) { found in
            GEOSSTRtree_query_r(
                engine.handle, pointer, geometry.pointer,
                { item, found in
                    guard let found else { return }
                    found.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
                }, found)
        }
        if let message = engine.lastError {
            throw GeometryOpsError(
                .operationFailed, operation: "spatialIndex", "GEOS could not query the tree", geosMessage: message)
        }
        found.sort()
        return found
    }

    func member(_ index: Int) -> PlanarGeometry { members[index] }
}

@available(*, unavailable)
extension SpatialTree: Sendable {}
