public import Foundation
import GeoCore
import Projection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The network cache: a little-endian binary file that reloads a graph without rebuilding it.
///
/// Layout (format 1; format 2 is the same with the names section, flag bit 0, for a network whose ways have
/// street names: a graph without names is still written as format 1, and both are read):
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
/// | … | format 2 only: street names (UInt32 count, then the strings), each edge's name index (E Int32, -1: none) |
/// | 8 | XXH64 (seed 0) of every byte before it |
///
/// Adjacency and components are derived on loading, so they cannot disagree with the edges.
/// A file that is not a cache, of another format version, truncated, or corrupt is refused with
/// ``WalkNetworkError/cache(file:reason:)``; every count and index is checked before use.
extension WalkGraph {
    /// The newest format this build writes (for a graph with street names) and reads; format 1 is read too.
    public static let cacheFormatVersion: UInt32 = 2
    /// Flag bit 0: the names section follows the arrays.
    static let cacheHasNames: UInt32 = 1
    static let cacheMagic: [UInt8] = [0x89, 0x4C, 0x43, 0x57, 0x4E, 0x0D, 0x0A, 0x1A]

    /// The cache's bytes, in memory (``write(to:)`` streams the same bytes to a file).
    public func cacheData() -> Data {
        var data = Data()
        data.reserveCapacity(cacheByteCount)
        // Appending to memory cannot fail.
        try? writeCache { data.append(contentsOf: $0) }
        return data
    }

