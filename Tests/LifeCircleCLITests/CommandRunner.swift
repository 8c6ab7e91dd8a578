import Foundation
import TestSupport
import Testing

/// Runs the built `lifecircle` executable in a fresh working folder, as a user would.
struct CommandRunner {
    /// What a `lifecircle` run printed and how it exited. Its own type, so test files need no other import.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// The executable next to the test bundle (`swift build --build-tests` builds both).
    static let executable: URL = {
        // On Linux the test runner is itself the `.xctest` executable, so the first argument finds the build folder
        // (whatever --scratch-path it is); on macOS the bundle does.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0])
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            ?? (runner.pathExtension == "xctest" ? runner : nil)
        let folder = bundle?.deletingLastPathComponent() ?? Repository.root.appendingPathComponent(".build/debug")
        return folder.appendingPathComponent("lifecircle")
    }()

    /// The working folder, made fresh for this runner.
    let folder: URL

    init() throws {
        folder = try TemporaryFolder(prefix: "lifecircle-cli").url
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `lifecircle ARGS` in the folder, with `environment` besides. GeoData is found through
    /// LIFECIRCLE_GEODATA (`geoData`, the repository's by default).
    @discardableResult
    func run(
        _ arguments: [String], geoData: URL = Repository.geoData, environment: [String: String] = [:]
    ) throws -> Result {
        let result = try ToolRunner.run(
            Self.executable, arguments, in: folder,
            environment: environment.merging(["LIFECIRCLE_GEODATA": geoData.path]) { mine, _ in mine })
        return Result(
            status: result.status, stdout: result.stdout, stderr: result.stderr, stdoutBytes: result.stdoutData)
    }

    /// Starts `lifecircle ARGS` in the folder and returns at once, its output discarded: for tests that kill it or
    /// run others beside it.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["LIFECIRCLE_GEODATA": Repository.geoData.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func write(_ name: String, _ text: String, encoding: String.Encoding = .utf8) throws {
        try #require(text.data(using: encoding)).write(to: folder.appendingPathComponent(name))
    }

    /// Installs the built `lifecircle` into `prefix` with `scripts/install.sh --binary`, laid out as install.sh lays
    /// out a release build: PREFIX/bin/lifecircle and its data in PREFIX/share/lifecircle.
    static func install(into prefix: TemporaryFolder) throws {
        let install = try ToolRunner.run(
            "bash",
            [Repository.root.appendingPathComponent("scripts/install.sh").path, "--binary", executable.path,
             prefix.url.path])
        try #require(install.succeeded, "\(install.stderr)")
    }
}
