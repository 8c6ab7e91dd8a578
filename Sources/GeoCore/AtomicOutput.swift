public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file and folder the tool writes goes through here, so a kill at any moment leaves the old output or
/// the new one, never a mix and never a half-written file:
///
/// - a file is written under a temporary name beside its target (`.NAME.lifecircle-tmp-PID`), flushed to disk
///   (`fsync`) and renamed over the target, which `rename(2)` replaces atomically;
/// - files that belong together (``replaceFiles(_:by:)``) are all written first and renamed in the order given,
///   so a reader that checks the last against the first sees a mismatch, never a half-written file;
/// - a folder (``replaceFolder(_:writing:by:)``) is built whole beside its target and exchanged with it in one
///   step (Linux `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`; elsewhere the old folder is
///   renamed aside first), then the old one is removed. A folder holding files the tool would not write is
///   refused, so nothing the user put there is lost.
///
/// Before writing, every call removes the temporary files of processes that are no longer running from the
/// target's folder (``sweep(_:)``), so nothing a `kill -9` left behind outlives the next run.
public enum AtomicOutput {
    /// The marker in every temporary name: `.NAME.lifecircle-tmp-PID`.
    public static let marker = ".lifecircle-tmp-"

    /// The temporary name of `target` for this process, in the same folder (a rename never crosses file systems).
    public static func temporaryURL(for target: URL) -> URL {
        target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent)\(marker)\(getpid())")
    }

    /// Writes `data` to `target` atomically.
    public static func write(_ data: Data, to target: URL) throws {
        try replaceFile(target) { temporary in
            do {
                try data.write(to: temporary)
            } catch {
                throw AtomicOutputError(.cannotWrite, path: target.path, reason: error.localizedDescription)
            }
        }
    }

    /// Has `body` write the new file at the URL it is given (a temporary name beside `target`, which does not
    /// exist yet), then flushes it and renames it over `target`. When `body` throws, the temporary file is
    /// removed and `target` is untouched; the error is rethrown as it is.
    @discardableResult
    public static func replaceFile<T>(_ target: URL, by body: (URL) throws -> T) throws -> T {
        try replaceFiles([target]) { temporaries in try body(temporaries[0]) }
    }

    /// Like ``replaceFile(_:by:)`` for files that belong together: `body` writes all of them, then they are
    /// renamed over their targets in the order given. A kill between two renames leaves the first targets new
    /// and the rest old: put first the file whose mismatch with the others a reader can detect.
    @discardableResult
    public static func replaceFiles<T>(_ targets: [URL], by body: ([URL]) throws -> T) throws -> T {
        for folder in Set(targets.map { $0.deletingLastPathComponent().standardizedFileURL }) { sweep(folder) }
        let temporaries = targets.map(temporaryURL(for:))
        for temporary in temporaries { removeTemporary(temporary) }
        do {
            let result = try body(temporaries)
            for (temporary, target) in zip(temporaries, targets) {
                try flush(temporary, for: target)
            }
            for (temporary, target) in zip(temporaries, targets) {
                guard rename(temporary.path, target.path) == 0 else {
                    throw AtomicOutputError(.cannotWrite, path: target.path, reason: lastError())
                }
                flushFolder(of: target)
            }
            return result
        } catch {
            for temporary in temporaries { removeTemporary(temporary) }
            throw error
        }
    }

    /// Has `body` build the new folder at the URL it is given (an empty folder beside `target`), then swaps it
    /// in whole for `target` and removes the old one. `names` are the files this output consists of: an
    /// existing `target` holding anything else (besides SQLite's `-wal`/`-shm`/`-journal` of those files,
    /// which QGIS leaves) is refused with ``AtomicOutputError/Kind/foreignFiles`` naming them, before `body`
    /// runs; so is a `target` that is a file.
    @discardableResult
    public static func replaceFolder<T>(_ target: URL, writing names: Set<String>, by body: (URL) throws -> T)
        throws -> T
    {
        let fileManager = FileManager.default
        let parent = target.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw AtomicOutputError(.cannotWrite, path: parent.path, reason: error.localizedDescription)
        }
        sweep(parent)
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else {
                throw AtomicOutputError(.notAFolder, path: target.path, reason: "it is a file, not a folder")
            }
            sweep(target)
            let foreign = try foreignEntries(of: target, names: names)
            guard foreign.isEmpty else {
                throw AtomicOutputError(
                    .foreignFiles, path: target.path,
                    reason: "it holds files this command does not write (\(foreign.joined(separator: ", "))); "
                        + "name a new or empty folder, or one written by the same command")
            }
        }
        let temporary = temporaryURL(for: target)
        removeTemporary(temporary)
        do {
            try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
        } catch {
            throw AtomicOutputError(.cannotWrite, path: target.path, reason: error.localizedDescription)
        }
        do {
            let result = try body(temporary)
            for name in try fileManager.contentsOfDirectory(atPath: temporary.path) {
                try flush(temporary.appendingPathComponent(name), for: target)
            }
            try flush(temporary, for: target)
            try swapIn(temporary, for: target, exists: exists)
            flushFolder(of: target)
            return result
        } catch {
            removeTemporary(temporary)
            throw error
        }
    }

    /// Removes the temporary files and folders in `folder` whose process is no longer running (and the
    /// `.NAME.partial` / `.NAME.PID.partial` files of earlier versions), with SQLite's side files of them.
    /// Returns what it removed. Unreadable folders and entries that cannot be removed are left alone.
    @discardableResult
    public static func sweep(_ folder: URL) -> [URL] {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [URL] = []
        for name in names where isStale(name) {
            let url = folder.appendingPathComponent(name)
            if (try? fileManager.removeItem(at: url)) != nil { removed.append(url) }
        }
        return removed
    }

    /// Whether `name` is a temporary name of a process that has ended.
    static func isStale(_ name: String) -> Bool {
        guard name.hasPrefix(".") else { return false }
        var stem = Substring(name)
        for suffix in ["-journal", "-wal", "-shm", "-old"] where stem.hasSuffix(suffix) {
            stem = stem.dropLast(suffix.count)
            break
        }
        if let marked = stem.range(of: marker, options: .backwards) {
            guard let pid = Int32(stem[marked.upperBound...]), pid > 0 else { return false }
            return !isRunning(pid)
        }
        // Earlier versions: `.NAME.partial` (no process id) and `.NAME.PID.partial`.
        guard stem.hasSuffix(".partial") else { return false }
        let parts = stem.dropLast(".partial".count).split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 2, let pid = Int32(parts[parts.count - 1]) { return !isRunning(pid) }
        return parts.count >= 2
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    /// The entries of `folder` that are neither one of `names` nor SQLite's side file of one.
    private static func foreignEntries(of folder: URL, names: Set<String>) throws -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw AtomicOutputError(.cannotWrite, path: folder.path, reason: error.localizedDescription)
        }
        return entries.filter { entry in
            if names.contains(entry) { return false }
            return !["-wal", "-shm", "-journal"].contains { suffix in
                entry.hasSuffix(suffix) && names.contains(String(entry.dropLast(suffix.count)))
            }
        }.sorted()
    }

    /// Puts the folder `temporary` in the place of `target` in one step where the system can.
    private static func swapIn(_ temporary: URL, for target: URL, exists: Bool) throws {
        guard exists else {
            guard rename(temporary.path, target.path) == 0 else {
                throw AtomicOutputError(.cannotWrite, path: target.path, reason: lastError())
            }
            return
        }
        if exchange(temporary.path, target.path) {
            // `temporary` now names the old folder.
            removeTemporary(temporary)
            return
        }
        // No exchange on this system or file system: the old folder goes aside (swept if a kill comes next).
        let aside = URL(fileURLWithPath: temporary.path + "-old")
        removeTemporary(aside)
        guard rename(target.path, aside.path) == 0 else {
            throw AtomicOutputError(.cannotWrite, path: target.path, reason: lastError())
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = lastError()
            _ = rename(aside.path, target.path)
            throw AtomicOutputError(.cannotWrite, path: target.path, reason: reason)
        }
        removeTemporary(aside)
    }

    /// Exchanges two paths atomically; false when the system or file system cannot.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
            // renameat2(2) (Linux 3.15, glibc 2.28), looked up at run time: Glibc's module does not declare it.
            typealias RenameAt2 = @convention(c) (
                Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
            ) -> Int32
            guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 1 << 1
            return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #elseif canImport(Darwin)
            return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #else
            return false
        #endif
    }

    /// `fsync` of a file or folder, so the rename that follows publishes bytes that are on disk.
    private static func flush(_ url: URL, for target: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AtomicOutputError(.cannotWrite, path: target.path, reason: "\(url.lastPathComponent): \(lastError())")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw AtomicOutputError(.cannotWrite, path: target.path, reason: "fsync: \(lastError())")
        }
    }

    /// `fsync` of the folder holding `target`, so the rename itself survives a power cut (best effort).
    private static func flushFolder(of target: URL) {
        let descriptor = open(target.deletingLastPathComponent().path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func removeTemporary(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        for suffix in ["-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: url.path + suffix)
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// An output that could not be put in place. Nothing was changed at its path.
public struct AtomicOutputError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Writing, flushing or renaming failed.
        case cannotWrite
        /// A report folder holds files the command does not write; they are named in the reason.
        case foreignFiles
        /// A folder was expected where a file is.
        case notAFolder
    }

    public let kind: Kind
    public let path: String
    public let reason: String

    public init(_ kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .cannotWrite: "cannot write \(path): \(reason)"
        case .foreignFiles, .notAFolder: "will not replace \(path): \(reason)"
        }
    }
}
