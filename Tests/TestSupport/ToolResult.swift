public import Foundation

/// What a finished tool left behind: its exit status and its standard output and error, kept apart.
public struct ToolResult: Sendable {
    /// The tool that ran and its arguments, for messages.
    public var command: [String]
    /// The exit status (or the signal number when the tool was killed by one).
    public var status: Int32
    /// The bytes written to standard output.
    public var stdoutData: Data
    /// The bytes written to standard error.
    public var stderrData: Data

    public init(command: [String], status: Int32, stdoutData: Data, stderrData: Data) {
        self.command = command
        self.status = status
        self.stdoutData = stdoutData
        self.stderrData = stderrData
    }

    /// Whether the tool exited with status 0.
    public var succeeded: Bool { status == 0 }

    /// Standard output as UTF-8 text (invalid bytes replaced).
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

    /// Standard error as UTF-8 text (invalid bytes replaced).
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// Standard output, then standard error, as one text: for "said nothing" and "complained" checks.
    public var output: String {
        let out = stdout
        let err = stderr
        if out.isEmpty || err.isEmpty || out.hasSuffix("\n") { return out + err }
        return out + "\n" + err
    }

    /// This result when the tool exited with status 0; otherwise throws a `ToolFailure`.
    @discardableResult
    public func checked() throws(ToolFailure) -> ToolResult {
        guard succeeded else { throw ToolFailure(result: self) }
        return self
    }
}
