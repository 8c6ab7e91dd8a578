/// Reads integers and doubles from bytes in either byte order, failing (not trapping) past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    var littleEndian = true

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func byte() throws(GeoPackageError) -> UInt8 {
        guard offset < bytes.count else { throw Self.truncated(at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint32() throws(GeoPackageError) -> UInt32 {
        UInt32(truncatingIfNeeded: try unsigned(width: 4))
    }

    mutating func int32() throws(GeoPackageError) -> Int32 {
        Int32(bitPattern: try uint32())
    }

    mutating func double() throws(GeoPackageError) -> Double {
        Double(bitPattern: try unsigned(width: 8))
    }

    mutating func skip(_ count: Int) throws(GeoPackageError) {
        guard count <= remaining else { throw Self.truncated(at: bytes.count) }
        offset += count
    }

    private mutating func unsigned(width: Int) throws(GeoPackageError) -> UInt64 {
        guard width <= remaining else { throw Self.truncated(at: bytes.count) }
        var value: UInt64 = 0
        for i in 0..<width {
            let b = UInt64(bytes[offset + i])
            value |= littleEndian ? b << (8 * UInt64(i)) : b << (8 * UInt64(width - 1 - i))
        }
        offset += width
        return value
    }

    private static func truncated(at offset: Int) -> GeoPackageError {
        GeoPackageError(.invalidGeometry, "the geometry blob ends early (at byte \(offset))")
    }
}

/// Appends little-endian integers and doubles.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func uint32(_ v: UInt32) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }

    mutating func int32(_ v: Int32) { uint32(UInt32(bitPattern: v)) }

    mutating func double(_ v: Double) {
        let bits = v.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }
}