    /// Writes the cache to `url` atomically (``AtomicOutput``: a temporary file beside it, flushed and renamed
    /// into place), so a failed or killed write leaves no half-written cache.
    public func write(to url: URL) throws(WalkNetworkError) {
        do {
            try AtomicOutput.replaceFile(url) { temporary in try writeCacheFile(at: temporary, reportingAs: url) }
        } catch let error as WalkNetworkError {
            throw error
        } catch let error as AtomicOutputError {
            throw .cacheWrite(file: url.path, reason: error.reason)
        } catch {
            throw .cacheWrite(file: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes the cache to a new file at `url`, for a caller that puts it in place itself (with other files,
    /// through ``AtomicOutput/replaceFiles(_:by:)``); errors name `target`. The bytes are streamed to the
    /// file in 1 MiB chunks and hashed on the way: the only memory this takes beyond the graph is the chunk.
    public func writeCacheFile(at url: URL, reportingAs target: URL) throws(WalkNetworkError) {
        do {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CacheProblem("cannot create a file in \(url.deletingLastPathComponent().path)")
            }
            let handle = try FileHandle(forWritingTo: url)
            do {
                try writeCache { try handle.write(contentsOf: $0) }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
        } catch let problem as CacheProblem {
            throw .cacheWrite(file: target.path, reason: problem.reason)
        } catch {
            throw .cacheWrite(file: target.path, reason: error.localizedDescription)
        }
    }

    /// The cache's length in bytes, from the counts (the header records it before anything is hashed).
    var cacheByteCount: Int {
        let pairs = provenance.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.utf8.count }
        return Self.cacheHeaderSize + 4 + metricCRS.definition.utf8.count + 4 + pairs
            + Self.cacheArrayBytes(nodes: nodeCount, edges: edgeCount, interiorVertices: interiorCoordinates.count)
            + namesSectionByteCount + 8
    }

    /// The names section's length: nothing for a graph without street names.
    private var namesSectionByteCount: Int {
        guard !edgeNames.isEmpty else { return 0 }
        return 4 + streetNames.reduce(0) { $0 + 4 + $1.utf8.count } + 4 * edgeCount
    }

    /// Magic, version, flags, total length and the three counts.
    static let cacheHeaderSize = 8 + 4 + 4 + 8 + 3 * 8

    /// The bytes of the arrays for these counts (the layout above).
    static func cacheArrayBytes(nodes n: Int, edges e: Int, interiorVertices i: Int) -> Int {
        (16 + 16 + 8) * n + (4 + 4 + 8 + 8) * e + 4 * (e + 1) + 32 * i
    }

    /// Hands the cache's bytes to `sink` in order, in chunks, ending with the checksum of all before it.
    private func writeCache(to sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        var w = CacheWriter(sink: sink)
        let hasNames = !edgeNames.isEmpty
        try w.append(bytes: Self.cacheMagic)
        try w.append(hasNames ? Self.cacheFormatVersion : 1)
        try w.append(hasNames ? Self.cacheHasNames : 0)
        try w.append(UInt64(cacheByteCount))
        try w.append(UInt64(nodeCount))
        try w.append(UInt64(edgeCount))
        try w.append(UInt64(interiorCoordinates.count))
        try w.append(metricCRS.definition)
        let pairs = provenance.sorted { $0.key < $1.key }
        try w.append(UInt32(pairs.count))
        for (key, value) in pairs {
            try w.append(key)
            try w.append(value)
        }
        try w.append(coordinates: nodeCoordinates)
        try w.append(coordinates: nodeMetricCoordinates)
        try w.append(array: nodeExternalIDs)
        try w.append(array: edgeSources)
        try w.append(array: edgeTargets)
        try w.append(each: edgeLengths) { $0.bitPattern }
        try w.append(array: edgeWayIDs)
        try w.append(array: interiorOffsets)
        try w.append(coordinates: interiorCoordinates)
        try w.append(coordinates: interiorMetricCoordinates)
        if hasNames {
            try w.append(UInt32(streetNames.count))
            for name in streetNames { try w.append(name) }
            try w.append(array: edgeNames)
        }
        try w.finish()
    }

    /// Reads a cache written by ``write(to:)``.
    public convenience init(contentsOf url: URL) throws(WalkNetworkError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .cacheNotFound(file: url.path) }
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
        guard version == 1 || version == cacheFormatVersion else {
            throw CacheProblem(
                "it has cache format version \(version); this lifecircle reads versions 1 to \(cacheFormatVersion)")
        }
        let flags: UInt32 = try r.read()
        let hasNames = version >= 2 && flags & cacheHasNames != 0
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
        let needed = cacheArrayBytes(nodes: n, edges: e, interiorVertices: i)
        guard hasNames ? needed + 4 + 4 * e <= r.end - r.offset : needed == r.end - r.offset else {
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
        if hasNames {
            let count: UInt32 = try r.read()
            guard Int(count) <= (r.end - r.offset) / 4 else { throw CacheProblem("its street name count \(count) is impossibly large") }
            parts.streetNames = try (0..<Int(count)).map { _ throws(CacheProblem) in try r.readString("street name") }
            parts.edgeNames = try r.readArray(Int32.self, e)
            guard r.offset == r.end else { throw CacheProblem("it has \(r.end - r.offset) bytes after its street names") }
            if let bad = parts.edgeNames.firstIndex(where: { $0 < -1 || Int($0) >= Int(count) }) {
                throw CacheProblem("edge \(bad) names street \(parts.edgeNames[bad]), but there are \(count) names")
            }
        }

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

/// Hands little-endian values to a sink in chunks of about 1 MiB, hashing every byte on the way, and ends
/// with the XXH64 of all of them (``finish()``). Large arrays go to the sink straight from their storage.
struct CacheWriter {
    private static let chunkSize = 1 << 20
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var chunk: [UInt8] = []
    private var hasher = XXHash64()

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        chunk.reserveCapacity(Self.chunkSize)
    }

    /// Hashes and hands over `bytes`.
    private mutating func emit(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bytes)
        try sink(bytes)
    }

    /// Hands over the chunk gathered so far.
    private mutating func flush() throws {
        guard !chunk.isEmpty else { return }
        try chunk.withUnsafeBytes { bytes in
            hasher.update(bytes)
            try sink(bytes)
        }
        chunk.removeAll(keepingCapacity: true)
    }

    mutating func append(bytes: [UInt8]) throws {
        chunk.append(contentsOf: bytes)
        if chunk.count >= Self.chunkSize { try flush() }
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) throws {
        withUnsafeBytes(of: value.littleEndian) { chunk.append(contentsOf: $0) }
        if chunk.count >= Self.chunkSize { try flush() }
    }

    mutating func append(_ text: String) throws {
        let utf8 = Array(text.utf8)
        try append(UInt32(utf8.count))
        try append(bytes: utf8)
    }

    mutating func append<T: FixedWidthInteger>(array: [T]) throws {
        #if _endian(little)
            try flush()
            try array.withUnsafeBytes { try emit($0) }
        #else
            try append(each: array) { $0 }
        #endif
    }

    /// Each element as the integer `bits` gives, through the chunk.
    mutating func append<Element, T: FixedWidthInteger>(each elements: [Element], _ bits: (Element) -> T) throws {
        for element in elements {
            withUnsafeBytes(of: bits(element).littleEndian) { chunk.append(contentsOf: $0) }
            if chunk.count >= Self.chunkSize { try flush() }
        }
    }

    /// x, y interleaved as Float64 bit patterns.
    mutating func append(coordinates: [Coordinate]) throws {
        for c in coordinates {
            withUnsafeBytes(of: c.x.bitPattern.littleEndian) { chunk.append(contentsOf: $0) }
            withUnsafeBytes(of: c.y.bitPattern.littleEndian) { chunk.append(contentsOf: $0) }
            if chunk.count >= Self.chunkSize { try flush() }
        }
    }

    /// Hands over what is left and the checksum of every byte before it.
    mutating func finish() throws {
        try flush()
        let checksum = hasher.digest()
        try withUnsafeBytes(of: checksum.littleEndian) { try sink($0) }
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
