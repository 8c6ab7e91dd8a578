public import Foundation
import GeoCore
import Projection

/// The network cache: a little-endian binary file that reloads a graph without rebuilding it.
///
/// Layout (format 1):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `89 4C 43 57 4E 0D 0A 1A` ("\x89LCWN\r\n\x1A", so text tools and truncating transfers show) |
/// | 4 | format version, UInt32 (1) |
/// | 4 | flags, UInt32 (0) |
/// | 8 | total file length in bytes, UInt64 |
/// | 8 | node count N, edge count E, interior vertex count I (UInt64 each) |
/// | … | metric CRS definition (UInt32 byte count + UTF-8); provenance (UInt32 pair count, then key and value strings) |
/// | … | node lon/lat (2N Float64), node metric x/y (2N Float64), node external ids (N Int64) |
/// | … | edge sources, targets (E Int32 each), lengths (E Float64), way ids (E Int64), interior offsets (E+1 Int32) |
/// | … | interior lon/lat (2I Float64), interior metric x/y (2I Float64) |
/// | 8 | XXH64 (seed 0) of every byte before it |
///
/// Adjacency and components are derived on loading, so they cannot disagree with the edges.
/// A file that is not a cache, of another format version, truncated, or corrupt is refused with
/// ``WalkNetworkError/cache(file:reason:)``; every count and index is checked before use.
extension WalkGraph {
    public static let cacheFormatVersion: UInt32 = 1
    static let cacheMagic: [UInt8] = [0x89, 0x4C, 0x43, 0x57, 0x4E, 0x0D, 0x0A, 0x1A]

    /// The cache's bytes.
    public func cacheData() -> Data {
        var w = CacheWriter()
        w.bytes.append(contentsOf: Self.cacheMagic)
        w.append(Self.cacheFormatVersion)
        w.append(UInt32(0))
        w.append(UInt64(0))  // total length, patched below
        w.append(UInt64(nodeCount))
        w.append(UInt64(edgeCount))
        w.append(UInt64(interiorCoordinates.count))
        w.append(metricCRS.definition)
        let pairs = provenance.sorted { $0.key < $1.key }
        w.append(UInt32(pairs.count))
        for (key, value) in pairs {
            w.append(key)
            w.append(value)
        }
        w.append(coordinates: nodeCoordinates)
        w.append(coordinates: nodeMetricCoordinates)
        w.append(array: nodeExternalIDs)
        w.append(array: edgeSources)
        w.append(array: edgeTargets)
        w.append(array: edgeLengths.map(\.bitPattern))
        w.append(array: edgeWayIDs)
        w.append(array: interiorOffsets)
        w.append(coordinates: interiorCoordinates)
        w.append(coordinates: interiorMetricCoordinates)
        let total = UInt64(w.bytes.count + 8)
        withUnsafeBytes(of: total.littleEndian) { raw in
            for i in 0..<8 { w.bytes[16 + i] = raw[i] }
        }
        let checksum = w.bytes.withUnsafeBytes { XXHash64.hash($0) }
        w.append(checksum)
        return Data(w.bytes)
    }

    /// Writes the cache to `url` atomically (a temporary file renamed into place), so a failed write
    /// leaves no half-written cache.
    public func write(to url: URL) throws(WalkNetworkError) {
        do {
            try cacheData().write(to: url, options: .atomic)
        } catch {
            throw .cacheWrite(file: url.path, reason: error.localizedDescription)
        }
    }

