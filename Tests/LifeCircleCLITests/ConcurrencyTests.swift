import Foundation
import TestSupport
import Testing

/// Issue #10: readers never fail while a writer works, and a second writer waits its turn.
@Suite struct ConcurrencyTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
    }

    /// A CSV of `count` toilets with ids `prefix0…`, in Helsinki.
    func toilets(_ prefix: String, count: Int) throws -> String {
        var random = SeededGenerator(seed: 10)
        var lines = ["id,name,lon,lat"]
        for i in 0..<count {
            let lon = 24.8 + Double.random(in: 0..<0.3, using: &random)
            let lat = 60.1 + Double.random(in: 0..<0.2, using: &random)
            lines.append("\(prefix)\(i),toilet \(i),\(lon),\(lat)")
        }
        try cli.write("\(prefix).csv", lines.joined(separator: "\n") + "\n")
        return "\(prefix).csv"
    }

    @Test func readersDuringTwoConcurrentImportsNeverFailAndBothImportsLand() throws {
        let first = try cli.start(["import", "public_toilet", try toilets("a", count: 8000), "--crs", "EPSG:4326"])
        let second = try cli.start(["import", "public_toilet", try toilets("b", count: 8000), "--crs", "EPSG:4326"])
        var runs = 0
        var failures: [String] = []
        while first.isRunning || second.isRunning {
            let listed = try cli.run(["list", "public_toilet", "--bbox", "24.9,60.1,24.91,60.11", "--json"])
            runs += 1
            if listed.status != 0 { failures.append(listed.stderr) }
        }
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures.count) of \(runs) list runs failed: \(failures.first ?? "")")
        #expect(runs > 0)
        let all = try cli.run(["list", "public_toilet", "--json"])
        let rows = try JSONSerialization.jsonObject(with: all.stdoutBytes) as? [Any]
        #expect(rows?.count == 16000)
        let info = try ToolRunner.run("ogrinfo", ["-ro", "-so", cli.path("registry.gpkg"), "public_toilet"])
        #expect(info.stdout.contains("Feature Count: 16000"))
    }
}
