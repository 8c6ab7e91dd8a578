public import Foundation

/// Which file a path names, however it is spelt: its real path (every symlink resolved, also of a file that does
/// not exist yet, through its nearest existing folder) and, for an existing file, its device and inode, so two
/// hard links of one file are the same file.
public struct FileIdentity: Hashable, Sendable {
    public let path: String
    public let device: UInt64?
    public let inode: UInt64?

    public init(_ path: String) {
        self.path = Self.resolvedPath(path)
        var info = stat()
        if stat(path, &info) == 0 {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        } else {
            device = nil
            inode = nil
        }
    }

    /// The same file: the same real path, or the same device and inode.
    public func isSameFile(as other: FileIdentity) -> Bool {
        if path == other.path { return true }
        guard let device, let inode else { return false }
        return device == other.device && inode == other.inode
    }

    /// The absolute path with every symlink resolved; the part below the nearest existing folder is kept as
    /// written (`.` and `..` removed), so a file about to be made resolves where it will be.
    public static func resolvedPath(_ path: String) -> String {
        var remaining = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        for _ in 0..<64 {
            if let real = realpath(remaining.path, nil) {
                defer { free(real) }
                var resolved = URL(fileURLWithPath: String(cString: real))
                for component in tail.reversed() { resolved.appendPathComponent(component) }
                return resolved.standardizedFileURL.path
            }
            let parent = remaining.deletingLastPathComponent()
            if parent.path == remaining.path { break }
            // A symlink to a file not made yet resolves to where its target will be.
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: remaining.path) {
                remaining = URL(fileURLWithPath: target, relativeTo: parent).standardizedFileURL
                continue
            }
            tail.append(remaining.lastPathComponent)
            remaining = parent
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
