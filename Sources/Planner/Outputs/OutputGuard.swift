public import FacilityKit
public import Foundation

/// The one check every output path goes through before anything is written: an output may not be the registry,
/// one of the files beside it (``RegistryFiles``), an input of the same command, or another output of it, however
/// the path is spelt (symlinks resolved, hard links found by device and inode). Symlinks are written through: the
/// target is what gets written, the link stays. Character devices and FIFOs (`/dev/stdout`, `/dev/null`, a pipe)
/// are opened and written, never replaced; block devices and sockets are refused.
public struct OutputGuard {
    private var protected: [(identity: FileIdentity, what: OutputRefusal.Protected)] = []
    private var claimed: [(identity: FileIdentity, option: String)] = []

    /// `makes` are the registry's files this command writes itself (`access` its `.access.gpkg`); `inputs` every
    /// file it reads besides the registry (nil entries are options not given).
    public init(registry: String?, inputs: [String?] = [], makes: Set<RegistryFiles.Role> = []) {
        let files = registry.map { RegistryFiles(registry: $0).all } ?? []
        for file in files where !makes.contains(file.role) {
            protected.append((FileIdentity(file.url.path), .registryFile(file.role)))
        }
        for case let input? in inputs {
            protected.append((FileIdentity(input), .input(input)))
        }
    }

    /// Checks a file output and says how to write it.
    public mutating func file(_ path: String, option: String) throws(OutputRefusal) -> OutputTarget {
        let identity = try claim(path, option: option)
        var info = stat()
        guard stat(path, &info) == 0 else { return .file(URL(fileURLWithPath: identity.path)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let underDevices = ["/dev/", "/proc/"].contains { path.hasPrefix($0) || identity.path.hasPrefix($0) }
            return underDevices ? .writeThrough(URL(fileURLWithPath: path)) : .file(URL(fileURLWithPath: identity.path))
        case S_IFCHR, S_IFIFO: return .writeThrough(URL(fileURLWithPath: path))
        case S_IFDIR: throw OutputRefusal(path: path, option: option, reason: .isFolder)
        default: throw OutputRefusal(path: path, option: option, reason: .unsupportedFileType)
        }
    }

    /// Checks a folder output whose files are `entries`: the folder may be new, empty, or hold only what
    /// `isOwnEntry` recognises as a previous run's (it may be replaced whole), and none of the entries may be a
    /// protected file.
    public mutating func folder(
        _ path: String, option: String, entries: [String], isOwnEntry: (String) -> Bool
    ) throws(OutputRefusal) -> URL {
        let identity = try claim(path, option: option)
        let folder = URL(fileURLWithPath: identity.path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw OutputRefusal(path: path, option: option, reason: .notFolder) }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let foreign = contents.filter { !isOwnEntry($0) }.sorted()
            if !foreign.isEmpty { throw OutputRefusal(path: path, option: option, reason: .holdsOtherFiles(foreign)) }
        }
        for entry in entries {
            let file = folder.appendingPathComponent(entry).path
            _ = try claim(file, option: option)
        }
        return folder
    }

    private mutating func claim(_ path: String, option: String) throws(OutputRefusal) -> FileIdentity {
        let identity = FileIdentity(path)
        if let hit = protected.first(where: { identity.isSameFile(as: $0.identity) }) {
            throw OutputRefusal(path: path, option: option, reason: .protected(hit.what))
        }
        if let other = claimed.first(where: { identity.isSameFile(as: $0.identity) }) {
            throw OutputRefusal(path: path, option: option, reason: .sameAsOutput(other.option))
        }
        claimed.append((identity, option))
        return identity
    }
}

/// How an output is written.
public enum OutputTarget: Hashable, Sendable {
    /// A regular file, new or replaced whole; a symlink is resolved to its target.
    case file(URL)
    /// A character device or FIFO: opened and written, never replaced.
    case writeThrough(URL)

    public var url: URL {
        switch self {
        case .file(let url), .writeThrough(let url): url
        }
    }

