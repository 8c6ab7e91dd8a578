/// Where the XML reader's bytes come from: the file itself, or the file through gzip.
protocol XMLByteSource: AnyObject {
    /// Reads up to `count` bytes to `destination`; 0 only at the end of the text.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(OSMError) -> Int
    /// How far into the file (compressed bytes for gzip) the source has read.
    var fileOffset: Int64 { get }
}

/// Plain `.osm` text.
final class PlainXMLSource: XMLByteSource {
    private let file: InputFile

    init(_ file: InputFile) {
        self.file = file
    }

    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(OSMError) -> Int {
        try file.read(into: destination, count: count)
    }

    var fileOffset: Int64 { file.offset }
}

/// `.osm.gz` text, inflated as it is read. Several gzip members one after another (as `cat a.gz b.gz`
/// makes) are read as one text, as gzip itself does.
final class GzipXMLSource: XMLByteSource {
    private let file: InputFile
    private let inflater: Inflater
    private let input = ByteBuffer(capacity: 256 * 1024)
    private var fileEnded = false
    private var finished = false

    init(_ file: InputFile) throws(OSMError) {
        self.file = file
        do {
            inflater = try Inflater(.gzip)
        } catch {
            throw OSMError(.badCompression, file: file.path, error.message)
        }
    }

    var fileOffset: Int64 { file.offset - Int64(inflater.availableInput) }

    /// Hands zlib more compressed bytes when it has none; false when the file has no more.
    private func refillInput() throws(OSMError) -> Bool {
        if inflater.availableInput > 0 { return true }
        if fileEnded { return false }
        let n = try file.read(into: input.base, count: input.capacity)
        if n == 0 {
            fileEnded = true
            return false
        }
        inflater.setInput(input.base, count: n)
        return true
    }

    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(OSMError) -> Int {
        guard !finished, count > 0 else { return 0 }
        var produced = 0
        while produced < count {
            let hasInput = try refillInput()
            let step: Inflater.Step
            do throws(Inflater.Failure) {
                let result = try inflater.inflate(into: destination + produced, capacity: count - produced)
                produced += result.written
                step = result.step
            } catch {
                throw OSMError(
                    .badCompression, file: file.path, at: .byteOffset(fileOffset), "bad gzip data (\(error.message))")
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
                    throw OSMError(
                        .truncated, file: file.path, at: .byteOffset(file.offset),
                        "the gzip data ends before its end marker (truncated file?)")
                }
                if produced > 0 { return produced }
                if inflater.availableInput > 0 {
                    throw OSMError(
                        .badCompression, file: file.path, at: .byteOffset(fileOffset),
                        "bad gzip data (inflate makes no progress)")
                }
            }
        }
        return produced
    }
}

@available(*, unavailable)
extension PlainXMLSource: Sendable {}

@available(*, unavailable)
extension GzipXMLSource: Sendable {}
