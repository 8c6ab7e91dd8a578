import Foundation
import TestSupport
import Testing

/// `lifecircle demo`, the README's main job, end to end on GeoData.
@Suite("The demo")
struct DemoCommandTests {
    @Test func theDemoRunsTheWholeChainAndSaysWhereTheReportsAre() throws {
        let cli = try CommandRunner()
        let result = try cli.run(["demo", "-o", "out", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Done. Everything is in"))
        #expect(result.stdout.contains("helsinki-report/report.html"))
        #expect(result.stdout.contains("huadu-report/report.html"))
        #expect(result.stdout.contains("lechang-report/report.html"))
        #expect(result.stderr.contains("[1/"))
        // Up front, before the coverage figures: the share of Helsinki's residents the network does not reach,
        // as the coverage layer's `snapped` flags say (summed by sqlite3, not by us); Huadu has no network.
        let sums = try ToolRunner.run("sqlite3", [
            cli.path("out/helsinki.coverage.gpkg"),
            "SELECT CAST(ROUND(SUM(total)) AS INT), CAST(ROUND(SUM(CASE WHEN snapped THEN 0 ELSE total END)) AS INT), "
                + "COUNT(*), SUM(CASE WHEN snapped THEN 0 ELSE 1 END) FROM coverage_demand",
        ]).checked().stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        try #require(sums.count == 4, "\(sums)")
        let share = String(format: "%.1f", 100 * Double(sums[1])! / Double(sums[0])!)
        let helsinki = "▶ Helsinki: \(sums[1]) of \(sums[0]) residents (\(share)%, \(sums[3]) of \(sums[2]) demand units) "
            + "live more than 250 m from the walking network"
        let told = try #require(result.stderr.range(of: helsinki), "\(result.stderr.suffix(3000))")
        let coverageStep = try #require(result.stderr.range(of: "Walking coverage at 300/500/1000 m"))
        #expect(told.lowerBound < coverageStep.lowerBound)
        #expect(result.stderr.contains("▶ Huadu: no walking network is saved, so all "))
        #expect(result.stderr.contains("▶ Lechang: no demand imported"))
        #expect(result.stdout.contains("  " + helsinki))
        for report in ["helsinki-report", "huadu-report", "lechang-report"] {
            for file in ["report.html", "report.md", "report.json", "failures.gpkg"] {
                #expect(FileManager.default.fileExists(atPath: cli.path("out/\(report)/\(file)")), "\(report)/\(file)")
            }
        }
        // Every GeoPackage of the chain opens in GDAL without a warning.
        for file in ["helsinki.gpkg", "helsinki.network.gpkg", "helsinki.demand.gpkg", "helsinki.coverage.gpkg",
                     "helsinki.isochrones.gpkg", "helsinki.gaps.gpkg", "helsinki.sites.gpkg", "huadu.admin.gpkg",
                     "huadu.demand.gpkg", "lechang.admin.gpkg"] {
            let report = try OgrReport(of: cli.path("out/\(file)"))
            #expect(!report.layers.isEmpty, "\(file)")
        }
        let registry = try OgrReport(of: cli.path("out/helsinki.gpkg"))
        #expect(registry.layers["public_toilet"]?.featureCount == 17)
        #expect((registry.layers["playground"]?.featureCount ?? 0) > 0)
        // Huadu's demand is every cell of the GHS-POP grid.
        let demand = try OgrReport(of: cli.path("out/huadu.demand.gpkg"))
        #expect(demand.layers["demand"]?.featureCount == 4139)

        // Both plans are checked on their own outline and census row: every population figure the reports show
        // is the census's (read here by Python's csv module), the 0–3 estimate is stated beside the figures, and
        // every target that cannot be evaluated names the command that supplies what it lacks.
        for (report, adcode) in [("huadu-report", "440114"), ("lechang-report", "440281")] {
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.path("out/\(report)/report.json"))))
                    as? [String: Any])
            let units = try #require(json["units"] as? [[String: Any]])
            #expect(units.map { $0["id"] as? String } == [adcode], "\(report)")
            let figures = try #require(units.first?["population"] as? [[String: Any]])
            let shown = Dictionary(uniqueKeysWithValues: figures.compactMap { figure in
                (figure["group"] as? String).flatMap { group in (figure["count"] as? Double).map { (group, $0) } }
            })
            #expect(shown == (try censusGroups(adcode)), "\(report)")
            let source = try #require(units.first?["population_source"] as? String)
            #expect(source.contains("第七次全国人口普查") && source.contains("0–3岁为估算"), "\(report)")
            let markdown = try String(contentsOfFile: cli.path("out/\(report)/report.md"), encoding: .utf8)
            #expect(markdown.contains("| population |") && markdown.contains("age 0 + ¾ of ages 1–4"), "\(report)")
            let rules = try #require(json["rules"] as? [[String: Any]])
            #expect(rules.count >= 40)
            for rule in rules where rule["status"] as? String == "not_evaluable" {
                let reason = (rule["not_evaluable_reason"] as? [String: String])?["en"] ?? ""
                #expect(reason.contains("lifecircle "), "\(report) \(rule["id"] ?? ""): \(reason)")
            }
        }
        let huaduMarkdown = try String(contentsOfFile: cli.path("out/huadu-report/report.md"), encoding: .utf8)
        #expect(huaduMarkdown.contains("4139 units, 308058 residents; GHS-POP 2015"))
    }

    /// The groups `admin population` should take from a census row, computed independently by Python.
    private func censusGroups(_ adcode: String) throws -> [String: Double] {
        let census = Repository.geoData.appendingPathComponent("china/census/census2020_guangdong_counties.csv").path
        let script = """
            import csv, json, sys
            row = next(r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["区划代码"] == sys.argv[2])
            both = lambda *bands: sum(float(row[s + "_" + b]) for s in "男女" for b in bands)
            print(json.dumps({"total": float(row["人口数_合计"]), "women": float(row["人口数_女"]),
                "age_0_14": both("0岁", "1到4岁", "5到9岁", "10到14岁"),
                "age_65_plus": both("65到69岁", "70到74岁", "75到79岁", "80到84岁", "85岁以上"),
                "age_0_3": both("0岁") + 0.75 * both("1到4岁")}))
            """
        let result = try ToolRunner.run("python3", ["-c", script, census, adcode])
        try #require(result.succeeded, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Double])
    }
}
