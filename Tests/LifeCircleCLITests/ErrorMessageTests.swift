import Foundation
import TestSupport
import Testing

/// The messages issue #10 found wanting (item 7 and the small ones): each says where, and exits with its code.
@Suite("Error messages say where, with the documented code")
struct ErrorMessageTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
    }

    func run(_ arguments: [String], expect code: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let result = try cli.run(arguments)
        #expect(result.status == code, "\(arguments.joined(separator: " ")): \(result.stderr)",
                sourceLocation: sourceLocation)
        return result.stderr
    }

    @Test("a repeated id in an import file is rejected at its own line, naming the first")
    func aRepeatedIDNamesItsLineAndTheFirst() throws {
        try cli.write("rooms.csv", "id,name,lon,lat\nR1,一号,113.22,23.40\nR2,二号,113.23,23.41\nR1,三号,113.24,23.42\n")
        let message = try run(["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"], expect: 65)
        #expect(message.contains("line 4, field 'id': id 'R1' is used again (first at line 2)"), "\(message)")
    }

    @Test("an id already in the registry names the file, the line and the id")
    func anIDAlreadyInTheRegistryNamesFileAndLine() throws {
        try cli.write("first.csv", "编号,name,lon,lat\nR1,一号,113.22,23.40\n")
        try cli.write("second.csv", "编号,name,lon,lat\nR9,九号,113.25,23.45\nR1,一号,113.22,23.40\n")
        _ = try run(["import", "maternity_room", "first.csv", "--crs", "EPSG:4326"], expect: 0)
        let message = try run(["import", "maternity_room", "second.csv", "--crs", "EPSG:4326"], expect: 65)
        #expect(message.contains("second.csv: line 3, column '编号': id 'R1' is already in the registry"), "\(message)")
    }

    @Test("a repeated demand id names the CSV line and column, not an internal file")
    func aRepeatedDemandIDNamesTheLine() throws {
        try cli.write("demand.csv", "编号,人口,lon,lat\nA,10,113.22,23.40\nB,5,113.22,23.41\nA,20,113.23,23.41\n")
        let message = try run(
            ["demand", "import", "demand.csv", "--population", "人口", "--id", "编号", "--crs", "EPSG:4326"], expect: 65)
        #expect(message.contains("line 4, field '编号': id 'A' is used again (first at line 2)"), "\(message)")
        #expect(!message.contains("partial"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("registry.demand.gpkg")))
    }

    @Test("--plugins takes one manifest file; a reserved id prefix names the manifest")
    func pluginsTakesAFileAndTheReservedPrefixNamesIt() throws {
        let example = try String(
            contentsOf: Repository.root.appendingPathComponent("Docs/examples/family_toilet.yaml"), encoding: .utf8)
        try cli.write("family.yaml", example)
        let listed = try cli.run(["plugins", "list", "--plugins", "family.yaml"])
        #expect(listed.status == 0 && listed.stdout.contains("family_toilet"), "\(listed.stderr)")
        try cli.write("reserved.yaml", example.replacingOccurrences(of: "id: family_toilet ", with: "id: gpkg_toilet "))
        let message = try run(["plugins", "list", "--plugins", "reserved.yaml"], expect: 65)
        #expect(message.contains("gpkg_toilet") && message.contains("reserved.yaml") && message.contains("reserved"),
                "\(message)")
        let missing = try run(["plugins", "list", "--plugins", "nowhere.yaml"], expect: 66)
        #expect(missing.contains("no such folder or manifest file"), "\(missing)")
    }

    @Test("--skip-invalid with no valid row exits 65 and still writes the rejects")
    func skipInvalidWithNothingImportedFails() throws {
        try cli.write("bad.csv", "id,name,lon,lat\nR1,一号,abc,23.40\nR2,二号,113.2,north\n")
        let message = try run(["import", "maternity_room", "bad.csv", "--crs", "EPSG:4326", "--skip-invalid",
                               "--lang", "en"], expect: 65)
        #expect(message.contains("none of its 2 rows is valid"), "\(message)")
        #expect(FileManager.default.fileExists(atPath: cli.path("bad.rejects.csv")))
    }

    @Test("under --encoding auto a bad GBK byte is reported at its own line")
    func aBadGBKByteIsReportedAtItsLine() throws {
        // 一号 and 二号 in GBK, then a byte that is neither UTF-8 nor GBK on line 4.
        var bytes = Data("id,name,lon,lat\nR5,".utf8) + Data([0xD2, 0xBB, 0xBA, 0xC5])
        bytes += Data(",113.22,23.40\nR6,".utf8) + Data([0xB6, 0xFE, 0xBA, 0xC5]) + Data(",113.23,23.41\n".utf8)
        bytes += Data("R7,".utf8) + Data([0xFF, 0xFE]) + Data(",113.24,23.42\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: cli.path("gbk.csv")))
        let message = try run(["import", "maternity_room", "gbk.csv", "--crs", "EPSG:4326"], expect: 65)
        #expect(message.contains("line 4") && message.contains("0xFF"), "\(message)")
    }

    @Test("a missing .walknet is a missing input (66)")
    func aMissingWalkNetIsAMissingInput() throws {
        let message = try run(["coverage"], expect: 66)
        #expect(message.contains("registry.walknet") && message.contains("network build"), "\(message)")
    }

    @Test("a condition error quotes 80 characters around its column, not the whole condition")
    func aConditionErrorQuotesAnExcerpt() throws {
        let example = try String(
            contentsOf: Repository.root.appendingPathComponent("Docs/examples/family_toilet.yaml"), encoding: .utf8)
        let original = "venue_type in [tourism, commercial, transport_hub, service_area] and daily_visitors > 10000"
        let long = Array(repeating: "venue_type in [tourism, commercial, transport_hub, service_area]", count: 100).joined(separator: " or ") + " or daily_visitors >"
        try cli.write("long.yaml", example.replacingOccurrences(of: original, with: long))
        let message = try run(["plugins", "list", "--plugins", "long.yaml"], expect: 65)
        #expect(message.contains("expected a value after '>'") && message.contains("…"), "\(message)")
        #expect(message.count < 400, "\(message.count) characters: \(message.prefix(400))")
    }

    @Test("export --crs into a system whose area does not cover the data warns, naming the facilities")
    func exportOutsideTheTargetAreaWarns() throws {
        try cli.write("rooms.csv", "id,name,lon,lat\nR1,一号,113.22,23.40\n")
        _ = try run(["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"], expect: 0)
        let inside = try cli.run(["export", "maternity_room", "--format", "csv", "-o", "a.csv", "--crs", "EPSG:4547"])
        #expect(inside.status == 0 && !inside.stderr.contains("warning"), "\(inside.stderr)")
        let outside = try cli.run(["export", "maternity_room", "--format", "csv", "-o", "b.csv", "--crs", "EPSG:32635",
                                   "--lang", "en"])
        #expect(outside.status == 0, "\(outside.stderr)")
        #expect(outside.stderr.contains("1 facilities (R1) lie outside the area of use"), "\(outside.stderr)")
    }

    @Test("errors follow --lang: a region mismatch and a coordinate outside its CRS")
    func errorsFollowTheLanguage() throws {
        let zh = try run(["nearest", "maternity_room", "--at", "113.22,23.40", "--crs", "EPSG:4547"], expect: 64)
        #expect(zh.contains("不可能是") && zh.contains("经纬度"), "\(zh)")
        let en = try run(["nearest", "maternity_room", "--at", "113.22,23.40", "--crs", "EPSG:4547", "--lang", "en"],
                         expect: 64)
        #expect(en.contains("cannot be in") && !en.contains("不可能"), "\(en)")
        let region = try run(["check", "--profile", "huadu-2021-2030", "-o", "r", "--lang", "en"], expect: 65)
        #expect(region.contains("no admin units") || region.contains("admin unit"), "\(region)")
        #expect(!region.contains("登记库"), "\(region)")
    }
}
