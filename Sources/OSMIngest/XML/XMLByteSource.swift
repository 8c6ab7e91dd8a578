import Inflate

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

/// `.osm.gz` text, inflated as it is read by Inflate's `GzipReader` (several gzip members one after
/// another, as `cat a.gz b.gz` makes, read as one text, as gzip itself does).
final class GzipXMLSource: XMLByteSource {
    private let file: InputFile
    private let reader: GzipReader<OSMError>

    init(_ file: InputFile) throws(OSMError) {
        self.file = file
        do {
            reader = try GzipReader { buffer throws(OSMError) in
                try file.read(into: buffer.baseAddress!, count: buffer.count)
            }
        } catch {
            throw OSMError(.badCompression, file: file.path, error.message)
        }
    }

    var fileOffset: Int64 { reader.compressedOffset }

    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(OSMError) -> Int {
        do {
            return try reader.read(into: destination, count: count)
        } catch {
            switch error {
            case .source(let failure):
                throw failure
            case .data(let problem):
                throw OSMError(
                    problem.isTruncation ? .truncated : .badCompression, file: file.path,
                    at: .byteOffset(problem.compressedOffset ?? fileOffset), problem.message)
            }
        }
    }
}

@available(*, unavailable)
extension PlainXMLSource: Sendable {}

@available(*, unavailable)
extension GzipXMLSource: Sendable {}
