public import Foundation

/// A fresh, empty folder under the system's temporary directory. It stays until `remove()` is called
/// (usually `defer { folder.remove() }`), so it outlives every use in the test that made it.
public struct TemporaryFolder: Sendable {
    /// Where the folder is.
    public let url: URL

    /// Makes a folder named `<prefix>-<UUID>`.
    public init(prefix: String = "lifecircle-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The folder's path.
    public var path: String { url.path }

    /// The URL of `name` (a file name or a relative path) inside the folder; nothing is created.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The path of `name` inside the folder; nothing is created.
    public func path(_ name: String) -> String { file(name).path }

    /// Writes `text` as UTF-8 to `name` inside the folder and returns its URL.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> URL {
        let target = file(name)
        try Data(text.utf8).write(to: target)
        return target
    }

    /// Deletes the folder and everything in it; a folder already gone is fine.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}
