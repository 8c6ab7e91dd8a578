internal import CGEOS

extension PlanarGeometry {
    /// Reads well-known binary (ISO or extended WKB, either byte order; Z and M are read and dropped by later
    /// conversion). Throws `.invalidGeometry` with GEOS's parse message for bytes GEOS cannot read.
    public convenience init(wkb: [UInt8], in engine: GeometryEngine) throws(GeometryOpsError) {
        let handle = engine.handle
        engine.resetMessages()
        guard let reader = GEOSWKBReader_create_r(handle) else {
            throw engine.failure(.engineFailure, "readWKB", "GEOS could not make a WKB reader")
        }
        defer { GEOSWKBReader_destroy_r(handle, reader) }
        let pointer = wkb.withUnsafeBufferPointer {
            GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count)
        }
        guard let pointer else {
            throw engine.failure(.invalidGeometry, "readWKB", "GEOS could not read \(wkb.count) bytes as WKB")
        }
        self.init(owning: pointer, in: engine)
    }

    /// The geometry as 2D little-endian WKB.
    public func wkb() throws(GeometryOpsError) -> [UInt8] {
        let handle = engine.handle
        engine.resetMessages()
        guard let writer = GEOSWKBWriter_create_r(handle) else {
            throw engine.failure(.engineFailure, "writeWKB", "GEOS could not make a WKB writer")
        }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 2)
        GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(handle, writer, pointer, &size) else {
            throw engine.failure(.operationFailed, "writeWKB", "GEOS could not write the geometry as WKB")
        }
        defer { GEOSFree_r(handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}
