#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an iconv conversion over `bytes` in 64 KiB output chunks, for ``GB18030Decoder`` and ``GBKEncoder``.
/// Returns the converted bytes, how many input bytes were used and, when it stopped early, iconv's error code
/// (EINVAL: a sequence cut off at the end; EILSEQ: a sequence the target cannot hold or the source is not).
func iconvConvert(_ handle: iconv_t, _ bytes: [UInt8]) -> (output: [UInt8], consumed: Int, failure: Int32?) {
    var input = bytes
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 2)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let stop: (consumed: Int, failure: Int32?) = input.withUnsafeMutableBufferPointer { inputBuffer in
        guard let inputStart = inputBuffer.baseAddress else { return (0, nil) }
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
            output.append(contentsOf: chunk[..<(chunk.count - outLeft)])
            // E2BIG only means the chunk is full.
            if result == -1 && code != E2BIG { return (inputBuffer.count - inLeft, code) }
        }
        return (inputBuffer.count, nil)
    }
    return (output, stop.consumed, stop.failure)
}
