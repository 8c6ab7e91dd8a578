/// Compressed data that cannot be inflated: what zlib said, or what the reader found (a truncated
/// stream, more output than declared), and how far into the compressed bytes, where that is known.
public struct InflateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Bytes of compressed input consumed when it went wrong; nil when not tracked.
    public var compressedOffset: Int64?
    /// The compressed data stops before its end marker: a truncated file rather than a corrupt one.
    public var isTruncation: Bool

    public init(_ message: String, compressedOffset: Int64? = nil, isTruncation: Bool = false) {
        self.message = message
        self.compressedOffset = compressedOffset
        self.isTruncation = isTruncation
    }

    public var description: String {
        compressedOffset.map { "\(message) (at compressed byte \($0))" } ?? message
    }
}