    /// Writes the output: `make` writes a regular file at the URL it is given (the output itself, or for a device
    /// a temporary file whose bytes are then written to the device).
    public func write<Result>(_ make: (URL) throws -> Result) throws -> Result {
        switch self {
        case .file(let url):
            return try make(url)
        case .writeThrough(let device):
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("lifecircle-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let extensionPart = device.pathExtension.isEmpty ? "" : ".\(device.pathExtension)"
            let staged = folder.appendingPathComponent("output" + extensionPart)
            let result = try make(staged)
            try Self.copy(staged, to: device)
            return result
        }
    }

    /// Writes a file's bytes to a device or FIFO, a MiB at a time; any failure (ENOSPC on `/dev/full`) is an
    /// ``OutputWriteError``.
    static func copy(_ source: URL, to device: URL) throws(OutputWriteError) {
        let input = open(source.path, O_RDONLY)
        guard input >= 0 else { throw OutputWriteError(path: source.path, code: errno) }
        defer { close(input) }
        let output = open(device.path, O_WRONLY)
        guard output >= 0 else { throw OutputWriteError(path: device.path, code: errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                let code = errno
                close(output)
                throw OutputWriteError(path: source.path, code: code)
            }
            if count == 0 { break }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + written, count - written) }
                if n < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    close(output)
                    throw OutputWriteError(path: device.path, code: code)
                }
                written += n
            }
        }
        if close(output) != 0 { throw OutputWriteError(path: device.path, code: errno) }
    }
}

/// An output path refused before anything was written.
public struct OutputRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file an output may not be.
    public enum Protected: Hashable, Sendable {
        case registryFile(RegistryFiles.Role)
        case input(String)
    }

    public enum Reason: Hashable, Sendable {
        case protected(Protected)
        /// Another output of the same command names the file (its option).
        case sameAsOutput(String)
        case isFolder
        case notFolder
        /// The folder holds files that are not a previous run's (the first few, sorted).
        case holdsOtherFiles([String])
        /// A block device or socket.
        case unsupportedFileType
    }

    public let path: String
    public let option: String
    public let reason: Reason

    public var description: String { text(for: .en) }

    public func text(for language: ReportLanguage) -> String {
        let zh = language == .zh
        let head = "\(option) \(path)"
        switch reason {
        case .protected(.registryFile(let role)):
            return zh
                ? "\(head)：这是\(role.label.zh)，不能作为输出文件；请另指定一个输出文件"
                : "\(head): this is \(role.label.en), which is never written as an output; name another output file"
        case .protected(.input(let input)):
            return zh
                ? "\(head)：这是本命令的输入文件 \(input)，不能覆盖；请另指定一个输出文件"
                : "\(head): this is \(input), an input of this command, which is never overwritten; name another output file"
        case .sameAsOutput(let other):
            return zh ? "\(head)：与 \(other) 指向同一文件；请为两者指定不同的文件"
                : "\(head): the same file as \(other); give them different files"
        case .isFolder:
            return zh ? "\(head)：这是一个文件夹，需要一个文件" : "\(head): this is a folder; a file is needed"
        case .notFolder:
            return zh ? "\(head)：这是一个文件，需要一个文件夹" : "\(head): this is a file; a folder is needed"
        case .holdsOtherFiles(let names):
            let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " …" : "")
            return zh
                ? "\(head)：文件夹中有其他文件（\(shown)），不会被替换；请指定一个新的或空的文件夹"
                : "\(head): the folder holds other files (\(shown)), which are never replaced; give a new or empty folder"
        case .unsupportedFileType:
            return zh ? "\(head)：块设备或套接字不能作为输出" : "\(head): a block device or socket cannot be an output"
        }
    }
}

/// Writing an output's bytes to a device or FIFO failed (`/dev/full`: no space left on the device).
public struct OutputWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let code: Int32

    public var description: String { text(for: .en) }

    public func text(for language: ReportLanguage) -> String {
        let reason = String(cString: strerror(code))
        if code == ENOSPC {
            return language == .zh ? "\(path)：无法写入，设备空间不足（no space left on device）"
                : "\(path): cannot write: no space left on the device"
        }
        return language == .zh ? "\(path)：无法写入（\(reason)）" : "\(path): cannot write: \(reason)"
    }
}
