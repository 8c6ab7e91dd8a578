import Foundation
import TestSupport
import Testing

/// End to end on the real sample lists in GeoData/samples (OpenStreetMap, © OpenStreetMap contributors).
@Suite("Registry workflow on GeoData", .serialized)
struct RegistryWorkflowTests {
    let cli: CommandRunner
    let helsinkiCSV = Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path
    let monacoGeoJSON = Repository.geoData.appendingPathComponent("samples/monaco_toilets.geojson").path

    init() throws {
        cli = try CommandRunner()
        let created = try cli.run(["init"])
        try #require(created.status == 0, "init failed: \(created.stderr)")
    }

    @Test func importListNearestAndExport() throws {
        let imported = try cli.run(["import", "public_toilet", helsinkiCSV, "--crs", "EPSG:4326"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("已导入 17 处公厕"))
        #expect(imported.stderr.contains("columns not used by public_toilet: 无障碍, 收费"))
        let geojson = try cli.run(["import", "public_toilet", monacoGeoJSON, "--lang", "en"])
        #expect(geojson.status == 0, "\(geojson.stderr)")
        #expect(geojson.stdout.contains("Imported 7 Public toilet facilities"))

        let listed = try cli.run(["list", "public_toilet", "--json"])
        let all = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(all?.count == 24)

        let boxed = try cli.run(["list", "public_toilet", "--bbox", "7.3,43.7,7.5,43.8", "--json"])
        let monaco = try JSONSerialization.jsonObject(with: Data(boxed.stdout.utf8)) as? [[String: Any]]
        #expect(monaco?.count == 7)

        // Nearest to Helsinki Central Station; check the distance independently with PROJ's geod.
        let nearest = try cli.run(["nearest", "public_toilet", "--at", "24.9414,60.1710", "-k", "3", "--json"])
        #expect(nearest.status == 0, "\(nearest.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(nearest.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        let distances = rows.compactMap { $0["distance_m"] as? Double }
        #expect(distances == distances.sorted())
        let first = rows[0]
        let lon = try #require(first["lon"] as? Double)
        let lat = try #require(first["lat"] as? Double)
        let geod = try ToolRunner.run(
            "/usr/bin/geod", ["-I", "+ellps=WGS84", "-f", "%.4f", "+units=m"],
            stdin: Data("60.1710 24.9414 \(lat) \(lon)\n".utf8))
        let reference = try #require(Double(geod.stdout.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""))
        #expect(abs(distances[0] - reference) < 0.01)

        // Exports open in GDAL, in the requested system.
        let gpkg = cli.path("toilets.gpkg")
        #expect(try cli.run(["export", "public_toilet", "--format", "gpkg", "-o", gpkg, "--crs", "EPSG:32635"]).status == 0)
        let info = try OgrReport(of: gpkg).summary
        #expect(info.stdout.contains("Feature Count: 24"))
        #expect(info.stdout.contains("UTM zone 35N"))

        let csv = cli.path("toilets.csv")
        #expect(try cli.run(["export", "public_toilet", "--format", "csv", "-o", csv]).status == 0)
        let csvBytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(csvBytes.starts(with: [0xEF, 0xBB, 0xBF]), "no UTF-8 byte-order mark for Excel")
        let csvText = String(decoding: csvBytes, as: UTF8.self)
        #expect(csvText.split(whereSeparator: \.isNewline).count == 25)

        let json = cli.path("toilets.geojson")
        #expect(try cli.run(["export", "public_toilet", "--format", "geojson", "-o", json]).status == 0)
        let jsonInfo = try ToolRunner.run("/usr/bin/ogrinfo", ["-al", "-so", json])
        #expect(jsonInfo.stdout.contains("Feature Count: 24"))

        // What was exported imports again into a new registry, and the round trip keeps the positions. Monaco's 7
        // toilets lie 17° west of UTM zone 35N's area of use: written there they cannot come back as they are.
        let second = try CommandRunner()
        #expect(try second.run(["init"]).status == 0)
        let whole = try second.run(["import", "public_toilet", gpkg])
        #expect(whole.status == 65 && whole.stderr.contains("7 of 24 rows are invalid"), "\(whole.stderr)")
        #expect(whole.stderr.contains("cannot be in EPSG:32635"), "\(whole.stderr)")
        let reimported = try second.run(["import", "public_toilet", gpkg, "--skip-invalid", "--rejects", "monaco.csv"])
        #expect(reimported.status == 0, "\(reimported.stderr)")
        let again = try second.run(["nearest", "public_toilet", "--at", "24.9414,60.1710", "--json"])
        let back = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]])
        #expect(back.first?["id"] as? String == first["id"] as? String)
        #expect(abs((back.first?["lon"] as? Double ?? 0) - lon) < 1e-7)
    }

    @Test func theRegistryOpensInGDALWithoutWarnings() throws {
        #expect(try cli.run(["import", "public_toilet", monacoGeoJSON]).status == 0)
        let info = try OgrReport(of: cli.path("registry.gpkg")).listing
        #expect(info.stdout.contains("public_toilet (Point)"))
        #expect(info.stdout.contains("maternity_room (Point)"))
    }

    @Test func pluginsListAndShow() throws {
        let list = try cli.run(["plugins", "list", "--json"])
        let plugins = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(plugins.compactMap { $0["id"] as? String } == [
            "childcare", "children_home", "life_circle_service", "maternity_room", "park", "playground", "public_toilet",
            "public_venue",
        ])
        let show = try cli.run(["plugins", "show", "public_toilet"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("female_stalls") && show.stdout.contains("女厕位"))
        let table = try cli.run(["plugins", "list", "--lang", "en"])
        #expect(table.stdout.contains("Nursing room"))
    }

    @Test func everyCommandHelpHasAnExample() throws {
        for command in [[], ["init"], ["plugins"], ["plugins", "list"], ["plugins", "show"], ["import"], ["export"],
                        ["list"], ["nearest"]] {
            let help = try cli.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "no example in `lifecircle \(command.joined(separator: " ")) --help`")
        }
    }
}
