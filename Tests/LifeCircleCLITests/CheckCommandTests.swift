import Foundation
import TestSupport
import Testing

/// `lifecircle check` and `lifecircle mandates` as a user runs them, on GeoData: the real Huadu outline with its
/// published population, and Helsinki's OSM facilities, network and population grid (© OpenStreetMap
/// contributors, ODbL; HSY, CC BY 4.0).
@Suite("Compliance checks", .serialized)
struct CheckCommandTests {
    static let geo = Repository.geoData

    /// A registry with the Huadu outline and its 2023 population, and nothing else: the plan's targets are read,
    /// and every one is either failed or not evaluable, with a reason.
    @Test func theHuaduProfileOnAnEmptyRegistryWritesAReportABrowserOpens() throws {
        let cli = try CommandRunner()
        for step in [
            ["init"],
            ["admin", "import", Self.geo.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path,
             "--id", "adcode", "--level", "district", "--only", "440114"],
            ["admin", "population", "440114", "total=1728700", "--source", "花都区统计局 2023年末常住人口"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let check = try cli.run(["check", "--profile", "huadu-2021-2030", "--as-of", "2024-12-31", "-o", "report"])
        #expect(check.status == 1, "a registry without facilities cannot meet the plan: \(check.stderr)")
        #expect(check.stdout.contains("广州市花都区"))
        #expect(check.stdout.contains("无法评估"))

        // The JSON: valid against its schema, every rule of the profile, none passed, each unevaluable one with a reason.
        let json = cli.folder.appendingPathComponent("report/report.json")
        let schema = Repository.root.appendingPathComponent("Docs/schemas/check-report.schema.json")
        let validation = try ToolRunner.run("python3", [
            "-c",
            "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))"
                + ".validate(json.load(open(sys.argv[2])))",
            schema.path, json.path,
        ])
        #expect(validation.succeeded, "\(validation.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let rules = try #require(document["rules"] as? [[String: Any]])
        #expect(rules.count >= 40, "Huadu's profile has every facility target of both plans")
        #expect(rules.allSatisfy { ($0["status"] as? String) != "passed" })

        // The HTML in a real browser: one section per rule, the district's name, maps; and a screenshot.
        let page = cli.folder.appendingPathComponent("report/report.html")
        let scratch = try TemporaryFolder(prefix: "check-browser")
        defer { scratch.remove() }
        let dom = try HeadlessChromium.dumpDOM(of: page, scratch: scratch)
        #expect(dom.contains("花都区"))
        #expect(dom.components(separatedBy: "<section").count - 1 >= rules.count)
        #expect(dom.contains("<svg"))
        let shot = scratch.file("report.png")
        try HeadlessChromium.screenshot(of: page, to: shot, width: 1280, height: 1600, scratch: scratch)
        let size = try #require(pngSize(try Data(contentsOf: shot)))
        #expect(size.width == 1280 && size.height == 1600)

        // The failures for QGIS.
        let layers = try OgrReport(of: cli.path("report/failures.gpkg")).layers
        #expect(Set(layers.keys) == ["failing_features", "uncovered_demand", "unit_results"])
        #expect(layers["unit_results"]?.featureCount == 1)
    }

    /// Helsinki from OSM: the life-circle coverage a check reports is the share `lifecircle coverage` reports for
    /// the same kind and distance, and a rule's facilities that fail are in failures.gpkg.
    @Test func coverageRulesAgreeWithTheCoverageCommandOnRealData() throws {
        let cli = try CommandRunner()
        let osm = Self.geo.appendingPathComponent("osm/helsinki.osm.pbf").path
        for step in [
            ["init"],
            ["import", "public_toilet", osm],
            ["import", "playground", osm],
            ["import", "life_circle_service", osm],
            ["network", "build", "--osm", osm],
            ["demand", "import", Self.geo.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
             "--population", "population", "--id", "id"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        // SYNTHETIC childcare centres (made up for this test, at real Helsinki positions): OSM has none here.
        try cli.write("childcare.csv", "编号,名称,经度,纬度,托位数\nC1,中央托育,24.9416,60.1711,60\nC2,北区托育,24.9526,60.1785,40\n")
        let childcare = try cli.run(["import", "childcare", "childcare.csv", "--crs", "EPSG:4326"])
        try #require(childcare.status == 0, "\(childcare.stderr)")
        let check = try cli.run(["check", "--profile", "national", "--as-of", "2025-06-30", "-o", "out", "--json"])
        #expect(check.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let results = try #require(document["rules"] as? [[String: Any]])
        func measured(_ id: String) -> Double? {
            results.first { $0["id"] as? String == id }?["measured"] as? Double
        }
        let toilets = try #require(measured("national.life_circle.5min.public_toilet"))

        let coverage = try cli.run(["coverage", "--kinds", "public_toilet", "--thresholds", "300", "--json"])
        try #require(coverage.status == 0, "\(coverage.stderr)")
        let table = try #require(try JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [String: Any])
        let row = try #require((table["rows"] as? [[String: Any]])?.first { $0["kind"] as? String == "public_toilet" })
        let share = try #require(row["share"] as? Double)
        #expect(toilets > 0)
        #expect(abs(toilets - share) < 0.0005, "check \(toilets) vs coverage \(share)")

        // The two-step floating catchment rule reads what `lifecircle access` reports for the same distance.
        let accessible = try #require(measured("national.childcare.accessible_places_per_1000"))
        let access = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "300", "--group", "total", "--json"])
        try #require(access.status == 0, "\(access.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(access.stdout.utf8)) as? [String: Any])
        let mean = try #require((summary["overall"] as? [String: Any])?["mean"] as? Double)
        #expect(accessible > 0)
        #expect(abs(accessible - mean) < 1e-6, "check \(accessible) vs access \(mean)")
    }

    @Test func mandatesListTheVenuesThatMustHostAndWhetherTheyDo() throws {
        let cli = try CommandRunner()
        // SYNTHETIC venues and one 母婴室, made up for this test, at real Helsinki positions.
        try cli.write("venues.csv", """
            编号,名称,场所类型,建筑面积,日均客流,经度,纬度
            V1,Kamppi 购物中心,commercial,50000,30000,24.9320,60.1690
            V2,中央火车站,transport_hub,,60000,24.9414,60.1710
            V3,小型图书馆,culture_sports,800,300,24.9500,60.1700
            V4,港口码头,transport_hub,,,24.9560,60.1670
            """)
        try cli.write("rooms.csv", """
            编号,名称,所在场所,场所类型,面积,独立房间,经度,纬度
            R1,Kamppi 母婴室,Kamppi 购物中心,commercial,12,是,24.9322,60.1692
            """)
        for step in [
            ["init"], ["import", "public_venue", "venues.csv", "--crs", "EPSG:4326"],
            ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let listed = try cli.run(["mandates", "--profile", "huadu-2021-2030", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let lists = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let rooms = try #require(lists.first { $0["rule"] as? String == "public_venue.large_venue_maternity_room" })
        let venues = try #require(rooms["venues"] as? [[String: Any]])
        // V1 and V2 are over the thresholds; V3 is small; V4's size is not known.
        #expect(venues.compactMap { $0["id"] as? String } == ["V1", "V2"])
        #expect(venues[0]["hostID"] as? String == "R1" && venues[0]["how"] as? String == "named_inside")
        #expect(venues[1]["hostID"] == nil)
        #expect(rooms["undecided"] as? [String] == ["V4"])

        let text = try cli.run(["mandates", "--profile", "huadu-2021-2030"])
        #expect(text.stdout.contains("中央火车站") && text.stdout.contains("未设"))
    }
}
