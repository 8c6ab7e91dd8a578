/// Writes protocol buffer bytes by hand, to make small PBF files with exactly the oddity a test needs.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, _ wireType: Int) { varint(UInt64(field << 3 | wireType)) }

    mutating func uint(_ field: Int, _ value: UInt64) {
        key(field, 0)
        varint(value)
    }

    mutating func int(_ field: Int, _ value: Int64) { uint(field, UInt64(bitPattern: value)) }

    mutating func sint(_ field: Int, _ value: Int64) { uint(field, Self.zigzag(value)) }

    mutating func bytes(_ field: Int, _ payload: [UInt8]) {
        key(field, 2)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    mutating func string(_ field: Int, _ text: String) { bytes(field, Array(text.utf8)) }

    mutating func packed(_ field: Int, _ values: [UInt64]) {
        var inner = ProtoWriter()
        for v in values { inner.varint(v) }
        bytes(field, inner.bytes)
    }

    /// Zigzag-coded, delta-coded values, as ids, refs and dense coordinates are stored.
    mutating func packedDeltas(_ field: Int, _ values: [Int64]) {
        var previous: Int64 = 0
        packed(
            field,
            values.map { value in
                defer { previous = value }
                return Self.zigzag(value - previous)
            })
    }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
}

/// Builds a PBF file block by block.
struct PBFBuilder {
    var bytes: [UInt8] = []

    /// Appends a block whose blob holds `payload` raw.
    mutating func block(_ type: String, raw payload: [UInt8]) {
        var blob = ProtoWriter()
        blob.bytes(1, payload)
        blob.uint(2, UInt64(payload.count))
        block(type, blob: blob.bytes)
    }

    /// Appends a block with a blob made by hand (other compressions, bad sizes).
    mutating func block(_ type: String, blob: [UInt8]) {
        var header = ProtoWriter()
        header.string(1, type)
        header.uint(3, UInt64(blob.count))
        let n = UInt32(header.bytes.count)
        bytes += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        bytes += header.bytes
        bytes += blob
    }

    static func headerBlock(required: [String] = ["OsmSchema-V0.6", "DenseNodes"], optional: [String] = [])
        -> [UInt8]
    {
        var w = ProtoWriter()
        w.message(1) { box in  // HeaderBBox in nanodegrees: left, right, top, bottom
            box.sint(1, 1_000_000_000)
            box.sint(2, 2_000_000_000)
            box.sint(3, 43_000_000_000)
            box.sint(4, 42_000_000_000)
        }
        for feature in required { w.string(4, feature) }
        for feature in optional { w.string(5, feature) }
        w.string(16, "lifecircle-tests")
        return w.bytes
    }

    /// A file with the usual header block and then the given data blocks, raw.
    static func file(required: [String] = ["OsmSchema-V0.6", "DenseNodes"], dataBlocks: [[UInt8]]) -> [UInt8] {
        var builder = PBFBuilder()
        builder.block("OSMHeader", raw: headerBlock(required: required))
        for data in dataBlocks { builder.block("OSMData", raw: data) }
        return builder.bytes
    }
}
