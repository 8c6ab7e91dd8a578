import Foundation
import TestSupport
import Testing

/// From an OSM extract and a population layer to coverage shares, isochrones and a gap map, on Helsinki's real
/// data (OSM © OpenStreetMap contributors; population grid © HSY, CC BY 4.0), as a planner would run it.
@Suite("Walking analyses on GeoData", .serialized)
struct WalkingAnalysisTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        for step in [
            ["init"],
            ["network", "build", "--osm", Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path],
            ["import", "public_toilet", Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path,
             "--crs", "EPSG:4326"],
            ["demand", "import", Repository.geoData.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
             "--population", "population", "--id", "id"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
    }

    @Test func networkBuildSavesACacheAndLayersQGISOpens() throws {
        #expect(FileManager.default.fileExists(atPath: cli.path("registry.walknet")))
        let report = try OgrReport(of: cli.path("registry.network.gpkg"))
        #expect(report.layers["network_nodes"]?.featureCount ?? 0 > 3000)
        #expect(report.layers["network_edges"]?.geometry == "Line String")
    }

    /// `--no-layers` writes the cache alone (and removes the earlier build's layers); `network export` writes
    /// them from the cache, bulk-loaded with the R-tree filled after the rows: GDAL reads the same counts and
    /// its spatial filter (through the R-tree) finds a subset.
    @Test func layersOnDemandMatchTheCacheAndTheirRTreeAnswers() throws {
        let other = try CommandRunner()
        let osm = Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path
        let build = try other.run(["network", "build", "--osm", osm, "--no-layers", "--lang", "en"])
        try #require(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: other.path("registry.walknet")))
        #expect(!FileManager.default.fileExists(atPath: other.path("registry.network.gpkg")))
        #expect(build.stdout.contains("network export"))

        let export = try other.run(["network", "export", "--output", other.path("net.gpkg"), "--lang", "en"])
        try #require(export.status == 0, "\(export.stderr)")
        let exported = try OgrReport(of: other.path("net.gpkg"))
        let built = try OgrReport(of: cli.path("registry.network.gpkg"))
        let edges = try #require(exported.layers["network_edges"]?.featureCount)
        #expect(edges > 3000)
        #expect(edges == built.layers["network_edges"]?.featureCount)
        #expect(exported.layers["network_nodes"]?.featureCount == built.layers["network_nodes"]?.featureCount)
        let filtered = try OgrReport.ogrinfo(
            ["-so", "-spat", "24.93", "60.16", "24.95", "60.17", other.path("net.gpkg"), "network_edges"])
        let inBox = filtered.output.split(separator: "\n").first { $0.hasPrefix("Feature Count:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") }
        let found = try #require(inBox, "\(filtered.output)")
        #expect(found > 0 && found < edges)
        let index = try OgrReport.ogrinfo(
            ["-sql", "SELECT HasSpatialIndex('network_edges', 'geom')", other.path("net.gpkg")])
        #expect(index.output.contains("= 1"), "\(index.output)")
    }

    @Test func coverageSharesAreWeightedAndGrowWithDistance() throws {
        let result = try cli.run(["coverage", "--json", "--distances-csv", cli.path("d.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(document["rows"] as? [[String: Any]])
        let shares = rows.filter { $0["kind"] as? String == "public_toilet" }.compactMap { $0["share"] as? Double }
        #expect(shares.count == 3)
        #expect(shares == shares.sorted() && shares.allSatisfy { (0...1).contains($0) })
        #expect(rows.allSatisfy { $0["total"] as? Double == 71724 })
        // Only 19 of the grid's 92 cells lie inside the extract: the others are listed, never dropped.
        let unsnapped = try #require(document["unsnapped_demand"] as? [String])
        #expect(unsnapped.count > 40 && unsnapped.count < 92)

        let csv = try String(contentsOfFile: cli.path("d.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "demand_id,kind,distance_m")
        #expect(csv.count == 1 + 92)
        let distances = csv.dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[2]) }
        #expect(distances.count == 92 - unsnapped.count)
        #expect(distances.allSatisfy { $0 >= 0 && $0 < 5000 })

        let layers = try OgrReport(of: cli.path("registry.coverage.gpkg"))
        #expect(layers.layers["coverage_demand"]?.featureCount == 92)
    }

    @Test func minutesAreDistancesAtAWalkingSpeed() throws {
        let minutes = try cli.run(["coverage", "--minutes", "5,10", "--speed-kmh", "6", "--json"])
        let metres = try cli.run(["coverage", "--thresholds", "500,1000", "--json"])
        func shares(_ text: String) throws -> [Double] {
            let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return (document?["rows"] as? [[String: Any]] ?? []).compactMap { $0["share"] as? Double }
        }
        #expect(try shares(minutes.stdout) == shares(metres.stdout))
    }

    @Test func isochronesGrowWithTheThresholdAndOpenInGDAL() throws {
        let result = try cli.run(["isochrones", "--thresholds", "300,1000", "--per-facility", "-o", cli.path("iso.gpkg")])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try OgrReport(of: cli.path("iso.gpkg"))
        #expect(report.layers["isochrones"]?.featureCount == 2)
        #expect(report.layers["facility_isochrones"]?.featureCount ?? 0 >= 30)
        let areas = result.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).last.flatMap { Double($0) }
        }
        #expect(areas.count == 2 && areas[0] > areas[1], "1000 m area first, then 300 m: \(areas)")
    }

    @Test func gapCellsCoverTheStudyArea() throws {
        let result = try cli.run(["gaps", "--threshold", "300", "--cell", "100", "-o", cli.path("gaps.gpkg")])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try OgrReport(of: cli.path("gaps.gpkg"))
        #expect(report.layers["gap_cells"]?.featureCount ?? 0 > 100)
        #expect(result.stdout.contains("public_toilet"))
    }

    /// A grid that will not fit the memory budget is refused at once with exit 64, naming its cells and the
    /// smallest `--cell` that fits; that one runs.
    @Test func aGridOverTheMemoryBudgetNamesTheCellThatFits() throws {
        let result = try cli.run(["gaps", "--threshold", "300", "--cell", "0.05", "-o", cli.path("fine.gpkg")])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("0.05 m cells over this area would have about"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("fine.gpkg")))
        func number(_ pattern: Regex<(Substring, Substring)>) throws -> Int {
            try #require(result.stderr.firstMatch(of: pattern).flatMap { Int($0.1) }, "\(result.stderr)")
        }
        let suggested = try number(/--cell (\d+)\)/)
        let cells = try number(/about (\d+) cells/)
        // The suggested cell's grid holds no more cells than the budget the refused one exceeded.
        let budget = try number(/at most (\d+) fit/)
        let area = Double(cells) * 0.05 * 0.05
        #expect(cells > budget)
        #expect(area <= Double(budget * suggested * suggested))
        #expect(suggested >= 1 && suggested < 20, "\(result.stderr)")
    }

    @Test func coverageIsReportedPerAdminUnit() throws {
        // Two made-up demand points for this test only: one beside a toilet, one 1.5 km away.
        try cli.write("demand.csv", "编号,街道,经度,纬度,人口\nA1,甲街道,24.9416,60.1711,100\nB1,乙街道,24.9530,60.1640,300\n")
        let imported = try cli.run(["demand", "import", cli.path("demand.csv"), "--population", "人口", "--id", "编号",
                                    "--admin", "街道", "--crs", "EPSG:4326", "--registry", cli.path("admin.gpkg")])
        #expect(imported.status == 0, "\(imported.stderr)")
        for file in ["walknet", "network.gpkg"] {
            try FileManager.default.copyItem(atPath: cli.path("registry.\(file)"), toPath: cli.path("admin.\(file)"))
        }
        try FileManager.default.copyItem(atPath: cli.path("registry.gpkg"), toPath: cli.path("admin.gpkg"))
        let result = try cli.run(["coverage", "--thresholds", "100", "--json", "--registry", cli.path("admin.gpkg")])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = document?["rows"] as? [[String: Any]] ?? []
        func share(_ admin: String?) -> Double? {
            rows.first { ($0["admin_unit"] as? String) == admin }?["share"] as? Double
        }
        #expect(share("甲街道") == 1)
        #expect(share("乙街道") == 0)
        #expect(share(nil) == 0.25)
        let table = try cli.run(["coverage", "--thresholds", "100", "--registry", cli.path("admin.gpkg")])
        #expect(table.stdout.contains("甲街道") && table.stdout.contains("100%"))
    }

    @Test func analysesWithoutANetworkSayWhatToRun() throws {
        let empty = try CommandRunner()
        #expect(try empty.run(["init"]).status == 0)
        let result = try empty.run(["coverage"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("lifecircle network build"))
    }
}
