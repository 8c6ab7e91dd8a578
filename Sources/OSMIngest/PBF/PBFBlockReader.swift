import Inflate

/// The memory one block is read and inflated into, reused block after block.
final class PBFBlockSlot {
    let blob = ByteBuffer(capacity: 1 << 20)
    let raw = ByteBuffer(capacity: 1 << 20)
}

@available(*, unavailable)
extension PBFBlockSlot: Sendable {}

/// Reads the blocks of a PBF file one at a time, with bounded memory: the 4-byte big-endian length of
/// a `BlobHeader`, the header, then the `Blob` (fileformat.proto), inflated when zlib-compressed.
final class PBFBlockReader {
    /// One block, inflated. `data` lives in the slot it was read into, until the slot is reused.
    struct Block {
        var type: String
        var data: UnsafeRawBufferPointer
        /// 0 for the first block of the file (the header block).
        var index: Int
        /// Where the block's length prefix starts.
        var offset: Int64
        /// Where the next block starts.
        var endOffset: Int64
        var location: OSMError.Location { .block(index: index, byteOffset: offset) }
    }

    /// The largest `BlobHeader` and the largest blob, raw or inflated, the format allows.
    static let maximumHeaderSize = 64 * 1024
    static let maximumBlobSize = 32 * 1024 * 1024

    let file: InputFile
    private let headerBuffer = ByteBuffer(capacity: 1024)
    private var inflater: Inflater?
    private var nextIndex = 0

    init(_ file: InputFile) {
        self.file = file
    }

    var path: String { file.path }

    /// The next block, read into `slot`, or nil at the end of the file.
    func next(into slot: PBFBlockSlot) throws(OSMError) -> Block? {
        let blobBuffer = slot.blob
        let index = nextIndex
        let offset = file.offset
        let location = OSMError.Location.block(index: index, byteOffset: offset)

        var prefix: UInt32 = 0
        let got = try withUnsafeMutableBytes(of: &prefix) { (b) throws(OSMError) in
            try file.read(into: b.baseAddress!, count: 4)
        }
        if got == 0 {
            guard index > 0 else { throw OSMError(.notOSM, file: path, "is empty") }
            return nil
        }
        guard got == 4 else {
            throw OSMError(.truncated, file: path, at: location, "the file ends inside a block's length prefix")
        }
        let headerSize = Int(UInt32(bigEndian: prefix))
        guard headerSize <= Self.maximumHeaderSize else {
            if index == 0 { throw OSMError(.notOSM, file: path, "is not an OSM PBF file (no block header at its start)") }
            throw OSMError(
                .malformed, file: path, at: location,
                "block header length \(headerSize) exceeds the format's limit of 64 KiB (corrupt data?)")
        }
        headerBuffer.reserve(headerSize)
        guard try file.read(into: headerBuffer.base, count: headerSize) == headerSize else {
            throw OSMError(.truncated, file: path, at: location, "the file ends inside a block header")
        }

        var type: String?
        var dataSize: Int?
        do throws(WireError) {
            var reader = WireReader(UnsafeRawBufferPointer(start: headerBuffer.base, count: headerSize))
            while let (number, wireType) = try reader.field() {
                switch (number, wireType) {
                case (1, .lengthDelimited): type = try reader.string()
                case (3, .varint): dataSize = Int(try reader.int32())
                default: try reader.skip(wireType)
                }
            }
        } catch {
            if index == 0 { throw OSMError(.notOSM, file: path, "is not an OSM PBF file (unreadable block header)") }
            throw OSMError(.malformed, file: path, at: location, "unreadable block header: \(error.reason)")
        }
        guard let type, let dataSize else {
            if index == 0 { throw OSMError(.notOSM, file: path, "is not an OSM PBF file (unreadable block header)") }
            throw OSMError(.malformed, file: path, at: location, "a block header lacks its type or size")
        }
        guard (0...Self.maximumBlobSize).contains(dataSize) else {
            throw OSMError(
                .malformed, file: path, at: location,
                "block size \(dataSize) is outside the format's limit of 32 MiB (corrupt data?)")
        }
        blobBuffer.reserve(dataSize)
        let read = try file.read(into: blobBuffer.base, count: dataSize)
        guard read == dataSize else {
            throw OSMError(
                .truncated, file: path, at: location,
                "the file ends \(read) bytes into a \(type) block of \(dataSize) bytes")
        }
        nextIndex += 1
        let data = try inflate(UnsafeRawBufferPointer(start: blobBuffer.base, count: dataSize), into: slot.raw, location)
        return Block(type: type, data: data, index: index, offset: offset, endOffset: file.offset)
    }

