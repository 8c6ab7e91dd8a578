public import struct Foundation.URL

/// An OpenStreetMap file: PBF (`.osm.pbf`), XML (`.osm`) or gzip-compressed XML (`.osm.gz`), told
/// apart by their first bytes, not their names. Reading streams through the file in bounded memory
/// and hands elements to a visitor in file order.
///
/// ```swift
/// let file = try OSMFile(path: "andorra.osm.pbf")
/// var counter = ElementCounter()   // an OSMElementVisitor
/// try file.read(into: &counter, options: .waysOnly) { progress in render(progress) }
/// ```
public struct OSMFile: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case pbf
        case xml
        case gzippedXML
    }

    /// The path as the caller gave it; errors name it.
    public let path: String
    public let format: Format
    /// The file's size in bytes (compressed size for `.osm.gz`).
    public let byteCount: Int64

    /// Opens `path` and recognises its format. Fails when the file cannot be read or is not OSM.
    public init(path: String) throws(OSMError) {
        let file = try InputFile(path: path)
        self.path = path
        byteCount = file.size
        let head = ByteBuffer(capacity: 64)
        let count = try file.read(into: head.base, count: 64)
        format = try OSMFile.recognise(Array(UnsafeBufferPointer(start: head.bytes, count: count)), path: path)
    }

    /// Opens the file at `url`; see `init(path:)`.
    public init(url: URL) throws(OSMError) {
        try self.init(path: url.path)
    }

    private static func recognise(_ bytes: [UInt8], path: String) throws(OSMError) -> Format {
        guard !bytes.isEmpty else { throw OSMError(.notOSM, file: path, "is empty") }
        func starts(with prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts(with: [0x1F, 0x8B]) { return .gzippedXML }
        if starts(with: Array("BZh".utf8)) {
            throw OSMError(.unsupported, file: path, "is bzip2-compressed; decompress it first (bunzip2)")
        }
        if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
            throw OSMError(.unsupported, file: path, "is zstd-compressed; decompress it first (unzstd)")
        }
        if starts(with: [0xFF, 0xE0]) {
            throw OSMError(.unsupported, file: path, "is in the o5m format; convert it to PBF (osmium cat)")
        }
        // PBF: a 4-byte length, then a BlobHeader whose field 1 is the string "OSMHeader".
        if bytes.count >= 15, bytes[4] == 0x0A, bytes[5] == 9, Array(bytes[6..<15]) == Array("OSMHeader".utf8) {
            return .pbf
        }
        // XML: "<" after an optional byte order mark and white space.
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        if i < bytes.count, bytes[i] == 0x3C { return .xml }
        throw OSMError(.notOSM, file: path, "is neither OSM PBF nor OSM XML")
    }

    /// What the file says about itself: bounding box, generator and, for PBF, its features.
    /// Fails for PBF files that require features this reader does not support.
    public func readHeader() throws(OSMError) -> OSMFileHeader {
        var ignore = OSMElementHandlers()
        var progress = ProgressThrottle(nil, totalBytes: byteCount, pass: 1, passCount: 1)
        do {
            return try read(into: &ignore, options: .all, progress: &progress, headerOnly: true)
        } catch let error as OSMError {
            throw error
        } catch {
            throw OSMError(.malformed, file: path, "\(error)")  // unreachable: `ignore` never throws
        }
    }

    /// Streams the file's elements to `visitor`, delivering what `options` asks for, and returns the
    /// file's header. Calls `progress` about once per percent of the file.
    ///
    /// Throws `OSMError` for a file that cannot be read, and rethrows what the visitor throws.
    @discardableResult
    public func read<V: OSMElementVisitor>(
        into visitor: inout V, options: OSMReadOptions = .all, progress: ((OSMProgress) -> Void)? = nil
    ) throws -> OSMFileHeader {
        var throttle = ProgressThrottle(progress, totalBytes: byteCount, pass: 1, passCount: 1)
        return try read(into: &visitor, options: options, progress: &throttle)
    }

    /// Streams the file's elements to closures; see `read(into:options:progress:)`.
    @discardableResult
    public func read(
        options: OSMReadOptions = .all, progress: ((OSMProgress) -> Void)? = nil,
        node: ((OSMNode) throws -> Void)? = nil, way: ((OSMWay) throws -> Void)? = nil,
        relation: ((OSMRelation) throws -> Void)? = nil
    ) throws -> OSMFileHeader {
        var handlers = OSMElementHandlers(node: node, way: way, relation: relation)
        return try read(into: &handlers, options: options, progress: progress)
    }

    /// The read behind the public ones, with the progress of one pass among several.
    @discardableResult
    func read<V: OSMElementVisitor>(
        into visitor: inout V, options: OSMReadOptions, progress: inout ProgressThrottle, headerOnly: Bool = false
    ) throws -> OSMFileHeader {
        let file = try InputFile(path: path)
        switch format {
        case .pbf:
            return try PBFFileReader(file).read(
                into: &visitor, options: options, progress: &progress, headerOnly: headerOnly)
        case .xml:
            var reader = OSMXMLReader(source: PlainXMLSource(file), path: path, format: .xml)
            try reader.read(options: options, visitor: &visitor, progress: &progress, headerOnly: headerOnly)
            return reader.header
        case .gzippedXML:
            var reader = OSMXMLReader(source: try GzipXMLSource(file), path: path, format: .gzippedXML)
            try reader.read(options: options, visitor: &visitor, progress: &progress, headerOnly: headerOnly)
            return reader.header
        }
    }
}
