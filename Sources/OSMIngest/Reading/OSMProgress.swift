/// How far a read has come, for a progress line. The library only reports; the caller renders
/// (the command line writes it to stderr).
public struct OSMProgress: Hashable, Sendable, CustomStringConvertible {
    /// Bytes of the file consumed so far (compressed bytes for `.osm.gz`).
    public var bytesRead: Int64
    /// The size of the file.
    public var totalBytes: Int64
    /// Which pass over the file this is (1-based), for work that reads a file more than once.
    public var pass: Int
    /// How many passes the work makes. A pass that ends early, having found all it needed (the node pass
    /// of a network build, say), stops reporting where it stopped.
    public var passCount: Int

    public init(bytesRead: Int64, totalBytes: Int64, pass: Int = 1, passCount: Int = 1) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.pass = pass
        self.passCount = passCount
    }

    /// Between 0 and 1, for this pass.
    public var fraction: Double {
        totalBytes > 0 ? min(1, max(0, Double(bytesRead) / Double(totalBytes))) : 1
    }

    public var description: String {
        let percent = Int((fraction * 100).rounded(.down))
        let passText = passCount > 1 ? "pass \(pass)/\(passCount): " : ""
        return "\(passText)\(bytesRead)/\(totalBytes) bytes (\(percent)%)"
    }
}

/// Calls the caller's progress handler at most once per percent of the file, plus once at the end.
struct ProgressThrottle {
    private let handler: ((OSMProgress) -> Void)?
    private let totalBytes: Int64
    private let pass: Int
    private let passCount: Int
    private var nextReport: Int64 = 0

    init(_ handler: ((OSMProgress) -> Void)?, totalBytes: Int64, pass: Int, passCount: Int) {
        self.handler = handler
        self.totalBytes = totalBytes
        self.pass = pass
        self.passCount = passCount
    }

    mutating func report(_ bytesRead: Int64) {
        guard let handler, bytesRead >= nextReport else { return }
        nextReport = bytesRead + max(1, totalBytes / 100)
        handler(OSMProgress(bytesRead: bytesRead, totalBytes: totalBytes, pass: pass, passCount: passCount))
    }

    mutating func finish(_ bytesRead: Int64) {
        guard let handler else { return }
        handler(OSMProgress(bytesRead: bytesRead, totalBytes: totalBytes, pass: pass, passCount: passCount))
    }
}
