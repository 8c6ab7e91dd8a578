import Foundation
import TestSupport
import Testing

/// A health bureau clerk's month, end to end, as the installed command runs it (issue 11's resolve condition):
/// installed by `scripts/install.sh` into a temporary PREFIX, run by its bare name from a folder outside the
/// checkout with nothing set; a surveyor's Shapefile (EPSG:4547, GBK `.dbf`, no `.cpg`), an AMap POI export and a
/// FileGDB imported; next month's Shapefile refreshed after a dry run; one room fixed by hand; the XLSX for the
/// bureau's report read back by `ogrinfo`. Every file handed to lifecircle was written by GDAL's `ogr2ogr`.
///
/// The install uses `--binary` with the debug build the tests run (the layout is install.sh's own, bin/ and
/// share/lifecircle); a release build inside the suite would take minutes. The rooms and venues are SYNTHETIC
/// (made up for this test, at real places in Huadu).
@Suite("A clerk's month, installed", .serialized)
final class ClerksMonthTests {
    let prefix: TemporaryFolder
    /// Where the surveyor's and the bureau's files arrive.
    let inbox: TemporaryFolder
    /// The clerk's office folder, unrelated to the checkout: the registry lives here.
    let office: TemporaryFolder

    static let columns = "编号,名称,地址,所在场所,场所类型,面积,独立房间,经度,纬度"
    static let october = """
        \(columns)
        HD-001,新华街道母婴室（合成）,花都区新华街公益路1号,新华街道办事处,政务服务中心,12,是,113.2150,23.4040
        HD-002,花都广场母婴室（合成）,花都区迎宾大道2号,花都广场,商场,12,是,113.2211,23.4012
        HD-003,花都火车站母婴室（合成）,花都区站前路3号,花都火车站,火车站,8,否,113.1900,23.3885
        HD-004,妇幼保健院母婴室（合成）,花都区新华路4号,花都区妇幼保健院,医院,20,是,113.2090,23.3975

        """
    /// November: HD-002 grew to 15 m², HD-003 is gone, HD-005 is new.
    static let november = """
        \(columns)
        HD-001,新华街道母婴室（合成）,花都区新华街公益路1号,新华街道办事处,政务服务中心,12,是,113.2150,23.4040
        HD-002,花都广场母婴室（合成）,花都区迎宾大道2号,花都广场,商场,15,是,113.2211,23.4012
        HD-004,妇幼保健院母婴室（合成）,花都区新华路4号,花都区妇幼保健院,医院,20,是,113.2090,23.3975
        HD-005,融创茂母婴室（合成）,花都区凤凰北路5号,融创茂,商场,18,是,113.2480,23.4250

        """
    static let venues = """
        编号,名称,地址,场所类型,建筑面积,日人流量,经度,纬度
        V-01,花都广场（合成）,花都区迎宾大道2号,商场,85000,30000,113.2211,23.4012
        V-02,花都区人民医院（合成）,花都区新华路48号,医院,120000,12000,113.2170,23.4060
        V-03,花都汽车客运站（合成）,花都区站前路9号,客运站,9000,8000,113.1920,23.3890

        """

    init() throws {
        prefix = try TemporaryFolder(prefix: "lifecircle-prefix")
        inbox = try TemporaryFolder(prefix: "lifecircle-inbox")
        office = try TemporaryFolder(prefix: "lifecircle-office")
        try CommandRunner.install(into: prefix)
    }

    deinit {
        for folder in [prefix, inbox, office] { folder.remove() }
    }

