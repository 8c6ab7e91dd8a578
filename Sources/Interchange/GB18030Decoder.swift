#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes GB18030 (and so GBK and GB2312) through the C library's iconv. Owns its iconv handle and
/// closes it in `deinit`. Not thread-safe: an iconv handle keeps conversion state, so use one
/// decoder per task.
final class GB18030Decoder {
    /// The outcome of decoding some bytes: their UTF-8 and how many of them were used (a sequence cut
    /// off at the end is left for the next call), or the offset of the first byte that is not GB18030.
    enum Outcome {
        case text(utf8: [UInt8], consumed: Int)
        case invalidByte(at: Int)
    }

    private let handle: iconv_t

    /// Fails with the system's reason when iconv has no GB18030 converter.
    init() throws(InterchangeError) {
        let handle = iconv_open("UTF-8", "GB18030")
        guard let handle, handle != iconv_t(bitPattern: -1) else {
            throw .encodingUnavailable(
                .gbk, reason: "iconv_open(\"UTF-8\", \"GB18030\"): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
    }

    deinit {
        iconv_close(handle)
    }

    /// Decodes `bytes`; unless `isLast`, a sequence cut off at their end is not an error but is left
    /// unused, for the caller to hand over again with the next bytes.
    func decode(_ bytes: [UInt8], isLast: Bool) -> Outcome {
        var input = bytes
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 2)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let stop: (consumed: Int, invalid: Bool) = input.withUnsafeMutableBufferPointer { inputBuffer in
            guard let inputStart = inputBuffer.baseAddress else { return (0, false) }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputStart)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                var outLeft = chunk.count
                let (result, code) = chunk.withUnsafeMutableBufferPointer { outputBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress.map {
                        UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                    }
                    let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno)
                }
                utf8.append(contentsOf: chunk[..<(chunk.count - outLeft)])
                // E2BIG only means the chunk is full; EINVAL is a sequence cut off at the end, which the
                // next bytes may complete; EILSEQ is a byte that is not GB18030.
                if result == -1 && code != E2BIG {
                    return (inputBuffer.count - inLeft, code != EINVAL || isLast)
                }
            }
            return (inputBuffer.count, false)
        }
        if stop.invalid { return .invalidByte(at: stop.consumed) }
        return .text(utf8: utf8, consumed: stop.consumed)
    }
}

@available(*, unavailable)
extension GB18030Decoder: Sendable {}
