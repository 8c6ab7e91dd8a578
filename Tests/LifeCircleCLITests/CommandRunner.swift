import Foundation
import Testing

/// Runs the built `lifecircle` executable in a fresh working folder, as a user would.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let geoData = repository.appendingPathComponent("GeoData")
    static let sharedGeoData = repository.deletingLastPathComponent().appendingPathComponent("shared/geodata")

    /// The executable next to the test bundle (`swift build --build-tests` builds both).
    static let executable: URL = {
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
        let folder = bundle?.deletingLastPathComponent() ?? repository.appendingPathComponent(".build/debug")
        return folder.appendingPathComponent("lifecircle")
    }()

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lifecircle-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `lifecircle ARGS` in the folder. GeoData is found through LIFECIRCLE_GEODATA.
    @discardableResult
    func run(_ arguments: [String]) throws -> Result {
        try Self.run(Self.executable, arguments, in: folder, environment: ["LIFECIRCLE_GEODATA": Self.geoData.path])
    }

    func write(_ name: String, _ text: String, encoding: String.Encoding = .utf8) throws {
        try #require(text.data(using: encoding)).write(to: folder.appendingPathComponent(name))
    }

    /// Runs any program and collects its output.
    static func run(
        _ program: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
        stdin: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), stdoutBytes: stdout)
    }

    /// GDAL's ogrinfo, the independent reader of what we write.
    static func ogrinfo(_ arguments: [String]) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/ogrinfo"), arguments)
    }
}
