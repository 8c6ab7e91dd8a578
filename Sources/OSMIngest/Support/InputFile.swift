#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for reading with POSIX calls into caller-owned memory: no copy, no allocation per
/// read. It owns its descriptor and closes it in `deinit`.
final class InputFile {
    let path: String
    let size: Int64
    /// The offset of the next byte `read` will return.
    private(set) var offset: Int64 = 0
    private let descriptor: Int32

    init(path: String) throws(OSMError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw OSMError(.unreadable, file: path, "cannot open the file: \(InputFile.systemMessage(errno))")
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let code = errno
            close(fd)
            throw OSMError(.unreadable, file: path, "cannot read the file's size: \(InputFile.systemMessage(code))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw OSMError(.unreadable, file: path, "is not a regular file")
        }
        descriptor = fd
        size = Int64(status.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes to `destination`; fewer only at the end of the file.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(OSMError) -> Int {
        var done = 0
        while done < count {
            let n = Glibc_read(descriptor, destination + done, count - done)
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw OSMError(
                    .unreadable, file: path, at: .byteOffset(offset + Int64(done)),
                    "read failed: \(InputFile.systemMessage(errno))")
            }
        }
        offset += Int64(done)
        return done
    }

    /// Moves the read position to `newOffset`.
    func seek(to newOffset: Int64) throws(OSMError) {
        guard lseek(descriptor, off_t(newOffset), SEEK_SET) >= 0 else {
            throw OSMError(.unreadable, file: path, "cannot seek: \(InputFile.systemMessage(errno))")
        }
        offset = newOffset
    }

    static func systemMessage(_ code: Int32) -> String { String(cString: strerror(code)) }
}

@available(*, unavailable)
extension InputFile: Sendable {}

/// POSIX `read`, named apart from the method.
@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
