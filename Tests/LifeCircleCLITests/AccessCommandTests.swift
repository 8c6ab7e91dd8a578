import Foundation
import TestSupport
import Testing

/// `lifecircle access` end to end on Helsinki's real network and population grid (OSM © OpenStreetMap
/// contributors; population grid © HSY, CC BY 4.0), with childcare centres made up for this test (the extract
/// has none): three with places, one without, one far off the network.
@Suite("Capacity accessibility on GeoData", .serialized)
struct AccessCommandTests {
    let cli: CommandRunner
    static let centres = """
        编号,名称,经度,纬度,托位数
        C1,中央托育,24.9416,60.1711,60
        C2,北区托育,24.9526,60.1785,40
        C3,南区托育,24.9446,60.1650,80
        C4,未填托位,24.9500,60.1690,
        C5,远郊托育,25.2000,60.3000,30

        """

    init() throws {
        cli = try CommandRunner()
        try cli.write("centres.csv", Self.centres)
        for step in [
            ["init"],
            ["network", "build", "--osm", Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path],
            ["import", "childcare", cli.path("centres.csv"), "--crs", "EPSG:4326"],
            ["demand", "import", Repository.geoData.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
             "--population", "population", "--id", "id"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
    }

    func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// With no centre open on the date there is no capacity to share: "not evaluable" and exit 1, as `check`
    /// says of a rule it cannot evaluate, not a table of zeros and exit 0.
    @Test func noFacilitiesIsNotEvaluable() throws {
        for id in ["C1", "C2", "C3", "C4", "C5"] {
            try #require(try cli.run(["close", "childcare", id, "--on", "2099-01-01"]).status == 0)
        }
        let zh = try cli.run(["access", "childcare", "--capacity-field", "places", "--as-of", "2099-06-01"])
        #expect(zh.status == 1, "\(zh.stderr)")
        #expect(zh.stdout.hasPrefix("无法评估：登记库中没有2099-06-01 开放且填有"), "\(zh.stdout)")
        #expect(zh.stdout.contains("lifecircle import childcare"))
        #expect(!zh.stdout.contains("加权平均"))
        let en = try cli.run(["access", "childcare", "--capacity-field", "places", "--as-of", "2099-06-01", "--lang", "en",
                              "--json"])
        #expect(en.status == 1)
        let document = try json(en)
        #expect(document["status"] as? String == "not_evaluable")
        #expect((document["reason"] as? String)?.contains("open on 2099-06-01") == true)
        // Open again today: the other tests of the suite see them.
        #expect(try cli.run(["access", "childcare", "--capacity-field", "places", "--json"]).status == 0)
    }

    @Test func placesPerThousandAreSharedAndConserved() throws {
        let plugins = try cli.run(["plugins", "list"])
        #expect(plugins.stdout.contains("childcare"))

        let result = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000", "--target", "5.5",
                                  "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result)
        #expect(document["facilities_without_capacity"] as? [String] == ["C4"])
        #expect(document["unsnapped_facilities"] as? [String] == ["C5"])
        #expect(document["decay"] as? String == "none")
        let overall = try #require(document["overall"] as? [String: Any])
        let population = try #require(overall["population"] as? Double)
        let mean = try #require(overall["mean"] as? Double)
        let distributed = try #require(document["distributed_capacity"] as? Double)
        #expect(population == 71724)
        // Supply is conserved: the population-weighted mean × residents / 1,000 is the capacity shared out,
        // which is at most the 180 places of the snapped centres.
        #expect(distributed > 0 && distributed <= 180)
        #expect(abs(mean * population / 1000 - distributed) < 1e-6 * distributed)
        let p10 = try #require(overall["p10"] as? Double)
        let median = try #require(overall["median"] as? Double)
        let p90 = try #require(overall["p90"] as? Double)
        #expect(p10 <= median && median <= p90 && p90 > 0)
        // Most grid cells lie outside the extract: they reach nothing and are below any target.
        let unsnapped = try #require(document["unsnapped_demand"] as? [String])
        #expect(unsnapped.count > 40 && unsnapped.count < 92)
        let below = try #require(overall["share_below_target"] as? Double)
        #expect(below > 0 && below <= 1)

        // GDAL reads the layers, and its own sum over the demand layer gives the same shared capacity.
        let gpkg = cli.path("registry.access.gpkg")
        let report = try OgrReport(of: gpkg)
        #expect(report.layers["access_demand"]?.featureCount == 92)
        #expect(report.layers["access_demand"]?.epsg == 4326)
        #expect(report.layers["access_facilities"]?.featureCount == 5)
        #expect(report.layers["access_facilities"]?.geometry == "Point")
        let sum = try OgrReport.ogrinfo([
            "-q", "-dialect", "SQLite", "-sql", "SELECT SUM(population * access) / 1000.0 AS shared FROM access_demand", gpkg,
        ])
        let shared = try #require(sum.stdout.split(separator: "\n").first { $0.contains("shared (Real) = ") }
            .flatMap { Double($0.components(separatedBy: "= ").last ?? "") })
        #expect(abs(shared - distributed) < 1e-6 * distributed)
        let statuses = try OgrReport.ogrinfo([
            "-q", "-sql", "SELECT facility_id, status FROM access_facilities WHERE status <> 'used'", gpkg,
        ]).stdout
        #expect(statuses.contains("C4") && statuses.contains("no_capacity"))
        #expect(statuses.contains("C5") && statuses.contains("unsnapped"))

        // The table a person reads, in both languages.
        let table = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000", "--target", "5.5"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("全部") && table.stdout.contains("托位数") && table.stdout.contains("低于 5.5"))
        #expect(table.stdout.contains("C4"))
        let english = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000", "--lang", "en"])
        #expect(english.stdout.contains("weighted mean") && english.stdout.contains("2SFCA"))
    }

    @Test func enhancedMethodWeighsDistanceAndStillConserves() throws {
        let steps = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000",
                                 "--method", "e2sfca", "--json", "-o", cli.path("e2.gpkg")])
        #expect(steps.status == 0, "\(steps.stderr)")
        let document = try json(steps)
        #expect(document["decay"] as? String == "300:1,600:0.68,1000:0.22")
        let gaussian = try json(try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000",
                                             "--method", "e2sfca", "--decay", "gaussian", "--json"]))
        #expect(gaussian["decay"] as? String == "gaussian")
        for document in [document, gaussian] {
            let overall = try #require(document["overall"] as? [String: Any])
            let mean = try #require(overall["mean"] as? Double)
            let population = try #require(overall["population"] as? Double)
            let distributed = try #require(document["distributed_capacity"] as? Double)
            #expect(abs(mean * population / 1000 - distributed) < 1e-6 * distributed)
        }
        #expect(try OgrReport(of: cli.path("e2.gpkg")).layers["access_demand"]?.featureCount == 92)
    }

    @Test func accessIsReportedPerAdminUnit() throws {
        // Two made-up demand points: one beside centre C1, one beside C3; 1,000 and 3,000 residents.
        try cli.write("demand.csv", "编号,街道,经度,纬度,人口\nA1,甲街道,24.9418,60.1712,1000\nB1,乙街道,24.9447,60.1651,3000\n")
        let imported = try cli.run(["demand", "import", cli.path("demand.csv"), "--population", "人口", "--id", "编号",
                                    "--admin", "街道", "--crs", "EPSG:4326", "--registry", cli.path("admin.gpkg")])
        #expect(imported.status == 0, "\(imported.stderr)")
        for file in ["walknet", "network.gpkg"] {
            try FileManager.default.copyItem(atPath: cli.path("registry.\(file)"), toPath: cli.path("admin.\(file)"))
        }
        try FileManager.default.copyItem(atPath: cli.path("registry.gpkg"), toPath: cli.path("admin.gpkg"))
        // Within 300 m each centre has only its neighbours: 60 places for 1,000, 80 for 3,000.
        let result = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "300", "--json",
                                  "--registry", cli.path("admin.gpkg")])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result)
        let units = try #require(document["admin_units"] as? [[String: Any]])
        func mean(_ unit: String) -> Double? { units.first { $0["admin_unit"] as? String == unit }?["mean"] as? Double }
        #expect(abs((mean("甲街道") ?? 0) - 60) < 1e-9)
        #expect(abs((mean("乙街道") ?? 0) - 80.0 / 3) < 1e-9)
        let overall = try #require(document["overall"] as? [String: Any])
        #expect(abs((overall["mean"] as? Double ?? 0) - 140.0 / 4) < 1e-9)
        let report = try OgrReport(of: cli.path("admin.access.gpkg"))
        #expect(report.layers["access_admin_units"]?.featureCount == 2)
        #expect(report.layers["access_admin_units"]?.geometry == "None")
    }

    /// Two SYNTHETIC rectangles, split at 24.935° E, imported as admin units over the real Helsinki demand.
    static let syntheticUnits = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "W", "name": "西区（合成）"}, "geometry": {"type": "Polygon",
         "coordinates": [[[24.90, 60.15], [24.935, 60.15], [24.935, 60.18], [24.90, 60.18], [24.90, 60.15]]]}},
        {"type": "Feature", "properties": {"code": "E", "name": "东区（合成）"}, "geometry": {"type": "Polygon",
         "coordinates": [[[24.935, 60.15], [24.965, 60.15], [24.965, 60.18], [24.935, 60.18], [24.935, 60.15]]]}}
        ]}

        """

    @Test func adminUnitsGetPolygonMeansAndAMapPage() throws {
        try cli.write("units.geojson", Self.syntheticUnits)
        let imported = try cli.run(["admin", "import", cli.path("units.geojson"), "--id", "code", "--name", "name"])
        try #require(imported.status == 0, "\(imported.stderr)")
        let result = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000", "--target", "5.5",
                                  "--json", "-o", cli.path("units.gpkg")])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result)
        let units = try #require(document["admin_units"] as? [[String: Any]])
        #expect(units.compactMap { $0["unit_id"] as? String } == ["E", "W"])

        // GDAL's own population-weighted mean and share below 5.5 over the demand points on each side.
        let gpkg = cli.path("units.gpkg")
        let report = try OgrReport(of: gpkg)
        #expect(report.layers["access_admin_units"]?.featureCount == 2)
        #expect(report.layers["access_admin_units"]?.geometry == "Multi Polygon")
        func figure(_ sql: String, _ name: String) throws -> Double? {
            let out = try OgrReport.ogrinfo(["-q", "-dialect", "SQLite", "-sql", sql, gpkg]).stdout
            return out.split(separator: "\n").first { $0.contains("\(name) (Real) = ") }
                .flatMap { Double($0.components(separatedBy: "= ").last ?? "") }
        }
        var total = 0.0
        for (id, side) in [("W", "< 24.935"), ("E", ">= 24.935")] {
            let filter = "FROM access_demand WHERE ST_X(geom) \(side) AND population > 0"
            let mean = try #require(try figure("SELECT SUM(population * access) / SUM(population) AS m \(filter)", "m"))
            let below = try #require(try figure(
                "SELECT SUM(CASE WHEN access < 5.5 THEN population ELSE 0 END) / SUM(population) AS b \(filter)", "b"))
            let stored = try #require(try figure(
                "SELECT mean_access AS m, share_below_target AS b FROM access_admin_units WHERE unit_id = '\(id)'", "m"))
            let unit = try #require(units.first { $0["unit_id"] as? String == id })
            let reported = try #require(unit["mean"] as? Double)
            #expect(abs(stored - mean) < 1e-9 * max(1, mean), "\(id): layer \(stored), GDAL \(mean)")
            #expect(abs(reported - mean) < 1e-9 * max(1, mean))
            #expect(abs((unit["share_below_target"] as? Double ?? -1) - below) < 1e-9)
            total += unit["population"] as? Double ?? 0
        }
        // The rectangles hold every demand point, so their residents add up to the whole.
        let overall = try #require(document["overall"] as? [String: Any])
        #expect(abs(total - (overall["population"] as? Double ?? 0)) < 1e-6)

        // The page beside the GeoPackage, opened in a real browser: the map with its classes, the table.
        #expect(document["page"] as? String == cli.path("units.html"))
        let scratch = try TemporaryFolder(prefix: "access-page")
        let dom = try HeadlessChromium.dumpDOM(of: URL(fileURLWithPath: cli.path("units.html")), scratch: scratch)
        #expect(dom.contains("<svg") && dom.contains("id=\"map-access\"") && dom.contains("scale-bar"))
        #expect(dom.contains("access-class-") && dom.contains("每 1,000 人") && dom.contains("class=\"facility\""))
        #expect(dom.contains("class=\"access-units\"") && dom.contains("西区（合成）") && dom.contains("东区（合成）"))
        let english = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000", "--lang", "en",
                                   "-o", cli.path("units-en.gpkg")])
        #expect(english.status == 0, "\(english.stderr)")
        let page = try String(contentsOfFile: cli.path("units-en.html"), encoding: .utf8)
        #expect(page.contains("per 1,000") && page.contains("By admin unit"))
    }

    @Test func badRequestsSayWhatIsWrong() throws {
        let unknownKind = try cli.run(["access", "creche", "--capacity-field", "places"])
        #expect(unknownKind.status != 0 && unknownKind.stderr.contains("unknown facility kind 'creche'"))

        let noField = try cli.run(["access", "childcare", "--capacity-field", "beds"])
        #expect(noField.status == 64, "\(noField.stderr)")
        #expect(noField.stderr.contains("no field 'beds'") && noField.stderr.contains("places"))

        let notNumber = try cli.run(["access", "childcare", "--capacity-field", "puhui"])
        #expect(notNumber.status == 64 && notNumber.stderr.contains("boolean, not a number"))

        let noGroup = try cli.run(["access", "childcare", "--capacity-field", "places", "--group", "age_0_3"])
        #expect(noGroup.status != 0 && noGroup.stderr.contains("--groups age_0_3="), "\(noGroup.stderr)")

        let badGroup = try cli.run(["access", "childcare", "--capacity-field", "places", "--group", "children"])
        #expect(badGroup.status == 64 && badGroup.stderr.contains("age_0_3"))

        let badSteps = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "1000",
                                    "--method", "e2sfca", "--steps", "300:1,600:0.5"])
        #expect(badSteps.status == 64 && badSteps.stderr.contains("last step"), "\(badSteps.stderr)")

        let stepsWithoutMethod = try cli.run(["access", "childcare", "--capacity-field", "places", "--steps", "1000:1"])
        #expect(stepsWithoutMethod.status == 64 && stepsWithoutMethod.stderr.contains("--method e2sfca"))

        // A registry without demand, then one without a network.
        for file in ["gpkg", "walknet"] {
            try FileManager.default.copyItem(atPath: cli.path("registry.\(file)"), toPath: cli.path("nodemand.\(file)"))
        }
        let noDemand = try cli.run(["access", "childcare", "--capacity-field", "places", "--registry", cli.path("nodemand.gpkg")])
        #expect(noDemand.status != 0 && noDemand.stderr.contains("lifecircle demand import"), "\(noDemand.stderr)")
        try FileManager.default.copyItem(atPath: cli.path("registry.gpkg"), toPath: cli.path("nonetwork.gpkg"))
        let noNetwork = try cli.run(["access", "childcare", "--capacity-field", "places", "--registry", cli.path("nonetwork.gpkg")])
        #expect(noNetwork.status != 0 && noNetwork.stderr.contains("lifecircle network build"), "\(noNetwork.stderr)")

        let help = try cli.run(["access", "--help"])
        #expect(help.stdout.contains("Examples:") && help.stdout.contains("--capacity-field"))
    }
}
