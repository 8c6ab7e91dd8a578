import Foundation
import TestSupport
import Testing

/// `lifecircle serve` as QGIS and GDAL use it: the built executable on a registry made from GeoData's samples,
/// read with GDAL's OGC API – Features client (OAPIF), and stopped with SIGTERM.
@Suite("lifecircle serve, read by GDAL", .serialized)
struct ServeCommandTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
        let helsinki = Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path
        let monaco = Repository.geoData.appendingPathComponent("samples/monaco_toilets.geojson").path
        let first = try cli.run(["import", "public_toilet", helsinki, "--crs", "EPSG:4326"])
        try #require(first.status == 0, "\(first.stderr)")
        let second = try cli.run(["import", "public_toilet", monaco])
        try #require(second.status == 0, "\(second.stderr)")
    }

    @Test func gdalListsCopiesAndFiltersTheRegistry() throws {
        let server = try RunningServer(cli, ["--port", "0"])
        defer { server.stop() }
        let source = "OAPIF:\(server.url)"

        let layers = try ToolRunner.run("ogrinfo", ["-ro", "-q", source])
        #expect(layers.status == 0, "\(layers.stderr)")
        #expect(layers.stdout.contains("public_toilet"))

        let summary = try ToolRunner.run("ogrinfo", ["-ro", "-so", source, "public_toilet"])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("Feature Count: 24"), "\(summary.stdout)")

        // A copy through GDAL holds what `list` shows, attribute for attribute.
        let copy = cli.path("copy.gpkg")
        let copied = try ToolRunner.run("ogr2ogr", ["-f", "GPKG", copy, source, "public_toilet"])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(try OgrReport(of: copy).summary.stdout.contains("Feature Count: 24"))
        let dump = try ToolRunner.run("ogrinfo", ["-ro", "-q", copy, "public_toilet", "-fields=YES"]).stdout
        let listed = try cli.run(["list", "public_toilet", "--json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdoutBytes)) as? [[String: Any]])
        #expect(records.count == 24)
        for record in records.prefix(5) {
            let id = try #require(record["facility_id"] as? String ?? record["id"] as? String)
            let name = try #require(record["name"] as? String)
            #expect(dump.contains("facility_id (String) = \(id)"), "\(id)")
            #expect(dump.contains("name (String) = \(name)"), "\(name)")
        }

        // GDAL sends a spatial filter as bbox: only Monaco's 7.
        let monaco = try ToolRunner.run(
            "ogrinfo", ["-ro", "-so", "-spat", "7.3", "43.7", "7.5", "43.8", source, "public_toilet"])
        #expect(monaco.stdout.contains("Feature Count: 7"), "\(monaco.stdout)")

        // Every feature, through the paging links, at 5 a page.
        let paged = try ToolRunner.run(
            "ogrinfo", ["-ro", "-q", "-oo", "PAGE_SIZE=5", source, "public_toilet", "-fields=NO", "-geom=NO"])
        #expect(paged.stdout.components(separatedBy: "OGRFeature(public_toilet)").count - 1 == 24, "\(paged.stdout)")

        // Each request made one line of the access log, as JSON.
        let stopped = server.stop()
        #expect(stopped.status == 0, "serve exited \(stopped.status): \(stopped.stderr)")
        let logLines = stopped.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(logLines.count >= 5)
        let entry = try #require(
            try JSONSerialization.jsonObject(with: Data(logLines[0].utf8)) as? [String: Any])
        #expect(entry["method"] as? String == "GET" && entry["status"] is Int && entry["ms"] is Double)
        #expect(stopped.stderr.contains("已停止"))
    }

    @Test func errorsAnswerWithProblemsAndATakenPortIsRefused() throws {
        let server = try RunningServer(cli, ["--port", "0", "--lang", "en"])
        defer { server.stop() }
        let bad = try ToolRunner.run("curl", ["-s", "-w", "\n%{http_code}", "\(server.url)/collections/public_toilet/items?limit=x"])
        #expect(bad.stdout.hasSuffix("\n400"))
        #expect(bad.stdout.contains("\"parameter\":\"limit\""))
        let missing = try ToolRunner.run("curl", ["-s", "-w", "\n%{http_code}", "\(server.url)/collections/no_such_kind/items"])
        #expect(missing.stdout.hasSuffix("\n404"))
        #expect(missing.stdout.contains("no collection no_such_kind"))

        let port = try #require(URL(string: server.url)?.port)
        let second = try cli.run(["serve", "--port", String(port)])
        #expect(second.status == 73, "\(second.stderr)")
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(port)"))
    }

    @Test func aMissingRegistryIsRefusedBeforeListening() throws {
        let result = try cli.run(["serve", "--registry", "none.gpkg", "--port", "0"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("none.gpkg"))
    }
}

/// `lifecircle serve ARGS` running in the background until `stop()`; `url` is the landing page it printed.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let url: String
    private let stdoutFile: URL
    private let stderrFile: URL
    private var finished: (status: Int32, stderr: String)?

    init(_ cli: CommandRunner, _ arguments: [String]) throws {
        stdoutFile = cli.folder.appendingPathComponent("serve-\(UUID().uuidString).out")
        stderrFile = cli.folder.appendingPathComponent("serve-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = cli.folder
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["LIFECIRCLE_GEODATA": Repository.geoData.path]) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        // The URL line comes once the socket is bound.
        let deadline = Date().addingTimeInterval(30)
        var found: String?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/api"#, options: .regularExpression) {
                found = String(text[range])
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw ToolFailure("lifecircle serve \(arguments.joined(separator: " ")) printed no URL: \(stderr)")
        }
        url = found
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status and everything written to stderr.
    @discardableResult
    func stop() -> (status: Int32, stderr: String) {
        if let finished { return finished }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let result = (process.terminationStatus, (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
        finished = result
        return result
    }
}
