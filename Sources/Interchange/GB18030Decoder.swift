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
        let (utf8, consumed, failure) = iconvConvert(handle, bytes)
        // EINVAL is a sequence cut off at the end, which the next bytes may complete; EILSEQ is a byte that is
        // not GB18030.
        if let failure, failure != EINVAL || isLast { return .invalidByte(at: consumed) }
        return .text(utf8: utf8, consumed: consumed)
    }
}

@available(*, unavailable)
extension GB18030Decoder: Sendable {}
