import Foundation
import TestSupport
import Testing

/// One bad input per error family, through the built `lifecircle`: each exits with its documented code (never 1,
/// which means "targets missed"), prints one `lifecircle: error:` line naming the file, and never ArgumentParser's
/// bare `Error:`.
@Suite("Each error family exits with its code and names the file")
struct ErrorExitCodeTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
    }

    /// Runs `arguments`, expects `code` and every fragment in the message.
    func expectFailure(
        _ arguments: [String], code: Int32, naming fragments: [String], geoData: URL = Repository.geoData,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try cli.run(arguments, geoData: geoData)
        #expect(result.status == code, "\(arguments.joined(separator: " ")): \(result.stderr)",
                sourceLocation: sourceLocation)
        // Progress lines may come first; the error is one line of its own.
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("lifecircle: error: ") }
        #expect(errors.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Error: "), "ArgumentParser's fallback: \(result.stderr)",
                sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "expected «\(fragment)» in: \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
    }

    func osm(_ name: String) -> URL { Repository.geoData.appendingPathComponent("osm/\(name)") }

    /// The first `fraction` of a real file, as a download cut short leaves it.
    func truncated(_ source: URL, to fraction: Double, as name: String) throws -> String {
        let bytes = try Data(contentsOf: source)
        try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: cli.path(name)))
        return cli.path(name)
    }

    @Test func truncatedPBF() throws {
        let file = try truncated(osm("andorra.osm.pbf"), to: 0.4, as: "cut.osm.pbf")
        try expectFailure(["network", "build", "--osm", file], code: 65, naming: ["cut.osm.pbf", "block"])
        try expectFailure(["import", "playground", file], code: 65, naming: ["cut.osm.pbf"])
    }

    @Test func brokenOSMXML() throws {
        try cli.write("broken.osm", """
            <?xml version="1.0" encoding="UTF-8"?>
            <osm version="0.6" generator="hand">
              <node id="1" lat="43.73" lon="7.42"/>
              <node id="2" lat="forty" lon="7.43"/>
              <way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
            </osm>
            """)
        try expectFailure(["network", "build", "--osm", cli.path("broken.osm")], code: 65,
                          naming: ["broken.osm", "line 4"])
    }

    @Test func truncatedGzippedOSMXML() throws {
        let file = try truncated(osm("monaco.osm.gz"), to: 0.5, as: "cut.osm.gz")
        try expectFailure(["network", "build", "--osm", file], code: 65, naming: ["cut.osm.gz"])
    }

    @Test func unreadableOSMFileIsMissingInput() throws {
        try expectFailure(["network", "build", "--osm", cli.path("nowhere.osm.pbf")], code: 66,
                          naming: ["nowhere.osm.pbf"])
    }

    /// A GeoData folder whose walk profile says a format this lifecircle does not read.
    @Test func badWalkingProfile() throws {
        let geoData = URL(fileURLWithPath: cli.path("geodata"))
        let profiles = geoData.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        let walk = try String(
            contentsOf: Repository.geoData.appendingPathComponent("profiles/walk.yaml"), encoding: .utf8)
        let line = try #require(walk.components(separatedBy: "\n").firstIndex(of: "format: 1")) + 1
        try walk.replacingOccurrences(of: "\nformat: 1\n", with: "\nformat: 7\n")
            .write(to: profiles.appendingPathComponent("walk.yaml"), atomically: true, encoding: .utf8)
        try expectFailure(["network", "build", "--osm", osm("andorra.osm.pbf").path], code: 65,
                          naming: ["walk.yaml:\(line)", "field 'format'"], geoData: geoData)
        try expectFailure(["network", "build", "--osm", osm("andorra.osm.pbf").path, "--profile", "pram"], code: 66,
                          naming: ["no walking profile 'pram'", "walk"], geoData: geoData)
    }

    @Test func corruptWalknet() throws {
        try Data("LCWN this is not a network cache".utf8).write(to: URL(fileURLWithPath: cli.path("registry.walknet")))
        try expectFailure(["isochrones", "--kinds", "public_toilet"], code: 65,
                          naming: ["registry.walknet", "lifecircle network build"])
    }

    @Test func badManifest() throws {
        try FileManager.default.createDirectory(atPath: cli.path("plugins"), withIntermediateDirectories: true)
        try cli.write("plugins/broken.yaml", "id: broken\napi_version: 1\nversion: 1.0.0\nname: 坏\nfields: 3\n")
        try expectFailure(["list", "broken", "--plugins", cli.path("plugins")], code: 65,
                          naming: ["broken.yaml:5", "fields"])
    }

    @Test func badPlanProfile() throws {
        try cli.write("plan.yaml", "id: mine\nname: 我的\nrules: [\n")
        try expectFailure(["check", "--profile", cli.path("plan.yaml")], code: 65, naming: ["plan.yaml"])
    }

    @Test func badCSVRow() throws {
        try cli.write("rooms.csv", "名称,经度,纬度\n甲,113.2,23.4\n乙,113.2,93.4\n")
        try expectFailure(["import", "public_toilet", cli.path("rooms.csv"), "--crs", "EPSG:4326"], code: 65,
                          naming: ["rooms.csv", "line 3"])
    }

    @Test func brokenGeoPackage() throws {
        try cli.write("layer.gpkg", "not a database at all, just text that is long enough to be read as one\n")
        try expectFailure(["import", "public_toilet", cli.path("layer.gpkg")], code: 65, naming: ["layer.gpkg"])
    }

    /// ArgumentParser's own ways out stay its own: help is 0 on stdout, a missing argument 64.
    @Test func helpAndUsageStayArgumentParsers() throws {
        for arguments in [["help", "import"], ["import", "--help"]] {
            let help = try cli.run(arguments)
            #expect(help.status == 0 && help.stdout.contains("--skip-invalid"), "\(arguments): \(help.stderr)")
        }
        let missing = try cli.run(["import"])
        #expect(missing.status == 64 && missing.stderr.contains("Missing expected argument"), "\(missing.stderr)")
    }

    @Test func badOptionValuesAreUsageErrors() throws {
        try expectFailure(["list", "public_toilet", "--bbox", "1,2,3"], code: 64, naming: ["bounding box"])
        let unknownOption = try cli.run(["list", "public_toilet", "--colour", "red"])
        #expect(unknownOption.status == 64)
    }
}
