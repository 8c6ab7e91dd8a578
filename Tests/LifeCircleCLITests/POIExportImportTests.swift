import Foundation
import TestSupport
import Testing

/// AMap (高德) and Baidu POI exports import directly, on the SYNTHETIC samples in Fixtures/ (made by
/// make_synthetic_poi.py: invented names and ids in the services' layouts, at vertices of the real 花都区 outline).
/// Positions are checked against cnmaps' independent GCJ-02 → WGS84 conversion of the same vertices.
@Suite("AMap and Baidu POI exports", .serialized)
struct POIExportImportTests {
    let cli: CommandRunner
    static let fixtures = Repository.root.appendingPathComponent("Tests/LifeCircleCLITests/Fixtures")
    let amap = fixtures.appendingPathComponent("synthetic_amap_poi_huadu.csv").path
    let baidu = fixtures.appendingPathComponent("synthetic_baidu_poi_huadu.csv").path

    init() throws {
        cli = try CommandRunner()
        let created = try cli.run(["init"])
        try #require(created.status == 0, "init failed: \(created.stderr)")
    }

    /// The expected WGS84 position of each synthetic POI, by AMap id and Baidu uid.
    func expected() throws -> [String: (lon: Double, lat: Double)] {
        let text = try String(
            contentsOf: Self.fixtures.appendingPathComponent("synthetic_poi_expected_wgs84.csv"), encoding: .utf8)
        var positions: [String: (lon: Double, lat: Double)] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            let position = (lon: Double(cells[2]) ?? .nan, lat: Double(cells[3]) ?? .nan)
            positions[cells[0]] = position
            positions[cells[1]] = position
        }
        return positions
    }

    func listed(_ kind: String) throws -> [[String: Any]] {
        let result = try cli.run(["list", kind, "--json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test func amapExportImportsByTypecodeInGCJ02() throws {
        let imported = try cli.run(["import", "life_circle_service", amap])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("按高德地图 POI 导出格式读取") && imported.stderr.contains("typecode"))
        #expect(imported.stderr.contains("坐标系 gcj02（默认"))
        #expect(imported.stderr.contains("保留 5 行") && imported.stderr.contains("5 行为其他类型"))
        #expect(!imported.stderr.contains("columns not used"), "\(imported.stderr)")
        let rows = try listed("life_circle_service")
        #expect(rows.count == 5)
        let categories = Dictionary(uniqueKeysWithValues: rows.map {
            ($0["id"] as? String ?? "", ($0["attributes"] as? [String: Any])?["category"] as? String ?? "")
        })
        #expect(categories == [
            "B0SYNTH000": "kindergarten", "B0SYNTH001": "kindergarten", "B0SYNTH002": "primary_school",
            "B0SYNTH003": "public_toilet", "B0SYNTH004": "public_toilet",
        ])
        let truth = try expected()
        for row in rows {
            let id = try #require(row["id"] as? String)
            let want = try #require(truth[id])
            #expect(abs((row["lon"] as? Double ?? 0) - want.lon) < 2e-6, "\(id) lon")
            #expect(abs((row["lat"] as? Double ?? 0) - want.lat) < 2e-6, "\(id) lat")
            let attributes = row["attributes"] as? [String: Any] ?? [:]
            #expect((attributes["address"] as? String)?.hasPrefix("花都区合成路") == true)
            #expect(attributes["source"] as? String == "高德地图 POI")
        }

        // The same file for other kinds: each keeps its own typecodes, with the values they imply.
        #expect(try cli.run(["import", "maternity_room", amap]).status == 0)
        #expect(try listed("maternity_room").map { $0["id"] as? String } == ["B0SYNTH005"])
        #expect(try cli.run(["import", "public_venue", amap]).status == 0)
        let venues = try listed("public_venue").map {
            ($0["id"] as? String ?? "", ($0["attributes"] as? [String: Any])?["venue_type"] as? String ?? "")
        }
        #expect(venues.map(\.0) == ["B0SYNTH006", "B0SYNTH007", "B0SYNTH008"])
        #expect(venues.map(\.1) == ["medical", "commercial", "tourism"])
    }

    @Test func baiduExportImportsByTagInBD09() throws {
        let imported = try cli.run(["import", "public_toilet", baidu, "--lang", "en"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("Reading a Baidu Maps POI export") && imported.stderr.contains("bd09"))
        let rows = try listed("public_toilet")
        #expect(rows.map { $0["id"] as? String } == ["synthetic0003", "synthetic0004"])
        let truth = try expected()
        for row in rows {
            let id = try #require(row["id"] as? String)
            let want = try #require(truth[id])
            // BD-09 written to 6 decimals (about 0.1 m), inverted by the import, against cnmaps' WGS84.
            #expect(abs((row["lon"] as? Double ?? 0) - want.lon) < 3e-6, "\(id) lon")
            #expect(abs((row["lat"] as? Double ?? 0) - want.lat) < 3e-6, "\(id) lat")
        }
    }

    @Test func crsOverridesAndKindsWithoutTypesAreSaid() throws {
        // --crs wins over the layout's default: read as WGS84 the AMap positions land 300–600 m away.
        #expect(try cli.run(["import", "park", amap, "--crs", "EPSG:4326"]).status == 0)
        let park = try #require(try listed("park").first)
        let want = try #require(try expected()["B0SYNTH008"])
        let geod = try ToolRunner.run(
            "/usr/bin/geod", ["-I", "+ellps=WGS84", "-f", "%.2f", "+units=m"],
            stdin: Data("\(want.lat) \(want.lon) \(park["lat"] as? Double ?? 0) \(park["lon"] as? Double ?? 0)\n".utf8))
        let offset = Double(geod.stdout.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? "") ?? 0
        #expect((200...800).contains(offset), "offset \(offset) m")

        // A kind without a POI mapping takes every row, and says so.
        let childcare = try cli.run(["import", "childcare", amap])
        #expect(childcare.status == 0 && childcare.stderr.contains("没有 POI 类型映射"), "\(childcare.stderr)")
        #expect(try listed("childcare").count == 10)

        // A kind none of whose types is in the file is refused (65), naming where its types are listed.
        let none = try cli.run(["import", "maternity_room", baidu])
        #expect(none.status == 65 && none.stderr.contains("no row has a POI type of maternity_room"), "\(none.stderr)")
    }

    @Test func aLocationWithoutLatitudeIsARowProblem() throws {
        try cli.write("amap-bad.csv", """
            id,name,type,typecode,address,location
            B1,合成坏点,公共设施;公共厕所;公共厕所,200300,某路,113.2
            B2,合成好点,公共设施;公共厕所;公共厕所,200300,某路,"113.22,23.40"

            """)
        let result = try cli.run(["import", "public_toilet", "amap-bad.csv", "--lang", "en"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("line 2") && result.stderr.contains("location (纬度)"), "\(result.stderr)")
    }
}