    /// Reads a cache written by ``write(to:)``.
    public convenience init(contentsOf url: URL) throws(WalkNetworkError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .cache(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(cacheData: data, file: url.path)
    }

    /// Reads a cache from its bytes; `file` is only for messages.
    public convenience init(cacheData data: Data, file: String) throws(WalkNetworkError) {
        let decoded = data.withUnsafeBytes { raw in
            Result { () throws(CacheProblem) in try Self.decodeCache(raw) }
        }
        let (parts, definition, provenance): (Parts, String, [String: String])
        switch decoded {
        case .success(let value): (parts, definition, provenance) = value
        case .failure(let problem): throw .cache(file: file, reason: problem.reason)
        }
        let crs: CRS
        do {
            crs = try CRS(parsing: definition)
        } catch {
            throw .cache(file: file, reason: "its metric CRS '\(definition)' is unknown here (\(error))")
        }
        try self.init(parts: parts, metricCRS: crs, provenance: provenance)
    }

    private static func decodeCache(_ raw: UnsafeRawBufferPointer) throws(CacheProblem) -> (
        Parts, String, [String: String]
    ) {
        guard raw.count >= 8, Array(raw[0..<8]) == cacheMagic else {
            throw CacheProblem("it is not a LifeCircle network cache (the file does not start with its magic bytes)")
        }
        var r = CacheReader(raw)
        r.offset = 8
        let version: UInt32 = try r.read()
        guard version == cacheFormatVersion else {
            throw CacheProblem(
                "it has cache format version \(version); this lifecircle reads version \(cacheFormatVersion)")
        }
        let _: UInt32 = try r.read()
        let declared: UInt64 = try r.read()
        guard declared == UInt64(raw.count) else {
            throw CacheProblem(
                "it is \(raw.count) bytes long but its header says \(declared): it is truncated or was changed")
        }
        let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self))
        let computed = XXHash64.hash(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)]))
        guard stored == computed else {
            throw CacheProblem("its checksum does not match its content: the file is corrupt")
        }
        r.end = raw.count - 8

        let n = try r.count(limit: Int(Int32.max), "node count")
        let e = try r.count(limit: Int(Int32.max), "edge count")
        let i = try r.count(limit: Int(Int32.max), "interior vertex count")
        let definition = try r.readString("metric CRS")
        let pairCount: UInt32 = try r.read()
        var provenance: [String: String] = [:]
        for _ in 0..<pairCount {
            let key = try r.readString("provenance key")
            provenance[key] = try r.readString("provenance value")
        }
        // Sizes are checked against what is left before anything is allocated.
        let needed = (16 + 16 + 8) * n + (4 + 4 + 8 + 8) * e + 4 * (e + 1) + 32 * i
        guard needed == r.end - r.offset else {
            throw CacheProblem(
                "its counts (\(n) nodes, \(e) edges, \(i) vertices) need \(needed) bytes of arrays, it has \(r.end - r.offset)"
            )
        }
        var parts = Parts()
        parts.nodeCoordinates = try r.readCoordinates(n)
        parts.nodeMetricCoordinates = try r.readCoordinates(n)
        parts.nodeExternalIDs = try r.readArray(Int64.self, n)
        parts.edgeSources = try r.readArray(Int32.self, e)
        parts.edgeTargets = try r.readArray(Int32.self, e)
        parts.edgeLengths = try r.readArray(UInt64.self, e).map(Double.init(bitPattern:))
        parts.edgeWayIDs = try r.readArray(Int64.self, e)
        parts.interiorOffsets = try r.readArray(Int32.self, e + 1)
        parts.interiorCoordinates = try r.readCoordinates(i)
        parts.interiorMetricCoordinates = try r.readCoordinates(i)

        // Content that would make indexing go wrong, or distances meaningless.
        for k in 0..<e {
            let s = parts.edgeSources[k]
            let t = parts.edgeTargets[k]
            guard s >= 0, Int(s) < n, t >= 0, Int(t) < n else {
                throw CacheProblem("edge \(k) joins nodes \(s) and \(t), but there are \(n) nodes")
            }
            let length = parts.edgeLengths[k]
            guard length.isFinite, length >= 0 else { throw CacheProblem("edge \(k) has length \(length)") }
        }
        guard parts.interiorOffsets.first == 0, parts.interiorOffsets.last == Int32(i) else {
            throw CacheProblem("its polyline offsets do not span the \(i) polyline vertices")
        }
        for k in 0..<e where parts.interiorOffsets[k] > parts.interiorOffsets[k + 1] {
            throw CacheProblem("the polyline offsets decrease at edge \(k)")
        }
        for (what, list) in [
            ("node", parts.nodeCoordinates), ("polyline vertex", parts.interiorCoordinates),
        ] {
            if let bad = list.firstIndex(where: { !$0.isValidGeographic }) {
                throw CacheProblem("\(what) \(bad) is at (\(list[bad])), not a longitude/latitude")
            }
        }
        for (what, list) in [
            ("node", parts.nodeMetricCoordinates), ("polyline vertex", parts.interiorMetricCoordinates),
        ] {
            if let bad = list.firstIndex(where: { !$0.isFinite }) {
                throw CacheProblem("the metric position of \(what) \(bad) is not finite")
            }
        }
        return (parts, definition, provenance)
    }
}

struct CacheProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Appends little-endian values to a byte array.
struct CacheWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func append<T: FixedWidthInteger>(array: [T]) {
        #if _endian(little)
            array.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
            for value in array { append(value) }
        #endif
    }

    /// x, y interleaved as Float64 bit patterns.
    mutating func append(coordinates: [Coordinate]) {
        let flat = [UInt64](unsafeUninitializedCapacity: 2 * coordinates.count) { buffer, count in
            for (k, c) in coordinates.enumerated() {
                buffer[2 * k] = c.x.bitPattern
                buffer[2 * k + 1] = c.y.bitPattern
            }
            count = 2 * coordinates.count
        }
        append(array: flat)
    }
}

/// Reads little-endian values from bytes, checking every read against the end.
struct CacheReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0
    var end: Int

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
        end = raw.count
    }

    mutating func read<T: FixedWidthInteger>() throws(CacheProblem) -> T {
        let size = MemoryLayout<T>.size
        guard end - offset >= size else { throw CacheProblem("it ends too early (at byte \(offset))") }
        let value = T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += size
        return value
    }

    mutating func count(limit: Int, _ what: String) throws(CacheProblem) -> Int {
        let value: UInt64 = try read()
        guard value < UInt64(limit) else { throw CacheProblem("its \(what) \(value) is impossibly large") }
        return Int(value)
    }

    mutating func readString(_ what: String) throws(CacheProblem) -> String {
        let length: UInt32 = try read()
        guard Int(length) <= end - offset else { throw CacheProblem("its \(what) runs past the end of the file") }
        let bytes = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + Int(length))])
        offset += Int(length)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw CacheProblem("its \(what) is not UTF-8 text")
        }
        return text
    }

    mutating func readArray<T: FixedWidthInteger>(_ type: T.Type, _ count: Int) throws(CacheProblem) -> [T] {
        let size = MemoryLayout<T>.size * count
        guard end - offset >= size else { throw CacheProblem("it ends too early (at byte \(offset))") }
        let start = offset
        offset += size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + size)]))
            }
            #if _endian(big)
                for k in 0..<count { buffer[k] = T(littleEndian: buffer[k]) }
            #endif
            initialized = count
        }
    }

    mutating func readCoordinates(_ count: Int) throws(CacheProblem) -> [Coordinate] {
        let flat = try readArray(UInt64.self, 2 * count)
        return (0..<count).map {
            Coordinate(x: Double(bitPattern: flat[2 * $0]), y: Double(bitPattern: flat[2 * $0 + 1]))
        }
    }
}
