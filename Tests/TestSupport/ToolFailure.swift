import Foundation

/// A tool that could not be started or exited with a non-zero status.
public struct ToolFailure: Error, CustomStringConvertible, Sendable {
    /// What the failed tool left behind; nil when it never started.
    public var result: ToolResult?
    public var description: String

    /// A tool that ran and failed.
    public init(result: ToolResult) {
        self.result = result
        let error = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        description =
            "\(result.command.joined(separator: " ")) exited with status \(result.status)"
            + (error.isEmpty ? "" : ": \(error)")
    }

    /// A tool that could not be run at all.
    public init(_ description: String) {
        result = nil
        self.description = description
    }
}