    /// `lifecircle ARGS` by its bare name from PREFIX/bin on PATH, in the office, without LIFECIRCLE_GEODATA.
    private func lifecircle(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ToolResult
    {
        let path = prefix.path("bin") + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try ToolRunner.run(
            "/usr/bin/env", ["-u", "LIFECIRCLE_GEODATA", "PATH=\(path)", "lifecircle"] + arguments, in: office.url)
    }

    /// `lifecircle ARGS`, required to exit 0.
    @discardableResult
    private func succeeds(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ToolResult
    {
        let result = try lifecircle(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    private func ogr2ogr(_ arguments: [String]) throws {
        let result = try ToolRunner.run("ogr2ogr", arguments, in: inbox.url)
        try #require(result.status == 0, "ogr2ogr \(arguments.joined(separator: " ")): \(result.output)")
    }

    /// The surveyor's Shapefile of a list: points in EPSG:4547 (CGCS2000 / 3-degree GK CM 114E), a GBK `.dbf`
    /// with the Chinese columns and no `.cpg`, as older ArcGIS leaves it; the WGS 84 columns it was made from are
    /// not in it.
    private func surveyorsShapefile(_ list: String, named stem: String) throws -> String {
        try Data(list.utf8).write(to: inbox.url.appendingPathComponent("\(stem).csv"))
        try ogr2ogr([
            "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", "\(stem).shp", "\(stem).csv",
            "-oo", "X_POSSIBLE_NAMES=经度", "-oo", "Y_POSSIBLE_NAMES=纬度", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547",
            "-select", "编号,名称,地址,所在场所,场所类型,面积,独立房间",
        ])
        try FileManager.default.removeItem(at: inbox.url.appendingPathComponent("\(stem).cpg"))
        return inbox.path("\(stem).shp")
    }

    private func json(_ result: ToolResult) throws -> Any {
        try JSONSerialization.jsonObject(with: result.stdoutData)
    }

    /// id → the record `list KIND --json` prints.
    private func listed(_ kind: String) throws -> [String: [String: Any]] {
        let rows = try #require(try json(try succeeds(["list", kind, "--json"])) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["id"] as? String).map { ($0, row) } })
    }

    private func attributes(_ record: [String: Any]?) -> [String: Any] {
        record?["attributes"] as? [String: Any] ?? [:]
    }

    @Test func theClerksMonth() throws {
        let october = try surveyorsShapefile(Self.october, named: "母婴室-10月")
        let november = try surveyorsShapefile(Self.november, named: "母婴室-11月")
        // The .dbf really is GBK: 母婴室 is C4 B8 D3 A4 CA D2 there.
        let dbf = try Data(contentsOf: inbox.url.appendingPathComponent("母婴室-10月.dbf"))
        #expect(dbf.range(of: Data([0xC4, 0xB8, 0xD3, 0xA4, 0xCA, 0xD2])) != nil)

        // The office's registry, made by the installed command.
        let created = try succeeds(["init"])
        #expect(created.stdout.contains("已创建登记库 registry.gpkg"), "\(created.stdout)")

        // October: the surveyor's Shapefile, its system read from the .prj, its GBK detected.
        let imported = try succeeds(["import", "maternity_room", october, "--user", "卫健局张三"])
        #expect(imported.stdout.contains("已导入 4 处母婴室（EPSG:4547 → EPSG:4326）"), "\(imported.stdout)")
        #expect(!imported.stderr.contains("warning"), "\(imported.stderr)")
        var rooms = try listed("maternity_room")
        #expect(rooms.count == 4)
        #expect(rooms["HD-002"]?["name"] as? String == "花都广场母婴室（合成）")
        #expect(attributes(rooms["HD-001"])["address"] as? String == "花都区新华街公益路1号")
        #expect(attributes(rooms["HD-001"])["venue_type"] as? String == "public_service")
        #expect(attributes(rooms["HD-002"])["venue_type"] as? String == "commercial")
        #expect(attributes(rooms["HD-003"])["venue_type"] as? String == "transport_hub")
        #expect(attributes(rooms["HD-004"])["venue_type"] as? String == "medical")
        #expect(attributes(rooms["HD-003"])["independent"] as? Bool == false)
        #expect(attributes(rooms["HD-004"])["area_m2"] as? Double == 20)
        // Through EPSG:4547 (ogr2ogr) and back (lifecircle, PROJ) within a millimetre's worth of degrees.
        for (id, lon, lat) in [("HD-001", 113.2150, 23.4040), ("HD-003", 113.1900, 23.3885)] {
            let (gotLon, gotLat) = (rooms[id]?["lon"] as? Double ?? 0, rooms[id]?["lat"] as? Double ?? 0)
            #expect(abs(gotLon - lon) < 1e-8 && abs(gotLat - lat) < 1e-8, "\(id): \(gotLon),\(gotLat)")
        }

        // The AMap export of the district's toilets: GCJ-02 by default, the other types left out and counted.
        let amap = Repository.root.appendingPathComponent(
            "Tests/LifeCircleCLITests/Fixtures/synthetic_amap_poi_huadu.csv").path
        let toilets = try succeeds(["import", "public_toilet", amap, "--user", "卫健局张三"])
        #expect(toilets.stdout.contains("已导入 2 处公厕（gcj02 → EPSG:4326）"), "\(toilets.stdout)")
        #expect(toilets.stderr.contains("按高德地图 POI 导出格式读取") && toilets.stderr.contains("8 行为其他类型"))
        let listedToilets = try listed("public_toilet")
        #expect(Set(listedToilets.keys) == ["B0SYNTH003", "B0SYNTH004"])
        #expect(abs((listedToilets["B0SYNTH003"]?["lon"] as? Double ?? 0) - 113.0707634) < 2e-6)
        #expect(abs((listedToilets["B0SYNTH003"]?["lat"] as? Double ?? 0) - 23.2520095) < 2e-6)

        // The commerce bureau's venues arrive as a FileGDB, in EPSG:4547 too, with 商场 and 医院 as types.
        try Data(Self.venues.utf8).write(to: inbox.url.appendingPathComponent("venues.csv"))
        try ogr2ogr([
            "-f", "OpenFileGDB", "公共场所.gdb", "venues.csv", "-nln", "公共场所", "-oo", "X_POSSIBLE_NAMES=经度",
            "-oo", "Y_POSSIBLE_NAMES=纬度", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547",
            "-select", "编号,名称,地址,场所类型,建筑面积,日人流量",
        ])
        let gdb = try succeeds(["import", "public_venue", inbox.path("公共场所.gdb"), "--user", "卫健局张三"])
        #expect(gdb.stdout.contains("已导入 3 处公共场所（EPSG:4547 → EPSG:4326）"), "\(gdb.stdout)")
        let venues = try listed("public_venue")
        #expect(venues.mapValues { attributes($0)["venue_type"] as? String ?? "" }
            == ["V-01": "commercial", "V-02": "medical", "V-03": "transport_hub"])
        #expect(attributes(venues["V-02"])["daily_visitors"] as? Int == 12000)
        #expect(attributes(venues["V-01"])["floor_area_m2"] as? Double == 85000)
        let venueTable = try succeeds(["list", "public_venue"])
        #expect(venueTable.stdout.contains("商业场所") && venueTable.stdout.contains("医疗机构"))

        // November: the dry run shows the diff and writes nothing.
        let refresh = ["import", "maternity_room", november, "--update", "--close-missing", "2026-11-30"]
        let registry = office.url.appendingPathComponent("registry.gpkg")
        let before = try Data(contentsOf: registry)
        let dry = try succeeds(refresh + ["--dry-run"])
        #expect(dry.stdout.contains("试运行（未写入 registry.gpkg）"), "\(dry.stdout)")
        #expect(dry.stdout.contains("新增 1 处，修改 1 处（面积 ×1），自 2026-11-30 起关闭 1 处，未变 2 处"), "\(dry.stdout)")
        let dryLines = dry.stdout.split(separator: "\n").map(String.init)
        #expect(dryLines.contains { $0.hasPrefix("新增") && $0.contains("HD-005") && $0.contains("融创茂母婴室（合成）") })
        #expect(dryLines.contains { $0.hasPrefix("修改") && $0.contains("HD-002") && $0.contains("面积: 12 → 15") })
        #expect(dryLines.contains { $0.hasPrefix("关闭") && $0.contains("HD-003") && $0.contains("2026-11-30") })
        #expect(try Data(contentsOf: registry) == before, "a dry run leaves the registry byte-identical")

        // … then makes exactly it.
        let done = try succeeds(refresh + ["--user", "卫健局李四"])
        #expect(done.stdout.contains("已更新 registry.gpkg 中的母婴室：新增 1 处，修改 1 处（面积 ×1），自 2026-11-30 起关闭 1 处，未变 2 处"),
                "\(done.stdout)")
        rooms = try listed("maternity_room")
        #expect(rooms.count == 5)
        #expect(attributes(rooms["HD-002"])["area_m2"] as? Double == 15)
        #expect(rooms["HD-003"]?["closed"] as? String == "2026-11-30")
        #expect(rooms["HD-005"]?["name"] as? String == "融创茂母婴室（合成）")
        #expect(rooms["HD-001"]?["closed"] == nil)
        // The toilets are another kind: the maternity rooms' list closes none of them.
        #expect(try listed("public_toilet").values.allSatisfy { $0["closed"] == nil })

        // A room fixed by hand: 妇幼保健院's room is 22 m² and open 8:00-17:30.
        let edit = try succeeds(["edit", "maternity_room", "HD-004", "面积=22", "开放时间=8:00-17:30", "--user", "卫健局王五"])
        #expect(edit.stdout.contains("已修改 HD-004：面积、开放时间"), "\(edit.stdout)")
        rooms = try listed("maternity_room")
        #expect(attributes(rooms["HD-004"])["area_m2"] as? Double == 22)
        #expect(attributes(rooms["HD-004"])["opening_hours"] as? String == "8:00-17:30")

        // The month's trail: every action with who made it.
        let trail = try #require(try json(try succeeds(["history", "maternity_room", "--json"])) as? [[String: Any]])
        let actions = trail.map { "\($0["actor"] as? String ?? "?") \($0["action"] as? String ?? "?") \($0["id"] as? String ?? "?")" }
        #expect(actions == [
            "卫健局张三 insert HD-001", "卫健局张三 insert HD-002", "卫健局张三 insert HD-003", "卫健局张三 insert HD-004",
            "卫健局李四 insert HD-005", "卫健局李四 update HD-002", "卫健局李四 close HD-003", "卫健局王五 update HD-004",
        ])
        let fixed = try #require(trail.last)
        #expect(attributes(fixed["before"] as? [String: Any])["area_m2"] as? Double == 20)
        #expect(attributes(fixed["after"] as? [String: Any])["area_m2"] as? Double == 22)
        let table = try succeeds(["history", "maternity_room"]).stdout.split(separator: "\n").map(String.init)
        #expect(table.contains { $0.contains("卫健局王五") && $0.contains("修改") && $0.contains("HD-004") }, "\(table)")
        #expect(table.contains { $0.contains("卫健局李四") && $0.contains("关闭") && $0.contains("HD-003") }, "\(table)")

        // The bureau's report: the rooms open at month's end, as an Excel sheet read back by ogrinfo.
        let export = try succeeds(["export", "maternity_room", "--format", "xlsx", "-o", "母婴室-2026-11.xlsx",
                                   "--as-of", "2026-11-30"])
        #expect(export.stdout.contains("已导出 4 处到 母婴室-2026-11.xlsx"), "\(export.stdout)")
        let sheet = office.path("母婴室-2026-11.xlsx")
        let summary = try OgrReport.ogrinfo(["-so", "-al", sheet]).stdout
        #expect(summary.contains("Feature Count: 4"), "\(summary)")
        for header in ["经度: Real", "纬度: Real", "编号: String", "名称: String", "所在场所: String", "场所类型: String",
                       "面积 (平方米): ", "独立房间: String", "开放时间: String", "地址: String"] {
            #expect(summary.contains(header), "\(header) in \(summary)")
        }
        let cells = try OgrReport.ogrinfo(["-al", sheet]).stdout
        let features = cells.components(separatedBy: "OGRFeature(").dropFirst()
        #expect(features.count == 4)
        let hospital = try #require(features.first { $0.contains("编号 (String) = HD-004") })
        for cell in ["名称 (String) = 妇幼保健院母婴室（合成）", "场所类型 (String) = 医疗机构", "面积 (平方米) (Integer) = 22",
                     "独立房间 (String) = 是", "开放时间 (String) = 8:00-17:30", "地址 (String) = 花都区新华路4号",
                     "经度 (Real) = 113.209", "纬度 (Real) = 23.3975"] {
            #expect(hospital.contains(cell), "\(cell) in \(hospital)")
        }
        #expect(features.contains { $0.contains("编号 (String) = HD-002") && $0.contains("面积 (平方米) (Integer) = 15") })
        #expect(features.contains { $0.contains("编号 (String) = HD-005") && $0.contains("场所类型 (String) = 商业场所") })
        #expect(!cells.contains("HD-003"), "closed before the report's date")
    }
}
