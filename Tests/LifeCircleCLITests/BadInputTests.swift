import Foundation
import TestSupport
import Testing

/// Each kind of bad input gets a clear message naming the file, row and field, a non-zero exit,
/// and leaves the registry byte for byte as it was.
@Suite("Bad input is refused cleanly")
struct BadInputTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try FileManager.default.createDirectory(atPath: cli.path("plugins"), withIntermediateDirectories: true)
        try cli.write("plugins/family_toilet.yaml", Repository.example("family_toilet.yaml"))
        try #require(try cli.run(["init", "--plugins", cli.path("plugins")]).status == 0)
        // One good facility first, so "unchanged" means more than "still empty".
        try cli.write("good.csv", "编号,名称,经度,纬度,婴儿护理台\nF1,花城广场第三卫生间,113.2205,23.4045,是\n")
        let good = try cli.run(["import", "family_toilet", cli.path("good.csv"), "--crs", "EPSG:4326",
                                "--plugins", cli.path("plugins")])
        try #require(good.status == 0, "\(good.stderr)")
    }

    func registryBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.path("registry.gpkg"))) }

    /// Runs an import that must fail, and checks the message and that nothing changed.
    func expectRefused(_ arguments: [String], saying fragments: [String]) throws {
        let before = try registryBytes()
        let result = try cli.run(arguments + ["--plugins", cli.path("plugins")])
        #expect(result.status != 0)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "expected «\(fragment)» in: \(result.stderr)")
        }
        #expect(try registryBytes() == before, "the registry changed")
    }

    @Test func unknownCRS() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台\n甲,113.2,23.4,是\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:999999"],
                          saying: ["EPSG:999999"])
    }

    @Test func missingCRSForACSV() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台\n甲,113.2,23.4,是\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv")],
                          saying: ["a.csv", "does not state its coordinate system", "--crs gcj02"])
    }

    @Test func coordinateOutOfRange() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台\n甲,113.2,23.4,是\n乙,213.2,23.4,是\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "gcj02"],
                          saying: ["a.csv", "line 3, field '经度'", "longitude 213.2 is outside -180…180",
                                   "nothing was imported"])
    }

    @Test func swappedCoordinatesAreCalledOut() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台\n甲,23.4,113.2,是\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326"],
                          saying: ["line 2, field '纬度'", "swapped"])
    }

    @Test func missingRequiredField() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台\n甲,113.2,23.4,是\n乙,113.21,23.41,\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326"],
                          saying: ["line 3, field '婴儿护理台': a value is required"])
    }

    @Test func missingName() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台\n,113.2,23.4,是\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326"],
                          saying: ["line 2, field '名称': a name is required"])
    }

    @Test func wrongType() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台,面积\n甲,113.2,23.4,是,很大\n乙,113.2,23.4,也许,8\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326"],
                          saying: ["line 2, field '面积': '很大' is not a number",
                                   "line 3, field '婴儿护理台': '也许' is not yes/no", "2 of 2 rows are invalid"])
    }

    @Test func valueBelowMinimum() throws {
        try cli.write("a.csv", "名称,经度,纬度,婴儿护理台,面积\n甲,113.2,23.4,是,2\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326"],
                          saying: ["line 2, field '面积': 2.0 m² is below the minimum 4 m²"])
    }

    @Test func duplicateIdWithTheRegistry() throws {
        try cli.write("a.csv", "编号,名称,经度,纬度,婴儿护理台\nF2,乙,113.2,23.4,是\nF1,甲,113.2,23.4,是\n")
        try expectRefused(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326"], saying: ["F1"])
    }

    @Test func unknownKind() throws {
        try cli.write("a.csv", "名称,经度,纬度\n甲,113.2,23.4\n")
        try expectRefused(["import", "nursery", cli.path("a.csv"), "--crs", "EPSG:4326"],
                          saying: ["unknown facility kind 'nursery'", "childcare, children_home, family_toilet, life_circle_service, maternity_room, park, playground, public_toilet, public_venue"])
    }

    @Test func malformedManifest() throws {
        try cli.write("plugins/broken.yaml", "id: broken\napi_version: 1\nversion: 1.0.0\nname: 坏\nfields:\n  - name: x\n    label: X\n    type: number\n")
        try expectRefused(["list", "family_toilet"],
                          saying: ["broken.yaml:8", "field 'fields[0].type': unknown type 'number'"])
    }

    @Test func gbkReadAsUTF8() throws {
        let text = "名称,经度,纬度,婴儿护理台\n新华街道第三卫生间,113.2,23.4,是\n"
        try gb18030(text).write(to: URL(fileURLWithPath: cli.path("gbk.csv")))
        try expectRefused(["import", "family_toilet", cli.path("gbk.csv"), "--crs", "EPSG:4326", "--encoding", "utf8"],
                          saying: ["gbk.csv", "line 1", "GBK", "--encoding gbk"])
        // Detected automatically, the same file imports.
        let auto = try cli.run(["import", "family_toilet", cli.path("gbk.csv"), "--crs", "EPSG:4326",
                                "--plugins", cli.path("plugins")])
        #expect(auto.status == 0, "\(auto.stderr)")
        let listed = try cli.run(["list", "family_toilet", "--plugins", cli.path("plugins")])
        #expect(listed.stdout.contains("新华街道第三卫生间"))
    }

    @Test func skipInvalidWritesTheRejects() throws {
        try cli.write("a.csv", "编号,名称,经度,纬度,婴儿护理台\nF5,甲,113.2,23.4,是\nF6,乙,113.2,93.4,是\n")
        let result = try cli.run(["import", "family_toilet", cli.path("a.csv"), "--crs", "EPSG:4326", "--skip-invalid",
                                  "--rejects", cli.path("rejects.csv"), "--plugins", cli.path("plugins")])
        #expect(result.status == 0, "\(result.stderr)")
        let rejects = try String(contentsOfFile: cli.path("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("F6") && rejects.contains("latitude 93.4 is outside -90…90"))
        #expect(!rejects.contains("F5"))
        let listed = try cli.run(["list", "family_toilet", "--json", "--plugins", cli.path("plugins")])
        #expect(listed.stdout.contains("F5") && !listed.stdout.contains("F6"))
    }

    @Test func missingRegistrySaysToInit() throws {
        let result = try cli.run(["list", "maternity_room", "--registry", cli.path("none.gpkg")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("lifecircle init"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("none.gpkg")))
    }
}
