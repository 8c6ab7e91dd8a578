import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue #10: `kill -9` at random moments of `import`, `network build` and `check` leaves every output old or
/// new. After each kill the registry passes `PRAGMA integrity_check` and opens with `ogrinfo -ro`, the
/// `.walknet`/`.network.gpkg` pair is one build (analyses run) or detectably two (analyses refuse with 65), a
/// report folder is one run's files, and the next command leaves no temporary file behind.
///
/// The moments come from a seed, printed; `LIFECIRCLE_CRASH_SEED=N` repeats a run.
@Suite(.serialized) struct CrashTests {
    let cli: CommandRunner
    let seed: UInt64
    static let marker = ".lifecircle-tmp-"

    init() throws {
        cli = try CommandRunner()
        seed = ProcessInfo.processInfo.environment["LIFECIRCLE_CRASH_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("CrashTests: seed \(seed) (LIFECIRCLE_CRASH_SEED=\(seed) repeats these kills)")
        try cli.write("toilets-base.csv", Self.toilets(prefix: "base", count: 500, seed: 1))
        try cli.write("demand.csv", Self.demand(count: 200))
        for step in [
            ["init"],
            ["import", "public_toilet", "toilets-base.csv", "--crs", "EPSG:4326"],
            ["demand", "import", "demand.csv", "--population", "pop", "--id", "id", "--crs", "EPSG:4326"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
    }

    /// `count` toilets with ids `prefix0…` at random places in Monaco (the network's extract).
    static func toilets(prefix: String, count: Int, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var lines = ["id,name,lon,lat"]
        for i in 0..<count {
            let lon = 7.41 + Double.random(in: 0..<0.02, using: &random)
            let lat = 43.727 + Double.random(in: 0..<0.012, using: &random)
            lines.append("\(prefix)\(i),厕所 \(prefix)\(i),\(lon),\(lat)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func demand(count: Int) -> String {
        var random = SeededGenerator(seed: 2)
        var lines = ["id,pop,lon,lat"]
        for i in 0..<count {
            let lon = 7.41 + Double.random(in: 0..<0.02, using: &random)
            let lat = 43.727 + Double.random(in: 0..<0.012, using: &random)
            lines.append("d\(i),\(Int.random(in: 10..<500, using: &random)),\(lon),\(lat)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let osm = Repository.geoData.appendingPathComponent("osm/monaco.osm.gz").path

    // MARK: - Running and killing

    /// How long a whole run of `arguments` takes, in seconds (it must succeed or exit 1, "targets missed").
    func timed(_ arguments: [String]) throws -> Double {
        let started = Date()
        let result = try cli.run(arguments)
        try #require(result.status == 0 || result.status == 1, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return Date().timeIntervalSince(started)
    }

    /// Runs `arguments` and sends SIGKILL after a random part of `duration`; true when the kill came first.
    @discardableResult
    func runAndKill(_ arguments: [String], within duration: Double, using random: inout SeededGenerator) throws -> Bool {
        let delay = Double.random(in: 0.02...max(0.05, duration), using: &random)
        let process = try cli.start(arguments)
        Thread.sleep(forTimeInterval: delay)
        let killed = process.isRunning && kill(process.processIdentifier, SIGKILL) == 0
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    // MARK: - What is on disk

    func integrityCheck(_ name: String) throws -> String {
        try ToolRunner.run("sqlite3", ["-readonly", cli.path(name), "PRAGMA integrity_check"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func opensReadOnly(_ name: String) throws -> Bool {
        try ToolRunner.run("ogrinfo", ["-ro", "-so", "-al", cli.path(name)]).status == 0
    }

    /// Temporary names in the working folder and one level below.
    func temporaries() throws -> [String] {
        let fileManager = FileManager.default
        var found: [String] = []
        for name in try fileManager.contentsOfDirectory(atPath: cli.folder.path) {
            if name.contains(Self.marker) || name.hasSuffix(".partial") { found.append(name) }
            var isFolder: ObjCBool = false
            if fileManager.fileExists(atPath: cli.path(name), isDirectory: &isFolder), isFolder.boolValue {
                for inner in try fileManager.contentsOfDirectory(atPath: cli.path(name))
                where inner.contains(Self.marker) || inner.hasSuffix(".partial") {
                    found.append("\(name)/\(inner)")
                }
            }
        }
        return found.sorted()
    }

    /// The `build_id` in the cache's provenance (a length-prefixed UTF-8 key, then its value).
    func cacheBuildID() throws -> String? {
        let bytes = [UInt8](try Data(contentsOf: cli.folder.appendingPathComponent("registry.walknet")))
        let key = Array("build_id".utf8)
        guard let start = (0..<(bytes.count - key.count)).first(where: { Array(bytes[$0..<$0 + key.count]) == key })
        else { return nil }
        let at = start + key.count
        let length = Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        return String(decoding: bytes[(at + 4)..<(at + 4 + length)], as: UTF8.self)
    }

    /// The descriptions of the network layers in gpkg_contents, by table.
    func layerDescriptions() throws -> [String: String] {
        let rows = try ToolRunner.run(
            "sqlite3", ["-readonly", cli.path("registry.network.gpkg"), "SELECT table_name || '|' || ifnull(description, '') FROM gpkg_contents"]
        ).stdout
        var found: [String: String] = [:]
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { found[String(parts[0])] = String(parts[1]) }
        }
        return found
    }

    // MARK: - The tests

    @Test func killedImportsLeaveAWholeRegistry() throws {
        var random = SeededGenerator(seed: seed)
        let batch = 2000
        try cli.write("toilets-0.csv", Self.toilets(prefix: "t0-", count: batch, seed: 100))
        let duration = try timed(["import", "public_toilet", "toilets-0.csv", "--crs", "EPSG:4326"])
        var killed = 0
        for round in 1...3 {
            try cli.write("toilets-\(round).csv", Self.toilets(prefix: "t\(round)-", count: batch, seed: 100 + UInt64(round)))
            if try runAndKill(["import", "public_toilet", "toilets-\(round).csv", "--crs", "EPSG:4326"], within: duration, using: &random) {
                killed += 1
            }
            #expect(try integrityCheck("registry.gpkg") == "ok", "round \(round)")
            #expect(try opensReadOnly("registry.gpkg"), "round \(round): ogrinfo -ro")
            let listed = try cli.run(["list", "public_toilet", "--json"])
            try #require(listed.status == 0, "round \(round): \(listed.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdoutBytes) as? [Any])
            // The base, the first batch, and whole batches of the killed runs: never part of one.
            #expect((rows.count - 500) % batch == 0, "round \(round): \(rows.count) rows")
        }
        print("CrashTests: \(killed) of 3 imports killed (an import takes \(duration) s)")
        try cli.write("toilets-last.csv", Self.toilets(prefix: "last-", count: batch, seed: 99))
        try #require(try cli.run(["import", "public_toilet", "toilets-last.csv", "--crs", "EPSG:4326"]).status == 0)
        #expect(try integrityCheck("registry.gpkg") == "ok")
        #expect(try temporaries().isEmpty)
    }

    @Test func killedNetworkBuildsLeaveAPairOrOneAnalysesRefuse() throws {
        var random = SeededGenerator(seed: seed &+ 1)
        let build = ["network", "build", "--osm", Self.osm]
        let coverage = ["coverage", "--kinds", "public_toilet", "--thresholds", "300", "--json"]
        let duration = try timed(build)
        var killed = 0, mismatched = 0
        for round in 1...5 {
            if try runAndKill(build, within: duration * 1.1, using: &random) { killed += 1 }
            #expect(try integrityCheck("registry.network.gpkg") == "ok", "round \(round)")
            #expect(try opensReadOnly("registry.network.gpkg"), "round \(round): ogrinfo -ro")
            let id = try #require(try cacheBuildID(), "round \(round): the cache has no build id")
            let layers = try layerDescriptions()
            let pair = layers["network_nodes"] == "build_id=\(id)" && layers["network_edges"] == "build_id=\(id)"
            let analysis = try cli.run(coverage)
            if pair {
                #expect(analysis.status == 0, "round \(round): \(analysis.stderr)")
            } else {
                mismatched += 1
                #expect(analysis.status == 65, "round \(round): a mismatched pair ran: \(analysis.stderr)")
                #expect(analysis.stderr.contains("do not belong together") && analysis.stderr.contains("registry.walknet")
                    && analysis.stderr.contains("registry.network.gpkg") && analysis.stderr.contains("network build"))
            }
            let left = try temporaries()
            #expect(left.allSatisfy { $0.contains(Self.marker) }, "round \(round): \(left)")
        }
        print("CrashTests: \(killed) of 5 network builds killed (a build takes \(duration) s), \(mismatched) pairs mismatched (all refused)")
        try #require(try cli.run(build).status == 0)
        let left = try temporaries()
        #expect(left.isEmpty, "\(left)")
        #expect(try cli.run(coverage).status == 0)

        // The state a kill between the two renames leaves, made on purpose: the layers of one build beside
        // the cache of the one before. Analyses refuse it; check too.
        let cache = cli.folder.appendingPathComponent("registry.walknet")
        let older = cli.folder.appendingPathComponent("older.walknet")
        try FileManager.default.copyItem(at: cache, to: older)
        try #require(try cli.run(build).status == 0)
        try FileManager.default.removeItem(at: cache)
        try FileManager.default.moveItem(at: older, to: cache)
        let refused = try cli.run(coverage)
        #expect(refused.status == 65 && refused.stderr.contains("do not belong together"), "\(refused.stderr)")
        let checked = try cli.run(["check", "--profile", "national", "-o", "report"])
        #expect(checked.status == 65 && checked.stderr.contains("registry.network.gpkg"), "\(checked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("report")))
    }

    @Test func killedChecksLeaveOneRunsReportFolder() throws {
        var random = SeededGenerator(seed: seed &+ 2)
        try #require(try cli.run(["network", "build", "--osm", Self.osm]).status == 0)
        func check(_ day: Int) -> [String] {
            ["check", "--profile", "national", "--as-of", "2025-03-\(day)", "-o", "report"]
        }
        let duration = try timed(check(10))
        let files = ["failures.gpkg", "report.html", "report.json", "report.md"]
        var killed = 0
        for round in 1...3 {
            if try runAndKill(check(10 + round), within: duration * 1.1, using: &random) { killed += 1 }
            let entries = try FileManager.default.contentsOfDirectory(atPath: cli.path("report")).sorted()
            #expect(entries == files, "round \(round): \(entries)")
            // Every text file of the folder is of the same run (its --as-of date).
            var days: [Set<Int>] = []
            for name in ["report.html", "report.md", "report.json"] {
                let text = try String(contentsOf: cli.folder.appendingPathComponent("report/\(name)"), encoding: .utf8)
                days.append(Set((10...(10 + round)).filter { text.contains("2025-03-\($0)") }))
            }
            #expect(days.allSatisfy { $0.count == 1 } && Set(days).count == 1, "round \(round): dates \(days)")
            #expect(try integrityCheck("report/failures.gpkg") == "ok")
            #expect(try opensReadOnly("report/failures.gpkg"))
        }
        print("CrashTests: \(killed) of 3 checks killed (a check takes \(duration) s)")
        _ = try timed(check(20))
        let left = try temporaries()
        #expect(left.isEmpty, "\(left)")
        let json = try String(contentsOf: cli.folder.appendingPathComponent("report/report.json"), encoding: .utf8)
        #expect(json.contains("2025-03-20"))
    }
}
