#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Encodes text as GBK (code page 936, what Excel in China reads a CSV without a byte order mark as) through the
/// C library's iconv. GBK, not GB18030: a character outside GBK would become a four-byte GB18030 sequence that
/// Excel shows as garbage, so it is refused instead. Owns its iconv handle; not thread-safe.
final class GBKEncoder {
    private let handle: iconv_t

    init() throws(InterchangeError) {
        let handle = iconv_open("GBK", "UTF-8")
        guard let handle, handle != iconv_t(bitPattern: -1) else {
            throw .encodingUnavailable(.gbk, reason: "iconv_open(\"GBK\", \"UTF-8\"): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
    }

    deinit {
        iconv_close(handle)
    }

    /// The GBK bytes of `text`, or nil when it holds a character GBK lacks.
    func encode(_ text: String) -> [UInt8]? {
        iconv(handle, nil, nil, nil, nil)  // a fresh conversion state
        let (output, _, failure) = iconvConvert(handle, Array(text.utf8))
        return failure == nil ? output : nil
    }
}

@available(*, unavailable)
extension GBKEncoder: Sendable {}
