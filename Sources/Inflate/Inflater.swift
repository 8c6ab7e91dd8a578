internal import CZlib

/// A zlib `inflate` stream, zlib-wrapped (PBF blobs) or gzip-wrapped (`.osm.gz`, `.geojson.gz`), owned by
/// this object and ended in `deinit`. The `z_stream` lives at a fixed address, as zlib requires.
/// Not thread-safe: one per reader.
///
/// The only type that sees zlib; ``GzipReader`` and ``Gzip`` build on it.
public final class Inflater {
    public enum Wrapper: Sendable {
        case zlib
        case gzip
    }

    /// The outcome of one `inflate` step.
    public enum Step: Sendable {
        /// Made progress; more output may follow.
        case progressed
        /// The end of the compressed stream (of one gzip member) was reached.
        case streamEnd
        /// Nothing could be done: more input, or more output space, is needed.
        case stalled
    }

    private let stream: UnsafeMutablePointer<z_stream>

    public init(_ wrapper: Wrapper) throws(InflateError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let windowBits = wrapper == .gzip ? 16 + MAX_WBITS : MAX_WBITS
        let status = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InflateError("zlib cannot start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Forgets the current stream so the next input starts a new one (a new blob, a new gzip member).
    public func reset() { inflateReset(stream) }

    /// The compressed input still to be consumed.
    public var availableInput: Int { Int(stream.pointee.avail_in) }

    /// Hands zlib the next compressed bytes; they must stay valid until consumed.
    public func setInput(_ bytes: UnsafeRawPointer, count: Int) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(count)
    }

    /// Inflates into `output` (at most `capacity` bytes); returns the bytes written and how it went.
    public func inflate(into output: UnsafeMutableRawPointer, capacity: Int) throws(InflateError) -> (
        written: Int, step: Step
    ) {
        stream.pointee.next_out = output.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let written = capacity - Int(stream.pointee.avail_out)
        switch status {
        case Z_OK: return (written, .progressed)
        case Z_STREAM_END: return (written, .streamEnd)
        case Z_BUF_ERROR: return (written, .stalled)
        case Z_NEED_DICT: throw InflateError("the stream needs a preset dictionary")
        case Z_MEM_ERROR: throw InflateError("out of memory")
        default:
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            throw InflateError(detail)
        }
    }

    /// Inflates one whole zlib stream of `count` bytes into `output`, which must hold exactly
    /// `expectedSize` bytes (a PBF blob's `raw_size`). Fails when the data is bad, ends early, or
    /// inflates to any other size.
    public func inflateWhole(
        _ input: UnsafeRawPointer, count: Int, into output: UnsafeMutableRawPointer, expectedSize: Int
    ) throws(InflateError) {
        reset()
        setInput(input, count: count)
        // One spare byte detects data that inflates to more than `raw_size`.
        var produced = 0
        var spare: UInt8 = 0
        while true {
            let result: (written: Int, step: Step)
            if produced < expectedSize {
                result = try inflate(into: output + produced, capacity: expectedSize - produced)
            } else {
                result = try withUnsafeMutablePointer(to: &spare) { (b) throws(InflateError) in
                    try inflate(into: b, capacity: 1)
                }
                if result.written > 0 {
                    throw InflateError("inflates to more than the declared raw_size of \(expectedSize) bytes")
                }
            }
            produced += result.written
            switch result.step {
            case .streamEnd:
                guard produced == expectedSize else {
                    throw InflateError("inflates to \(produced) bytes, not the declared raw_size of \(expectedSize)")
                }
                return
            case .progressed:
                continue
            case .stalled:
                throw InflateError("the compressed data ends early")
            }
        }
    }
}

@available(*, unavailable)
extension Inflater: Sendable {}
