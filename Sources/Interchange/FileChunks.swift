#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
public import Foundation
import Inflate

/// A file's bytes a chunk at a time, inflated as they come when the file is gzip (told by its magic
/// bytes), so a reader holds one chunk and not the file. Bytes already in
/// memory can be read the same way, as one chunk. Not thread-safe: one per reader.
final class FileChunks {
    /// The chunk size: large enough that the per-chunk work vanishes, small beside any memory.
    static let chunkSize = 1 << 20

    private enum Source {
        case memory(Data, offset: Int)
        case plain(descriptor: Int32)
        case gzip(GzipReader<InterchangeError>, descriptor: Int32)
    }

    private var source: Source
    private let file: String

    /// Opens `url`; fails naming the file when it cannot be opened.
    init(contentsOf url: URL) throws(InterchangeError) {
        let file = url.path(percentEncoded: false)
        self.file = file
        let descriptor = open(file, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotRead(file: file, reason: String(cString: strerror(errno))) }
        var magic = [UInt8](repeating: 0, count: 2)
        let count = pread(descriptor, &magic, 2, 0)
        guard count >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotRead(file: file, reason: reason)
        }
        guard count == 2, Gzip.hasMagic(magic) else {
            source = .plain(descriptor: descriptor)
            return
        }
        do {
            let reader = try GzipReader<InterchangeError>(inputCapacity: Self.chunkSize) {
                buffer throws(InterchangeError) in
                try Self.readSome(descriptor, into: buffer, file: file)
            }
            source = .gzip(reader, descriptor: descriptor)
        } catch {
            close(descriptor)
            throw .badCompression(file: file, reason: error.description)
        }
    }

    /// Bytes in memory, inflated first when they are gzip.
    init(data: Data, file: String) throws(InterchangeError) {
        self.file = file
        guard Gzip.hasMagic(data.prefix(2)) else {
            source = .memory(data, offset: 0)
            return
        }
        let inflated = data.withUnsafeBytes { bytes in
            Result { () throws(InflateError) in try Gzip.inflate(bytes) }
        }
        switch inflated {
        case .success(let bytes): source = .memory(Data(bytes), offset: 0)
        case .failure(let problem): throw .badCompression(file: file, reason: problem.description)
        }
    }

    deinit {
        switch source {
        case .plain(let descriptor), .gzip(_, let descriptor): close(descriptor)
        case .memory: break
        }
    }

    /// The next bytes, nil at the end.
    func next() throws(InterchangeError) -> [UInt8]? {
        switch source {
        case .memory(let data, let offset):
            guard offset < data.count else { return nil }
            let end = min(offset + Self.chunkSize, data.count)
            source = .memory(data, offset: end)
            let start = data.startIndex
            return [UInt8](data[(start + offset)..<(start + end)])
        case .plain(let descriptor):
            var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
            let read = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(InterchangeError) in try Self.readSome(descriptor, into: buffer, file: file) }
            }
            let count = try read.get()
            guard count > 0 else { return nil }
            chunk.removeLast(chunk.count - count)
            return chunk
        case .gzip(let reader, _):
            var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
            let result = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(GzipReader<InterchangeError>.Failure) in
                    try reader.read(into: buffer.baseAddress!, count: buffer.count)
                }
            }
            switch result {
            case .success(let count):
                guard count > 0 else { return nil }
                chunk.removeLast(chunk.count - count)
                return chunk
            case .failure(.source(let error)):
                throw error
            case .failure(.data(let problem)):
                throw .badCompression(file: file, reason: problem.description)
            }
        }
    }

    /// Fills as much of `buffer` as one read gives (retrying on EINTR); 0 at the end of the file.
    private static func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, file: String)
        throws(InterchangeError) -> Int
    {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .cannotRead(file: file, reason: String(cString: strerror(errno)))
        }
    }
}

@available(*, unavailable)
extension FileChunks: Sendable {}
