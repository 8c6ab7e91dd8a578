public import Testing

/// GDAL's `ogrinfo`, the independent reader of what we write: a file passes when every run exits 0 and prints
/// no line with "Warning" or "ERROR".
public struct OgrReport: Sendable {
    /// `ogrinfo PATH`: the list of layers.
    public var listing: ToolResult
    /// `ogrinfo -al -so PATH`: each layer's summary.
    public var summary: ToolResult
    /// `summary`, parsed.
    public var layers: [String: OgrLayerSummary]

    /// Runs `ogrinfo PATH` and `ogrinfo -al -so PATH`, expecting both to pass (recorded as issues at
    /// `sourceLocation`), and keeps what they said.
    public init(of path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        listing = try ToolRunner.run("ogrinfo", [path])
        summary = try ToolRunner.run("ogrinfo", ["-al", "-so", path])
        for result in [listing, summary] { Self.expectClean(result, sourceLocation: sourceLocation) }
        layers = OgrLayerSummary.parse(summary.output)
    }

    /// Runs `ogrinfo ARGUMENTS` and expects it to pass.
    public static func ogrinfo(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ToolResult
    {
        let result = try ToolRunner.run("ogrinfo", arguments)
        expectClean(result, sourceLocation: sourceLocation)
        return result
    }

    /// Expects an ogrinfo run to have exited 0 without a warning or error line.
    public static func expectClean(_ result: ToolResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let command = result.command.joined(separator: " ")
        #expect(result.status == 0, "\(command) exited \(result.status): \(result.output)", sourceLocation: sourceLocation)
        let bad = result.output.split(separator: "\n").filter { $0.contains("Warning") || $0.contains("ERROR") }
        #expect(bad.isEmpty, "\(command) complained: \(bad.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
}

/// Runs `ogrinfo PATH` and `ogrinfo -al -so PATH`, expects both to pass, and returns the per-layer summary.
public func ogrSummary(of path: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> [String: OgrLayerSummary]
{
    try OgrReport(of: path, sourceLocation: sourceLocation).layers
}