    /// The blob's contents: the raw bytes in place, or zlib data inflated into `rawBuffer`.
    private func inflate(
        _ blob: UnsafeRawBufferPointer, into rawBuffer: ByteBuffer, _ location: OSMError.Location
    ) throws(OSMError) -> UnsafeRawBufferPointer {
        var raw: UnsafeRawBufferPointer?
        var zlib: UnsafeRawBufferPointer?
        var rawSize: Int?
        var otherCompression: String?
        do throws(WireError) {
            var reader = WireReader(blob)
            while let (number, type) = try reader.field() {
                switch (number, type) {
                case (1, .lengthDelimited): raw = try reader.bytes()
                case (2, .varint): rawSize = Int(try reader.int32())
                case (3, .lengthDelimited): zlib = try reader.bytes()
                case (4, .lengthDelimited): otherCompression = "lzma"; try reader.skip(type)
                case (5, .lengthDelimited): otherCompression = "bzip2"; try reader.skip(type)
                case (6, .lengthDelimited): otherCompression = "lz4"; try reader.skip(type)
                case (7, .lengthDelimited): otherCompression = "zstd"; try reader.skip(type)
                default: try reader.skip(type)
                }
            }
        } catch {
            throw OSMError(
                error.kind == .truncated ? .truncated : .malformed, file: path, at: location,
                "unreadable block: \(error.reason)")
        }
        if let raw { return raw }
        if let zlib {
            if let rawSize {
                guard (0...Self.maximumBlobSize).contains(rawSize) else {
                    throw OSMError(
                        .malformed, file: path, at: location,
                        "declared raw size \(rawSize) is outside the format's limit of 32 MiB (corrupt data?)")
                }
                rawBuffer.reserve(rawSize)
                do throws(InflateError) {
                    let inflater = try self.inflaterForBlobs()
                    try inflater.inflateWhole(
                        zlib.baseAddress ?? UnsafeRawPointer(rawBuffer.base), count: zlib.count,
                        into: rawBuffer.base, expectedSize: rawSize)
                } catch {
                    throw OSMError(.badCompression, file: path, at: location, "bad zlib data (\(error.message))")
                }
                return UnsafeRawBufferPointer(start: rawBuffer.base, count: rawSize)
            }
            return try inflateUnsized(zlib, into: rawBuffer, location)
        }
        if let otherCompression {
            throw OSMError(
                .unsupported, file: path, at: location,
                "the block is \(otherCompression)-compressed, which this reader does not support "
                    + "(recompress with `osmium cat IN -o OUT.osm.pbf`, which uses zlib)")
        }
        throw OSMError(.malformed, file: path, at: location, "the block holds no data")
    }

    /// Inflates zlib data whose size the blob does not declare, up to the format's limit.
    private func inflateUnsized(
        _ zlib: UnsafeRawBufferPointer, into rawBuffer: ByteBuffer, _ location: OSMError.Location
    ) throws(OSMError) -> UnsafeRawBufferPointer {
        do throws(InflateError) {
            let inflater = try inflaterForBlobs()
            inflater.reset()
            inflater.setInput(zlib.baseAddress ?? UnsafeRawPointer(rawBuffer.base), count: zlib.count)
            var produced = 0
            while true {
                if produced == rawBuffer.capacity {
                    guard produced < Self.maximumBlobSize else {
                        throw InflateError("inflates to more than the format's limit of 32 MiB")
                    }
                    rawBuffer.reserve(produced * 2, keeping: produced)
                }
                let (written, step) = try inflater.inflate(
                    into: rawBuffer.base + produced, capacity: rawBuffer.capacity - produced)
                produced += written
                switch step {
                case .streamEnd: return UnsafeRawBufferPointer(start: rawBuffer.base, count: produced)
                case .progressed: continue
                case .stalled:
                    if produced < rawBuffer.capacity {
                        throw InflateError("the compressed data ends early")
                    }
                }
            }
        } catch {
            throw OSMError(.badCompression, file: path, at: location, "bad zlib data (\(error.message))")
        }
    }

    private func inflaterForBlobs() throws(InflateError) -> Inflater {
        if let inflater { return inflater }
        let made = try Inflater(.zlib)
        inflater = made
        return made
    }
}

@available(*, unavailable)
extension PBFBlockReader: Sendable {}
