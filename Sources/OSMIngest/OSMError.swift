/// Why reading an OpenStreetMap file failed: which file, where in it, and why.
///
/// `description` is the message a person reads, e.g.
/// `andorra.osm.pbf: block 7 (byte 181 234): bad zlib data (incorrect data check)`.
public struct OSMError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The closed set of failures.
    public enum Kind: String, Hashable, Sendable {
        /// The file cannot be opened or read.
        case unreadable
        /// The file is neither OSM PBF nor OSM XML (or gzip-compressed OSM XML).
        case notOSM
        /// The file ends in the middle of something.
        case truncated
        /// The bytes do not follow the format: a bad field, a bad number, an index out of range.
        case malformed
        /// The compressed data cannot be inflated.
        case badCompression
        /// The file is well formed but uses something this reader does not support
        /// (a required PBF feature such as `HistoricalInformation`, lzma blobs, osmChange XML).
        case unsupported
        /// An argument of the call is invalid (an empty tag filter, say); no file was read.
        case invalidArgument
    }

    /// Where in the file the failure was found.
    public enum Location: Hashable, Sendable, CustomStringConvertible {
        /// A byte offset from the start of the file.
        case byteOffset(Int64)
        /// A PBF block (0 is the header block) and the byte offset where its framing starts.
        case block(index: Int, byteOffset: Int64)
        /// A line of an XML file (1-based; of the decompressed text for `.osm.gz`).
        case line(Int)

        public var description: String {
            switch self {
            case .byteOffset(let offset): "byte \(offset)"
            case .block(let index, let offset): "block \(index) (byte \(offset))"
            case .line(let line): "line \(line)"
            }
        }
    }

    public var kind: Kind
    /// The path of the file, as the caller gave it; empty for errors that concern no file.
    public var file: String
    public var location: Location?
    /// Why, in words.
    public var reason: String

    public init(_ kind: Kind, file: String, at location: Location? = nil, _ reason: String) {
        self.kind = kind
        self.file = file
        self.location = location
        self.reason = reason
    }

    public var description: String {
        var text = file
        if let location { text += text.isEmpty ? "\(location)" : ": \(location)" }
        return text.isEmpty ? reason : "\(text): \(reason)"
    }
}
