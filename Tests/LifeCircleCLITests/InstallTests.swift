import Foundation
import TestSupport
import Testing

/// `scripts/install.sh` lays lifecircle out like any installed tool, and the installed command finds its data
/// from any folder with nothing set. The test installs the debug build (`--binary`) into a temporary PREFIX and
/// runs it, by a symlink on PATH and by a bare name, from a folder that has nothing to do with the checkout.
@Suite("Installed like a tool", .serialized)
final class InstallTests {
    let prefix: TemporaryFolder
    /// A folder with nothing of lifecircle's in it, where the commands run.
    let elsewhere: TemporaryFolder
    /// A folder on PATH holding only a symlink to the installed binary, as `ln -s` into ~/bin would.
    let links: TemporaryFolder

    init() throws {
        prefix = try TemporaryFolder(prefix: "lifecircle-prefix")
        elsewhere = try TemporaryFolder(prefix: "lifecircle-elsewhere")
        links = try TemporaryFolder(prefix: "lifecircle-links")
        try CommandRunner.install(into: prefix)
        try FileManager.default.createSymbolicLink(
            atPath: links.path("lifecircle"), withDestinationPath: prefix.path("bin/lifecircle"))
    }

    deinit {
        for folder in [prefix, elsewhere, links] { folder.remove() }
    }

    /// Runs `lifecircle ARGS` by its bare name from PATH (the symlink), in `elsewhere`, without LIFECIRCLE_GEODATA.
    @discardableResult
    private func lifecircle(_ arguments: [String]) throws -> ToolResult {
        let path = links.url.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try ToolRunner.run(
            "/usr/bin/env", ["-u", "LIFECIRCLE_GEODATA", "PATH=\(path)", "lifecircle"] + arguments, in: elsewhere.url)
    }

    @Test func theLayoutIsBinAndShare() throws {
        let fm = FileManager.default
        #expect(fm.isExecutableFile(atPath: prefix.path("bin/lifecircle")))
        for data in ["plans/huadu-2021-2030.yaml", "rules", "profiles", "plugins", "osm/helsinki.osm.pbf", "README.md",
                     "licenses", "china/admin_huadu_lechang_wgs84.geojson", "samples/helsinki_toilets_gbk.csv"] {
            #expect(fm.fileExists(atPath: prefix.path("share/lifecircle/\(data)")), "share/lifecircle/\(data)")
        }
    }

    @Test func everyCommandThatReadsDataWorksFromAnUnrelatedFolder() throws {
        let share = prefix.url.appendingPathComponent("share/lifecircle")
        let plugins = try lifecircle(["plugins", "list"])
        #expect(plugins.status == 0, "\(plugins.stderr)")
        #expect(plugins.stdout.contains("maternity_room"))

        for step in [
            ["init"],
            ["admin", "import", share.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path,
             "--id", "adcode", "--level", "district", "--only", "440114"],
            ["admin", "population", "440114", "total=1728700", "--source", "花都区统计局 2023年末常住人口"],
        ] {
            let result = try lifecircle(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        // The plan profiles and rule packs come from share/lifecircle: the profile is found and evaluated
        // (exit 1: an empty registry misses the plan's targets), never "not found" (66).
        let check = try lifecircle(["check", "--profile", "huadu-2021-2030", "--as-of", "2024-12-31", "-o", "report"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("花都区"))
        let mandates = try lifecircle(["mandates", "--profile", "huadu-2021-2030"])
        #expect(mandates.status == 0, "\(mandates.stderr)")
        let trend = try lifecircle(["trend", "--profile", "national", "--years", "2022..2024", "-o", "trend"])
        #expect([0, 1].contains(trend.status), "\(trend.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere.path("trend/trend.html")))
        // The walking profiles too, on the installed copy of Monaco's extract.
        let network = try lifecircle(["network", "build", "--osm", share.appendingPathComponent("osm/monaco.osm.gz").path])
        #expect(network.status == 0, "\(network.stderr)")
        #expect(network.stdout.contains("公里"))
    }

    /// The binary copied alone, far from any data, says where it looked and how to fix it.
    @Test func aBinaryWithoutItsDataSaysWhereItLooked() throws {
        let lonely = try TemporaryFolder(prefix: "lifecircle-lonely")
        defer { lonely.remove() }
        try FileManager.default.copyItem(atPath: prefix.path("bin/lifecircle"), toPath: lonely.path("lifecircle"))
        let result = try ToolRunner.run(
            "/usr/bin/env", ["-u", "LIFECIRCLE_GEODATA", lonely.path("lifecircle"), "mandates", "--profile", "national"],
            in: elsewhere.url)
        #expect(result.status == 66)
        #expect(result.stderr.contains("LIFECIRCLE_GEODATA"))
        #expect(result.stderr.contains(lonely.url.appendingPathComponent("GeoData").path))
    }
}
