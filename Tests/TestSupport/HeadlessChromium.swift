public import Foundation

/// Debian's `chromium`, headless, as the tests open the HTML report in a real browser. Each run has
/// its own profile folder and is stopped after `timeLimit` seconds.
public enum HeadlessChromium {
    public static let timeLimit = 20

    /// Where chromium is; throws a message naming `scripts/setup.sh` when it is not installed.
    public static func executable() throws -> String {
        let found = try ToolRunner.run("/bin/sh", ["-c", "command -v chromium || command -v chromium-browser"])
        let path = found.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard found.succeeded, !path.isEmpty else {
            throw ToolFailure("chromium is not installed: scripts/setup.sh installs it (Debian package chromium)")
        }
        return path.split(separator: "\n").first.map(String.init) ?? path
    }

    /// The DOM the browser built from the page, serialised (`--dump-dom`).
    public static func dumpDOM(of page: URL, scratch: TemporaryFolder) throws -> String {
        try run(["--dump-dom", page.absoluteString], scratch: scratch, profile: "dom").stdout
    }

    /// A PNG of the page in a window of `width` × `height` CSS pixels (`--screenshot`).
    public static func screenshot(of page: URL, to png: URL, width: Int, height: Int, scratch: TemporaryFolder) throws {
        try run(
            ["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", page.absoluteString],
            scratch: scratch, profile: "shot-\(png.lastPathComponent)")
    }

    @discardableResult
    private static func run(_ arguments: [String], scratch: TemporaryFolder, profile: String) throws -> ToolResult {
        let chromium = try executable()
        let options = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=\(scratch.path("profile-\(profile)"))",
        ]
        // coreutils' timeout ends a browser that hangs; it exits 124 then.
        let result = try ToolRunner.run("timeout", ["\(timeLimit)", chromium] + options + arguments)
        guard result.status != 124 else {
            throw ToolFailure("chromium took longer than \(timeLimit) s: \(arguments.joined(separator: " "))")
        }
        return try result.checked()
    }
}

/// The width and height in a PNG's IHDR chunk; nil when the bytes are not a PNG.
public func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard bytes.count == 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
        return nil
    }
    func number(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (number(16), number(20))
}
