/// gzip data inflated as it is read, from compressed bytes that `source` hands over a buffer at a time.
/// Several members one after another (as `cat a.gz b.gz` makes) read as one stream, as gzip itself reads
/// them. A stream that stops before its end marker is reported as truncated, not as silently short.
///
/// `SourceError` is what the source throws (a file reader's error; `Never` for bytes in memory); it comes
/// back unchanged as ``Failure/source(_:)``. Not thread-safe: one per reader.
public final class GzipReader<SourceError: Error> {
    /// Fills the buffer with the next compressed bytes and returns how many; 0 only at the end.
    public typealias Source = (UnsafeMutableRawBufferPointer) throws(SourceError) -> Int

    public enum Failure: Error {
        /// The source failed.
        case source(SourceError)
        /// The compressed data is bad or truncated.
        case data(InflateError)
    }

    private let source: Source
    private let inflater: Inflater
    private let input: UnsafeMutableRawBufferPointer
    /// Compressed bytes handed to zlib so far.
    private var handedOver: Int64 = 0
    private var sourceEnded = false
    private var finished = false

    public init(inputCapacity: Int = 256 * 1024, source: @escaping Source) throws(InflateError) {
        inflater = try Inflater(.gzip)
        input = .allocate(byteCount: max(inputCapacity, 64), alignment: 16)
        self.source = source
    }

    deinit { input.deallocate() }

    /// How many compressed bytes have been consumed.
    public var compressedOffset: Int64 { handedOver - Int64(inflater.availableInput) }

    /// Hands zlib more compressed bytes when it has none; false when the source has no more.
    private func refillInput() throws(Failure) -> Bool {
        if inflater.availableInput > 0 { return true }
        if sourceEnded { return false }
        let count: Int
        do {
            count = try source(input)
        } catch {
            throw .source(error)
        }
        guard count > 0, let base = input.baseAddress else {
            sourceEnded = true
            return false
        }
        inflater.setInput(base, count: min(count, input.count))
        handedOver += Int64(min(count, input.count))
        return true
    }

    /// Inflates up to `count` bytes to `destination`; returns how many, 0 only at the end of the data.
    public func read(into destination: UnsafeMutableRawPointer, count: Int) throws(Failure) -> Int {
        guard !finished, count > 0 else { return 0 }
        var produced = 0
        while produced < count {
            let hasInput = try refillInput()
            let step: Inflater.Step
            do throws(InflateError) {
                let result = try inflater.inflate(into: destination + produced, capacity: count - produced)
                produced += result.written
                step = result.step
            } catch {
                throw .data(InflateError("bad gzip data (\(error.message))", compressedOffset: compressedOffset))
            }
            switch step {
            case .progressed:
                continue
            case .streamEnd:
                // The end of one gzip member: another may follow.
                if try refillInput() {
                    inflater.reset()
                } else {
                    finished = true
                    return produced
                }
            case .stalled:
                if !hasInput {
                    throw .data(
                        InflateError(
                            "the gzip data ends before its end marker (truncated file?)", compressedOffset: handedOver,
                            isTruncation: true))
                }
                if produced > 0 { return produced }
                if inflater.availableInput > 0 {
                    throw .data(
                        InflateError("bad gzip data (inflate makes no progress)", compressedOffset: compressedOffset))
                }
            }
        }
        return produced
    }

    /// Everything left to read, inflated. `expectedSize` (when known) sizes the first allocation.
    public func readAll(expectedSize: Int = 0) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(expectedSize + 1, 64 * 1024))
        var filled = 0
        while true {
            if filled == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
            let step = output.withUnsafeMutableBytes { buffer in
                Result { () throws(Failure) in try read(into: buffer.baseAddress! + filled, count: buffer.count - filled) }
            }
            let count = try step.get()
            if count == 0 { break }
            filled += count
        }
        output.removeLast(output.count - filled)
        return output
    }
}

@available(*, unavailable)
extension GzipReader: Sendable {}
