public import Foundation

/// Runs external programs (GDAL, PROJ, iconv, our own executable) to completion and collects what they wrote.
public enum ToolRunner {
    /// Runs `tool` with `arguments`: an absolute path is run as it is, a bare name is found on PATH through
    /// `/usr/bin/env`. `stdin` is written to the tool's standard input, which is closed either way.
    /// `environment` is added to this process's environment; `folder` is the working directory.
    public static func run(
        _ tool: String, _ arguments: [String] = [], stdin: Data? = nil, in folder: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> ToolResult {
        if tool.hasPrefix("/") {
            return try run(URL(fileURLWithPath: tool), arguments, stdin: stdin, in: folder, environment: environment)
        }
        return try run(
            URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, stdin: stdin, in: folder,
            environment: environment)
    }

    /// Whether `python3` can import `module` (tests that need it are skipped, and say so, when it cannot).
    public static func pythonModuleAvailable(_ module: String) -> Bool {
        (try? run("python3", ["-c", "import \(module)"]).status) == 0
    }

    /// Runs the executable at `executable`; see `run(_:_:stdin:in:environment:)`.
    public static func run(
        _ executable: URL, _ arguments: [String] = [], stdin: Data? = nil, in folder: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> ToolResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            throw ToolFailure("cannot run \(executable.path): \(error)")
        }

        // Feed stdin and drain stderr on other threads while this one drains stdout, all before waiting
        // for the exit, so that no full pipe can block the tool. A private queue gets threads of its own
        // (not the width-limited global pool that concurrently running tests may be blocking).
        let helpers = DispatchQueue(label: "TestSupport.ToolRunner", attributes: .concurrent)
        let group = DispatchGroup()
        let errorBytes = Collected()
        let writer = input.fileHandleForWriting
        helpers.async(group: group) {
            if let stdin, !stdin.isEmpty { try? writer.write(contentsOf: stdin) }
            try? writer.close()
        }
        let errorReader = error.fileHandleForReading
        helpers.async(group: group) {
            errorBytes.data = errorReader.readDataToEndOfFile()
        }
        let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()

        let command = (executable.path == "/usr/bin/env" ? [] : [executable.path]) + arguments
        return ToolResult(
            command: command, status: process.terminationStatus, stdoutData: outputBytes,
            stderrData: errorBytes.data)
    }
}

/// Bytes handed from a reader thread to the caller; `DispatchGroup.wait()` orders the write before the read.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
