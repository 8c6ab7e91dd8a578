import Foundation
import TestSupport
import Testing

/// `lifecircle site-suggest` on Helsinki's real data (OSM © OpenStreetMap contributors; population grid © HSY,
/// CC BY 4.0), as a planner would run it: the existing public toilets stay, new ones are suggested, and the
/// gains are checked against `lifecircle coverage` run before and after the suggested sites are added.
@Suite("Site suggestion on GeoData", .serialized)
struct SiteSuggestTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        for step in [
            ["init"],
            ["network", "build", "--osm", Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path],
            ["import", "public_toilet", Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path,
             "--crs", "EPSG:4326"],
            ["demand", "import", Repository.geoData.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
             "--population", "population", "--id", "id", "--polygons", "grid", "--cell", "50"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
    }

    func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The share of residents within `threshold` of a public toilet, by `lifecircle coverage` on `registry`. (Its
    /// JSON rounds the head counts to whole people; the share is exact.)
    func coveredShare(within threshold: Int, registry: String = "registry.gpkg") throws -> Double {
        let document = try json(
            cli.run(["coverage", "--kinds", "public_toilet", "--thresholds", "\(threshold)", "--json",
                     "--registry", cli.path(registry)]))
        let rows = try #require(document["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["group"] as? String == "total" && $0["admin_unit"] == nil })
        return try #require(row["share"] as? Double)
    }

    @Test func maximalCoveringGainsAreWhatCoverageSeesAfterAddingTheSites() throws {
        let document = try json(
            cli.run(["site-suggest", "public_toilet", "-p", "3", "--within", "300", "--node-spacing", "80", "--json",
                     "-o", cli.path("sites.gpkg")]))
        let sites = try #require(document["sites"] as? [[String: Any]])
        #expect(sites.count == 3)
        let gains = sites.compactMap { $0["gain"] as? Double }
        #expect(gains.count == 3 && gains.allSatisfy { $0 > 0 })
        // Ranked: each adds most given those above it, so the gains do not grow.
        #expect(gains == gains.sorted(by: >))
        let before = try #require(document["value_before"] as? Double)
        let after = try #require(document["value_after"] as? Double)
        #expect(abs(after - before - gains.reduce(0, +)) < 1e-6)
        #expect(document["greedy_value"] as? Double ?? .infinity <= after)

        // Coverage today agrees with the suggestion's starting point.
        let total = try #require(document["total_population"] as? Double)
        let today = try coveredShare(within: 300) * total
        #expect(abs(today - before) < 0.01, "coverage \(today), site-suggest \(before)")

        // Add the suggested sites as toilets to a copy of the registry, and run coverage again.
        for suffix in ["gpkg", "walknet", "network.gpkg", "demand.gpkg"] {
            try FileManager.default.copyItem(atPath: cli.path("registry.\(suffix)"), toPath: cli.path("after.\(suffix)"))
        }
        let rows = sites.enumerated().map { index, site in
            "new-\(index + 1),新增公厕 \(index + 1),\(site["lon"] as? Double ?? .nan),\(site["lat"] as? Double ?? .nan)"
        }
        try cli.write("new_sites.csv", (["编号,名称,经度,纬度"] + rows).joined(separator: "\n") + "\n")
        let imported = try cli.run(
            ["import", "public_toilet", cli.path("new_sites.csv"), "--crs", "EPSG:4326", "--registry", cli.path("after.gpkg")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let then = try coveredShare(within: 300, registry: "after.gpkg") * total
        #expect(abs(then - after) < 0.01, "coverage after \(then), site-suggest \(after)")
        #expect(abs((then - today) - gains.reduce(0, +)) < 0.02)

        // The GeoPackage opens in GDAL; each site's newly covered residents add up to its gain.
        let report = try OgrReport(of: cli.path("sites.gpkg"))
        #expect(report.layers["suggested_sites"]?.featureCount == 3)
        #expect(report.layers["suggested_sites"]?.geometry == "Point")
        #expect(report.layers["suggested_sites"]?.epsg == 4326)
        #expect(report.layers["served_demand"]?.featureCount ?? 0 > 0)
        let sums = try OgrReport.ogrinfo([
            "-q", "-sql", "SELECT rank, SUM(population) AS people FROM served_demand GROUP BY rank ORDER BY rank",
            cli.path("sites.gpkg"),
        ])
        let people = sums.output.split(separator: "\n").compactMap { line -> Double? in
            guard line.contains("people (Real) = ") else { return nil }
            return Double(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces))
        }
        #expect(people.count == 3)
        for (sum, gain) in zip(people, gains) { #expect(abs(sum - gain) < 0.01, "\(people) vs \(gains)") }
    }

    @Test func theTableRanksTheSitesInChineseAndEnglish() throws {
        let zh = try cli.run(["site-suggest", "public_toilet", "-p", "2", "--within", "300", "--node-spacing", "80"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("排名") && zh.stdout.contains("新增覆盖（人）") && zh.stdout.contains("累计覆盖率"))
        #expect(zh.stdout.contains("现状"))
        #expect(zh.stderr.contains("registry.sites.gpkg"))
        #expect(FileManager.default.fileExists(atPath: cli.path("registry.sites.gpkg")))
        let en = try cli.run(["site-suggest", "public_toilet", "-p", "2", "--within", "300", "--node-spacing", "80",
                              "--lang", "en"])
        #expect(en.stdout.contains("gain (people)") && en.stdout.contains("share covered"))
        // The same sites in both languages.
        let zhSites = zh.stdout.split(separator: "\n").dropFirst(2).prefix(2).map { $0.split(separator: " ").dropFirst().first }
        let enSites = en.stdout.split(separator: "\n").dropFirst(2).prefix(2).map { $0.split(separator: " ").dropFirst().first }
        #expect(zhSites == enSites)
    }

    /// Each site's position in the output system: longitude/latitude by default, ETRS-TM35FIN (EPSG:3067) with
    /// --crs, as PROJ's own cs2cs projects the WGS84 position.
    @Test func sitesAreListedWithTheirPositionInTheOutputCRS() throws {
        let arguments = ["site-suggest", "public_toilet", "-p", "2", "--within", "300", "--node-spacing", "80"]
        let table = try cli.run(arguments)
        #expect(table.stdout.contains("经度") && table.stdout.contains("纬度"))
        let projected = try json(try cli.run(arguments + ["--crs", "EPSG:3067", "--json"]))
        #expect(projected["crs"] as? String == "EPSG:3067")
        let sites = try #require(projected["sites"] as? [[String: Any]])
        try #require(sites.count == 2)
        let input = sites.map { "\($0["lon"] as! Double) \($0["lat"] as! Double)\n" }.joined()
        let proj = try ToolRunner.run(
            "/usr/bin/cs2cs", ["-f", "%.3f", "+proj=longlat +datum=WGS84", "+to", "EPSG:3067"], stdin: Data(input.utf8)
        ).checked().stdout
        for (site, line) in zip(sites, proj.split(separator: "\n")) {
            let numbers = line.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            let x = try #require(site["x"] as? Double)
            let y = try #require(site["y"] as? Double)
            #expect(abs(x - numbers[0]) < 0.02 && abs(y - numbers[1]) < 0.02, "\(x) \(y) vs cs2cs \(line)")
            #expect(x > 380_000 && x < 390_000 && y > 6_670_000 && y < 6_680_000)
        }
        // Each site names its nearest street where OSM has one: a name GDAL reads on a walkable way of the file.
        let wide = try json(try cli.run(["site-suggest", "public_toilet", "-p", "8", "--within", "300", "--node-spacing", "80", "--json"]))
        let streets = try #require(wide["sites"] as? [[String: Any]]).compactMap { $0["street"] as? String }
        #expect(!streets.isEmpty)
        let osm = Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path
        let named = try ToolRunner.run("ogrinfo", [
            "-q", "-ro", "-sql", "SELECT DISTINCT name FROM lines WHERE highway IS NOT NULL AND name IS NOT NULL", osm,
        ]).checked().stdout
        for street in streets { #expect(named.contains("name (String) = \(street)\n"), "\(street)") }
        let zhTable = try cli.run(arguments)
        #expect(zhTable.stdout.contains("最近街道"))
        // The table shows the same easting and northing under x/y headers that name the system.
        let text = try cli.run(arguments + ["--crs", "EPSG:3067", "--lang", "en"])
        #expect(text.stdout.contains("x (EPSG:3067)") && text.stdout.contains("y (EPSG:3067)"))
        #expect(text.stdout.contains(String(format: "%.2f", sites[0]["x"] as! Double)))
    }

    @Test func setCoveringMeetsOrMissesItsTargetAndSaysSo() throws {
        let reachable = try json(
            cli.run(["site-suggest", "public_toilet", "--problem", "set-cover", "--share", "0.95", "--of", "reachable",
                     "--within", "300", "--node-spacing", "80", "--json"]))
        let target = try #require(reachable["target"] as? [String: Any])
        #expect(target["met"] as? Bool == true)
        let needed = try #require(target["target_population"] as? Double)
        #expect(reachable["value_after"] as? Double ?? 0 >= needed - 1e-6)

        // All residents: most of the population grid lies outside the extract, so 95 % of all is out of reach.
        let all = try cli.run(["site-suggest", "public_toilet", "--problem", "set-cover", "--share", "0.95",
                               "--within", "300", "--node-spacing", "80", "--lang", "en"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("cannot be reached"))
    }

    @Test func pMedianShortensTheWalk() throws {
        let document = try json(
            cli.run(["site-suggest", "public_toilet", "--problem", "p-median", "-p", "2", "--max-distance", "800",
                     "--node-spacing", "80", "--json", "-o", cli.path("median.gpkg")]))
        let before = try #require(document["value_before"] as? Double)
        let after = try #require(document["value_after"] as? Double)
        #expect(after < before)
        let sites = try #require(document["sites"] as? [[String: Any]])
        #expect(sites.count == 2)
        let saved = sites.compactMap { $0["gain"] as? Double }.reduce(0, +)
        #expect(abs(saved - (before - after)) < 1e-6 * before)
        #expect(try OgrReport(of: cli.path("median.gpkg")).layers["served_demand"]?.featureCount ?? 0 > 0)
    }

    @Test func candidatesComeFromAFileOrFromVenues() throws {
        // Three made-up candidate sites for this test only, in central Helsinki, and one far out at sea.
        try cli.write("candidates.csv", "编号,经度,纬度\nA,24.9440,60.1690\nB,24.9350,60.1650\nC,24.9520,60.1720\nSEA,24.80,60.05\n")
        let document = try json(
            cli.run(["site-suggest", "public_toilet", "-p", "2", "--within", "500", "--candidates", cli.path("candidates.csv"),
                     "--crs", "EPSG:4326", "--id", "编号", "--json"]))
        let ids = (document["sites"] as? [[String: Any]] ?? []).compactMap { $0["site_id"] as? String }
        #expect(!ids.isEmpty && Set(ids).isSubset(of: ["A", "B", "C"]))
        #expect(document["unsnapped_candidates"] as? [String] == ["SEA"])

        // Venues: the registry's toilets as candidates for maternity rooms.
        let venues = try cli.run(["site-suggest", "maternity_room", "-p", "1", "--within", "300",
                                  "--candidates", "venues:public_toilet", "--json"])
        let chosen = try json(venues)["sites"] as? [[String: Any]]
        #expect(chosen?.count == 1)
    }

    @Test func badInputIsRefusedWithAClearMessage() throws {
        func refused(_ arguments: [String], _ text: String, status: Int32? = nil) throws {
            let result = try cli.run(["site-suggest"] + arguments)
            #expect(result.status != 0, "\(arguments) should fail")
            if let status { #expect(result.status == status, "\(arguments): \(result.stderr)") }
            #expect(result.stderr.contains(text), "\(arguments): \(result.stderr)")
        }
        try refused(["no_such_kind", "-p", "3", "--within", "300"], "unknown facility kind 'no_such_kind'")
        try refused(["public_toilet", "-p", "0", "--within", "300"], "-p must be at least 1", status: 64)
        try refused(["public_toilet", "--within", "300"], "needs -p", status: 64)
        try refused(["public_toilet", "--problem", "set-cover", "--share", "1.5"], "between 0 and 1", status: 64)
        try refused(["public_toilet", "--problem", "set-cover"], "needs --share", status: 64)
        try refused(["public_toilet", "-p", "2", "--group", "children"], "unknown group 'children'", status: 64)
        try refused(["public_toilet", "-p", "2", "--group", "age_0_3"], "no counts of age_0_3")
        try refused(["public_toilet", "-p", "2", "--candidates", "missing.csv"], "missing.csv", status: 66)
        try refused(["public_toilet", "-p", "2", "--candidates", "venues:maternity_room"], "no maternity_room")
        try cli.write("bad.csv", "编号,经度,纬度\nA,24.94,60.169\nB,east,60.165\n")
        try refused(["public_toilet", "-p", "2", "--candidates", cli.path("bad.csv"), "--crs", "EPSG:4326"],
                    "line 3, field '经度'")

        let empty = try CommandRunner()
        #expect(try empty.run(["init"]).status == 0)
        let noNetwork = try empty.run(["site-suggest", "public_toilet", "-p", "2"])
        #expect(noNetwork.status != 0 && noNetwork.stderr.contains("lifecircle network build"))
        try FileManager.default.copyItem(atPath: cli.path("registry.walknet"), toPath: empty.path("registry.walknet"))
        let noDemand = try empty.run(["site-suggest", "public_toilet", "-p", "2"])
        #expect(noDemand.status != 0 && noDemand.stderr.contains("lifecircle demand import"))
    }
}
