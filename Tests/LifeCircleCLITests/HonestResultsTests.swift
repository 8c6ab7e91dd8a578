import Foundation
import TestSupport
import Testing

/// Results that cannot be wrong (issue 10, items 4, 8 and 9): a row the store cannot read stops every command that
/// reads it; coordinates that cannot be in their declared CRS are refused on every input; a plan's figures are never
/// reported from another region's data; "not evaluable" never looks like a pass.
@Suite("Honest results", .serialized)
struct HonestResultsTests {
    static let geo = Repository.geoData
    static let outlines = geo.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path

    private func require(_ cli: CommandRunner, _ steps: [[String]]) throws {
        for step in steps {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
    }

    /// Overwrites one geometry blob with bytes no GeoPackage reader accepts, through Python's sqlite3 (the R-tree
    /// triggers call ST_* functions, stubbed here since only the blob matters).
    private func corrupt(_ table: String, fid: Int, in registry: String) throws {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.create_function("ST_IsEmpty", 1, lambda b: 0)
            for name in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"): c.create_function(name, 1, lambda b: 0.0)
            n = c.execute(f"UPDATE {sys.argv[2]} SET geom = X'4750000AE6100000DEADBEEF' WHERE fid = ?", (int(sys.argv[3]),)).rowcount
            c.commit()
            sys.exit(0 if n == 1 else 1)
            """
        let result = try ToolRunner.run("python3", ["-c", script, registry, table, "\(fid)"])
        try #require(result.succeeded, "\(result.stderr)")
    }

    // MARK: Item 4: no silent drops

    /// Before: `check` reported the kind with 0 facilities, "not evaluable", and exited 1; `list` named the row.
    @Test func aGeometryTheStoreCannotReadStopsCheckTrendScenarioAndMandates() throws {
        let cli = try CommandRunner()
        try cli.write("venues.csv", """
            编号,名称,场所类型,建筑面积,日均客流,经度,纬度
            V1,Kamppi 购物中心,commercial,60000,,24.9322,60.1692
            V2,中央火车站,transport_hub,,200000,24.9414,60.1710
            """)
        try cli.write("rooms.csv", """
            编号,名称,所在场所,场所类型,面积,独立房间,经度,纬度
            R1,Kamppi 母婴室,Kamppi 购物中心,commercial,12,是,24.9322,60.1692
            """)
        try cli.write("close.yaml", """
            scenario: close-one
            title: {zh: 关闭一处, en: Close one}
            changes:
              - {close: public_venue, id: V2}
            """)
        try require(cli, [
            ["init"],
            ["import", "public_toilet", Self.geo.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path,
             "--crs", "EPSG:4326"],
            ["import", "public_venue", "venues.csv", "--crs", "EPSG:4326"],
            ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"],
        ])
        try corrupt("public_toilet", fid: 2, in: cli.path("registry.gpkg"))
        let named = "table 'public_toilet', row fid=2, column 'geom'"
        let list = try cli.run(["list", "public_toilet"])
        #expect(list.status == 65 && list.stderr.contains(named), "\(list.stderr)")
        for command in [
            ["check", "--profile", "national", "-o", "report"],
            ["trend", "--profile", "national", "--years", "2024..2026", "-o", "trend"],
            ["scenario", "close.yaml", "--profile", "national", "-o", "scenario"],
        ] {
            let result = try cli.run(command)
            #expect(result.status == 65, "\(command[0]) exited \(result.status): \(result.stderr)")
            #expect(result.stderr.contains(named), "\(command[0]): \(result.stderr)")
        }
        // `mandates` reads venues and rooms, not toilets: it runs, until a venue cannot be read.
        #expect(try cli.run(["mandates", "--profile", "national"]).status == 0)
        try corrupt("public_venue", fid: 1, in: cli.path("registry.gpkg"))
        let mandates = try cli.run(["mandates", "--profile", "national"])
        #expect(mandates.status == 65, "\(mandates.stderr)")
        #expect(mandates.stderr.contains("table 'public_venue', row fid=1, column 'geom'"), "\(mandates.stderr)")
    }

    // MARK: Item 8: coordinates that cannot be right

    /// Before: every one of these was imported or answered, the rooms landing near 109.5°E 0°N.
    @Test func coordinatesOutsideTheDeclaredCRSAreaAreRefusedOnEveryInput() throws {
        let cli = try CommandRunner()
        try cli.write("rooms.csv", """
            编号,名称,面积,独立房间,经度,纬度
            R1,母婴室一,12,是,113.2200,23.4000
            """)
        // A surveyor's table: X is the northing, Y the easting, of the same room in EPSG:4547 (cs2cs's numbers).
        let projected = try ToolRunner.run("/usr/bin/cs2cs", ["-r", "-s", "-f", "%.3f", "EPSG:4326", "EPSG:4547"],
                                           stdin: Data("113.22 23.40\n".utf8))
        let parts = projected.stdout.split(whereSeparator: \.isWhitespace)
        try #require(parts.count >= 2, "\(projected.stdout)\(projected.stderr)")
        try cli.write("survey.csv", "编号,名称,面积,独立房间,X,Y\nR1,母婴室一,12,是,\(parts[1]),\(parts[0])\n")
        try cli.write("moved.yaml", """
            scenario: add-one
            title: {zh: 新增一处, en: Add one}
            changes:
              - {add: maternity_room, id: N1, name: 新母婴室, at: [113.22, 23.40], crs: EPSG:4547, attributes: {area: 12, independent_room: true}}
            """)
        try require(cli, [["init"]])

        let degrees = try cli.run(["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4547"])
        #expect(degrees.status == 65)
        #expect(degrees.stderr.contains("rooms.csv") && degrees.stderr.contains("line 2, field '经度/纬度'"))
        #expect(degrees.stderr.contains("did you mean --crs EPSG:4490"), "\(degrees.stderr)")

        let swapped = try cli.run(["import", "maternity_room", "survey.csv", "--crs", "EPSG:4547", "--lon", "X",
                                   "--lat", "Y"])
        #expect(swapped.status == 65)
        #expect(swapped.stderr.contains("line 2, field 'X/Y'") && swapped.stderr.contains("X and Y swapped"),
                "\(swapped.stderr)")
        // Given the right way round, the same file imports.
        let fixed = try cli.run(["import", "maternity_room", "survey.csv", "--crs", "EPSG:4547", "--lon", "Y",
                                 "--lat", "X"])
        #expect(fixed.status == 0, "\(fixed.stderr)")

        let helsinki = try cli.run(["import", "public_toilet",
                                    Self.geo.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path,
                                    "--crs", "gcj02"])
        #expect(helsinki.status == 65 && helsinki.stderr.contains("offsets exist only in China"), "\(helsinki.stderr)")

        let nearest = try cli.run(["nearest", "maternity_room", "--at", "113.22,23.40", "--crs", "EPSG:4547"])
        #expect(nearest.status == 64 && nearest.stderr.contains("--at 113.22,23.40"), "\(nearest.stderr)")

        let admin = try cli.run(["admin", "import", Self.outlines, "--id", "adcode", "--only", "440114",
                                 "--crs", "EPSG:4547"])
        #expect(admin.status == 65 && admin.stderr.contains("field 'geometry'"), "\(admin.stderr)")

        let demand = try cli.run(["demand", "import",
                                  Self.geo.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
                                  "--population", "population", "--id", "id", "--crs", "EPSG:4547"])
        #expect(demand.status == 65 && demand.stderr.contains("cannot be in EPSG:4547"), "\(demand.stderr)")

        let roads = try cli.run(["network", "build", "--roads",
                                 Self.geo.appendingPathComponent("roads/helsinki_roads_gk25.geojson").path,
                                 "--crs", "EPSG:4547"])
        #expect(roads.status == 65 && roads.stderr.contains("cannot be in EPSG:4547"), "\(roads.stderr)")

        let scenario = try cli.run(["scenario", "moved.yaml", "--profile", "national", "-o", "s"])
        #expect(scenario.status == 65 && scenario.stderr.contains("moved.yaml:4"), "\(scenario.stderr)")

        let grid = try cli.run(["import", "maternity_room", "rooms.csv",
                                "--crs", "+proj=longlat +ellps=WGS84 +nadgrids=/etc/passwd"])
        #expect(grid.status == 65 && grid.stderr.contains("names the file '/etc/passwd'"), "\(grid.stderr)")
    }

    // MARK: Item 9: a profile knows its region

    /// A registry of Huadu facilities and Huadu's admin unit.
    private func huaduRegistry() throws -> CommandRunner {
        let cli = try CommandRunner()
        try cli.write("rooms.csv", """
            编号,名称,面积,独立房间,经度,纬度
            R1,合成母婴室一（测试）,12,是,113.2200,23.4000
            R2,合成母婴室二（测试）,8,否,113.2300,23.4050
            """)
        try require(cli, [
            ["init"], ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"],
        ])
        return cli
    }

    /// Before: `check --profile lechang-2021-2030` reported Lechang's figures from Huadu's data, no warning.
    @Test func aPlanProfileStopsOnDataOfAnotherRegionOrSaysSoAtTheTop() throws {
        let cli = try huaduRegistry()
        let unplaced = try cli.run(["check", "--profile", "huadu-2021-2030", "-o", "r0"])
        #expect(unplaced.status == 65 && unplaced.stderr.contains("登记库没有行政单元"), "\(unplaced.stderr)")

        try require(cli, [["admin", "import", Self.outlines, "--id", "adcode", "--level", "district",
                           "--only", "440114"]])
        let own = try cli.run(["check", "--profile", "huadu-2021-2030", "-o", "huadu"])
        #expect(own.status == 1, "Huadu's plan on Huadu's data runs (and misses targets): \(own.stderr)")

        for command in [
            ["check", "--profile", "lechang-2021-2030", "-o", "lechang"],
            ["trend", "--profile", "lechang-2021-2030", "--years", "2024..2026", "-o", "trend"],
        ] {
            let result = try cli.run(command)
            #expect(result.status == 65, "\(command[0]): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("花都区 (440114) 不在乐昌市（440281）内"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.path(command[4])), "no report is written")
        }

        let anyway = try cli.run(["check", "--profile", "lechang-2021-2030", "--allow-other-region", "-o", "lechang"])
        #expect(anyway.status == 1)
        #expect(anyway.stderr.contains("warning: ⚠ 以下数字不是乐昌市的实际情况"), "\(anyway.stderr)")
        let html = try String(contentsOfFile: cli.path("lechang/report.html"), encoding: .utf8)
        let body = try #require(html.range(of: "<body>\n"))
        #expect(html[body.upperBound...].hasPrefix("<div class=\"data-warning\" role=\"alert\">⚠ 以下数字不是乐昌市的实际情况"))
        let markdown = try String(contentsOfFile: cli.path("lechang/report.md"), encoding: .utf8)
        #expect(markdown.split(separator: "\n").prefix(6).contains { $0.hasPrefix("> **⚠ 以下数字不是乐昌市") })
        let json = cli.path("lechang/report.json")
        let schema = Repository.root.appendingPathComponent("Docs/schemas/check-report.schema.json").path
        let validation = try ToolRunner.run("python3", [
            "-c",
            "import json,sys,jsonschema; d=json.load(open(sys.argv[2])); "
                + "jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(d); "
                + "assert '440114' in d['data_warnings'][0]['en'], d.get('data_warnings')",
            schema, json,
        ])
        #expect(validation.succeeded, "\(validation.stderr)")
        let trend = try cli.run(["trend", "--profile", "lechang-2021-2030", "--years", "2024..2026",
                                 "--allow-other-region", "-o", "trend"])
        #expect([0, 1].contains(trend.status), "\(trend.stderr)")
        let trendPage = try String(contentsOfFile: cli.path("trend/trend.html"), encoding: .utf8)
        #expect(trendPage.contains("<div class=\"data-warning\" role=\"alert\">⚠"))

        // Lechang's outline with Huadu's rooms: none of the facilities lies in the region's units.
        let lechang = try CommandRunner()
        try lechang.write("rooms.csv", "编号,名称,面积,独立房间,经度,纬度\nR1,合成母婴室（测试）,12,是,113.22,23.40\n")
        try require(lechang, [
            ["init"], ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"],
            ["admin", "import", Self.outlines, "--id", "adcode", "--level", "district", "--only", "440281"],
        ])
        let outside = try lechang.run(["check", "--profile", "lechang-2021-2030", "-o", "r"])
        #expect(outside.status == 65 && outside.stderr.contains("没有一处位于乐昌市（440281）的行政单元内"), "\(outside.stderr)")
    }

    // MARK: Item 9: not evaluable never looks like a pass

    /// Before: the overview map coloured the district pale green ("0 项未达标") and trend.html gave every indicator
    /// without data a green border.
    @Test func aProfileWithNothingEvaluableShowsNoGreen() throws {
        let cli = try CommandRunner()
        try cli.write("nodata.yaml", """
            profile: nodata
            version: 1.0.0
            title: {zh: 无数据, en: No data}
            region: {name: 花都区, adcode: "440114"}
            rules:
              - use: childcare.places_per_1000
              - use: [public_toilet.female_male_ratio]
            """)
        try require(cli, [
            ["init"], ["admin", "import", Self.outlines, "--id", "adcode", "--level", "district", "--only", "440114"],
        ])
        let check = try cli.run(["check", "--profile", "nodata.yaml", "-o", "report"])
        #expect(check.status == 1, "\(check.stderr)")
        let html = try String(contentsOfFile: cli.path("report/report.html"), encoding: .utf8)
        #expect(html.contains("<path class=\"unit not-evaluable\""), "the district is grey")
        #expect(!html.contains("failing-rules-0"), "and not the shade of none failing")
        #expect(html.contains("花都区 (440114): 0 项未达标，2 项无法评估"))
        #expect(html.contains("--na: #6e6e6e"), "not evaluable is grey")
        #expect(html.contains("verdict-incomplete"))

        let trend = try cli.run(["trend", "--profile", "nodata.yaml", "--years", "2023..2026", "-o", "trend"])
        #expect(trend.status == 0, "\(trend.stderr)")
        #expect(trend.stdout.contains("无法评估或推算 2 项"))
        let page = try String(contentsOfFile: cli.path("trend/trend.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "class=\"indicator no_data\"").count - 1 == 2)
        #expect(!page.contains("class=\"indicator on_track\""))
        #expect(page.contains("border-left: 6px solid var(--na)"), "an indicator is grey unless it is on track")
        #expect(page.contains("verdict verdict-incomplete"))
        #expect(page.contains("<p class=\"unassessed\">无法评估："))
        let markdown = try String(contentsOfFile: cli.path("trend/trend.md"), encoding: .utf8)
        #expect(markdown.contains("没有一项指标能评估或推算"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: cli.folder.appendingPathComponent("trend/trend.json")))
                as? [String: Any])
        let indicators = try #require(json["indicators"] as? [[String: Any]])
        #expect(indicators.allSatisfy { $0["assessment"] as? String == "no_data" })
    }
}
