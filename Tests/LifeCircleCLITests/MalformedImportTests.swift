import Foundation
import TestSupport
import Testing

/// Import files that are garbage, or nearly right, fail fast with the place of the problem.
@Suite("Malformed import files name the place")
struct MalformedImportTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
    }

    func importing(_ name: String, _ extra: [String] = []) throws -> CommandRunner.Result {
        try cli.run(["import", "maternity_room", cli.path(name)] + extra)
    }

    func expect(_ result: CommandRunner.Result, code: Int32 = 65, saying fragments: [String]) {
        #expect(result.status == code, "exit \(result.status): \(result.stderr.prefix(2000))")
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "expected «\(fragment)» in: \(result.stderr.prefix(2000))")
        }
    }

    /// A 2 GB file of NUL bytes (sparse, so it costs no disk): read a chunk at a time, it fails on the first.
    @Test func twoGigabytesOfNULFailAtOnce() throws {
        let url = URL(fileURLWithPath: cli.path("zeros.csv"))
        try #require(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        expect(
            try importing("zeros.csv", ["--crs", "EPSG:4326"]), saying: ["zeros.csv, line 1: contains a NUL character"])
    }

    @Test func aNULAfterGoodLinesIsReportedAtItsLine() throws {
        try Data(("name,lon,lat\nA,113.2,23.4\nB,113.3,23.5\n" + "C,1\0,2\n").utf8).write(
            to: URL(fileURLWithPath: cli.path("nul.csv")))
        expect(try importing("nul.csv", ["--crs", "EPSG:4326"]), saying: ["nul.csv, line 4: contains a NUL character"])
    }

    /// A GBK file (so not UTF-8 from line 1) with a byte on line 3 that GBK does not have either.
    @Test func aBadGBKByteUnderAutoIsReportedAtItsOwnLine() throws {
        var bytes = try [UInt8](gb18030("名称,经度,纬度\n越秀公园母婴室,113.2633,23.1291\n花都"))
        bytes += [0xFF] + Array(",113.22,23.40\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: cli.path("gbk.csv")))
        expect(
            try importing("gbk.csv", ["--crs", "EPSG:4326"]),
            saying: ["gbk.csv, line 3: byte 0xFF is neither UTF-8 nor GBK"])
    }

    @Test func aJSONSyntaxErrorHasItsLineAndColumn() throws {
        try cli.write(
            "broken.geojson",
            "{\"type\": \"FeatureCollection\", \"features\": [\n"
                + "  {\"type\": \"Feature\", \"properties\": {\"name\": \"甲\"}, \"geometry\": null},\n"
                + "  {\"type\": \"Feature\" \"properties\": {}}\n]}\n")
        expect(
            try importing("broken.geojson"),
            saying: ["broken.geojson", "not valid JSON: line 3, column 22: expected ',' or '}', found '\"'"])
    }

    @Test func anEmptyFeatureCollectionSaysSo() throws {
        try cli.write("empty.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}\n")
        expect(try importing("empty.geojson"), saying: ["empty.geojson", "has no features"])
    }

    @Test func aRepeatedKeyIsNamedWithBothPlaces() throws {
        try cli.write(
            "twice.geojson",
            "{\"type\": \"FeatureCollection\", \"features\": [\n"
                + "  {\"type\": \"Feature\", \"properties\": {\"name\": \"甲\", \"name\": \"乙\"}, "
                + "\"geometry\": {\"type\": \"Point\", \"coordinates\": [113.2, 23.4]}}\n]}\n")
        expect(
            try importing("twice.geojson"),
            saying: [
                "twice.geojson", "line 2, column 51: the key \"name\" appears twice in one object (first at line 2, column 38)",
            ])
    }
}
