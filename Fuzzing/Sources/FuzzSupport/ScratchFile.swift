public import Foundation

/// One file per input for the readers that take a path, as the CLI hands them one: written over for
/// each input, in a folder of this process under `$TMPDIR` (scripts/fuzz.sh points it at its work folder).
public enum ScratchFile {
    private static let folder: URL = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "/tmp")
        let folder = base.appendingPathComponent("lifecircle-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchFile.folder) }
        return folder
    }()

    /// Writes `bytes` to `name` in the scratch folder and returns its URL. Failing to write is a broken
    /// setup, not a finding, so it stops the run.
    public static func write(_ bytes: Data, as name: String) -> URL {
        let url = folder.appendingPathComponent(name)
        do {
            try bytes.write(to: url)
        } catch {
            fatalError("fuzz harness: cannot write its scratch file \(url.path): \(error)")
        }
        return url
    }
}
