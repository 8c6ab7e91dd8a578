import Foundation
import TestSupport
import Testing

/// Chinese values both ways: enum synonyms and labels in, labels out in tables and CSV, the standard fields kept,
/// positions shown in the system asked for, and GeoPackage column descriptions read by GDAL.
@Suite("Chinese values in and out", .serialized)
struct ChineseValuesTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        let created = try cli.run(["init"])
        try #require(created.status == 0, "init failed: \(created.stderr)")
    }

    /// A bureau's list: venue types typed as codes, labels and synonyms (商场, 医院), with 地址, 电话, 运营单位, 来源.
    func importVenues() throws {
        try cli.write("venues.csv", """
            编号,名称,经度,纬度,场所类型,建筑面积,地址,联系电话,运营单位,数据来源
            V1,花都广场,113.2205,23.4045,商场,25000.5,新华街1号,020-1,花都城投,区商务局
            V2,区人民医院,113.2261,23.4018,医院,40000,新华街2号,020-2,区卫健局,区卫健局
            V3,火车站,113.2100,23.3900,transport_hub,,站前路,,,
            V4,图书馆,113.2300,23.4100,文化体育场馆,,,,,

            """)
        let imported = try cli.run(["import", "public_venue", "venues.csv", "--crs", "EPSG:4326"])
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stderr.contains("columns not used"), "the standard fields are not dropped: \(imported.stderr)")
    }

    @Test func synonymsAndLabelsImportAndTablesShowLabels() throws {
        try importVenues()
        let json = try cli.run(["list", "public_venue", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as? String ?? "", $0) })
        func attributes(_ id: String) -> [String: Any] { byID[id]?["attributes"] as? [String: Any] ?? [:] }
        #expect(attributes("V1")["venue_type"] as? String == "commercial")
        #expect(attributes("V2")["venue_type"] as? String == "medical")
        #expect(attributes("V3")["venue_type"] as? String == "transport_hub")
        #expect(attributes("V4")["venue_type"] as? String == "culture_sports")
        #expect(attributes("V1")["address"] as? String == "新华街1号")
        #expect(attributes("V1")["phone"] as? String == "020-1")
        #expect(attributes("V1")["operator"] as? String == "花都城投")
        #expect(attributes("V1")["source"] as? String == "区商务局")

        let zh = try cli.run(["list", "public_venue"])
        #expect(zh.stdout.contains("医疗机构") && zh.stdout.contains("商业场所") && !zh.stdout.contains("medical"))
        #expect(zh.stdout.contains("地址") && zh.stdout.contains("新华街1号"))
        let en = try cli.run(["list", "public_venue", "--lang", "en"])
        #expect(en.stdout.contains("Medical institution") && en.stdout.contains("Address"))

        try cli.write("bad.csv", "名称,经度,纬度,场所类型\n某处,113.2,23.4,菜园\n")
        let bad = try cli.run(["import", "public_venue", "bad.csv", "--crs", "EPSG:4326"])
        #expect(bad.status == 65 && bad.stderr.contains("'菜园' is not one of"), "\(bad.stderr)")
    }

    @Test func pluginsShowListsValuesInBothLanguagesWithSynonyms() throws {
        let show = try cli.run(["plugins", "show", "maternity_room"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("commercial") && show.stdout.contains("商业场所") && show.stdout.contains("Commercial venue"))
        #expect(show.stdout.contains("商场") && show.stdout.contains("医院"))
        #expect(show.stdout.contains("address") && show.stdout.contains("数据来源"))
        #expect(show.stdout.contains("200304"), "the AMap typecode of 母婴室")
        let json = try cli.run(["plugins", "show", "public_venue", "--json"])
        let plugin = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let fields = try #require(plugin["fields"] as? [[String: Any]])
        let venueType = try #require(fields.first { $0["name"] as? String == "venue_type" })
        let options = try #require(venueType["options"] as? [[String: Any]])
        let medical = try #require(options.first { $0["value"] as? String == "medical" })
        #expect((medical["synonyms"] as? [String])?.contains("医院") == true)
        #expect((plugin["poi"] as? [[String: Any]])?.isEmpty == false)
    }

    /// `nearest --crs gcj02` reads the point and shows the facilities in GCJ-02, so they can be found on AMap; the
    /// same point read as WGS84 lands some 300–600 m off.
    @Test func nearestAndListInTheSystemAsked() throws {
        try importVenues()
        // V2 is at 113.2261,23.4018 in WGS84: read as WGS84 the point is on it; read as GCJ-02 it is the offset away.
        let gcj = try cli.run(["nearest", "public_venue", "--at", "113.2261,23.4018", "--crs", "gcj02", "-k", "4", "--json"])
        let wgs = try cli.run(["nearest", "public_venue", "--at", "113.2261,23.4018", "-k", "4", "--json"])
        let near = try #require(try JSONSerialization.jsonObject(with: Data(gcj.stdout.utf8)) as? [[String: Any]])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(wgs.stdout.utf8)) as? [[String: Any]])
        #expect(near.first?["crs"] as? String == "gcj02")
        #expect(plain.first?["crs"] == nil)
        let gcjDistance = try #require(near.first { $0["id"] as? String == "V2" }?["distance_m"] as? Double)
        let wgsDistance = try #require(plain.first { $0["id"] as? String == "V2" }?["distance_m"] as? Double)
        #expect(wgsDistance == 0)
        #expect((100...700).contains(gcjDistance), "the GCJ-02 offset: \(gcjDistance) m")
        // The facility shown in GCJ-02 lies where the WGS84 one does, moved by the GCJ-02 offset (which `list` in
        // EPSG:4326 and `list --crs gcj02` of the same record must differ by, 100–700 m in Guangzhou).
        let listed = try cli.run(["list", "public_venue", "--crs", "gcj02", "--json"])
        let inGCJ = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let v2 = try #require(inGCJ.first { $0["id"] as? String == "V2" })
        let lon = try #require(v2["lon"] as? Double)
        let lat = try #require(v2["lat"] as? Double)
        let geod = try ToolRunner.run(
            "/usr/bin/geod", ["-I", "+ellps=WGS84", "-f", "%.2f", "+units=m"], stdin: Data("23.4018 113.2261 \(lat) \(lon)\n".utf8))
        let offset = try #require(Double(geod.stdout.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""))
        #expect((100...700).contains(offset), "GCJ-02 offset \(offset) m")
        let table = try cli.run(["list", "public_venue", "--crs", "EPSG:4547"])
        #expect(table.stdout.contains("x (EPSG:4547)"), "\(table.stdout)")
    }

    @Test func csvExportInChineseAndGBKReadsBack() throws {
        try importVenues()
        let csv = cli.path("venues-out.csv")
        #expect(try cli.run(["export", "public_venue", "--format", "csv", "-o", csv]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines[0] == "经度,纬度,编号,名称,开放日期,关闭日期,场所类型,建筑面积 (平方米),日人流量 (人次/日),地址,电话,管理/运营单位,数据来源")
        #expect(lines.contains("113.2205000,23.4045000,V1,花都广场,,,商业场所,25000.5,,新华街1号,020-1,花都城投,区商务局"), "\(lines)")

        let english = cli.path("venues-en.csv")
        #expect(try cli.run(["export", "public_venue", "--format", "csv", "-o", english, "--lang", "en"]).status == 0)
        let enText = try String(contentsOfFile: english, encoding: .utf8)
        #expect(enText.contains("lon,lat,facility_id,name") && enText.contains(",commercial,"))

        // GBK for Excel: ogrinfo reads it as CP936 and sees the Chinese header; our import reads it back.
        let gbk = cli.path("venues-gbk.csv")
        let written = try cli.run(["export", "public_venue", "--format", "csv", "-o", gbk, "--encoding", "gbk"])
        #expect(written.status == 0, "\(written.stderr)")
        let gbkBytes = try Data(contentsOf: URL(fileURLWithPath: gbk))
        #expect(!gbkBytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(data: gbkBytes, encoding: .utf8) == nil, "GBK, not UTF-8")
        let iconv = try ToolRunner.run("/usr/bin/iconv", ["-f", "GBK", "-t", "UTF-8", gbk])
        #expect(iconv.status == 0 && iconv.stdout.contains("场所类型") && iconv.stdout.contains("医疗机构"))
        let second = try CommandRunner()
        #expect(try second.run(["init"]).status == 0)
        let back = try second.run(["import", "public_venue", gbk, "--crs", "EPSG:4326"])
        #expect(back.status == 0, "\(back.stderr)")
        let again = try second.run(["list", "public_venue", "--json"])
        #expect(again.stdout.contains("\"venue_type\" : \"commercial\""), "\(again.stdout)")
        #expect(again.stdout.contains("\"floor_area_m2\" : 25000.5"), "\(again.stdout)")

        // A character GBK lacks is refused with its row and column, and nothing is written.
        try cli.write("odd.csv", "编号,名称,经度,纬度,场所类型\nV9,咖啡馆☕,113.22,23.40,商场\n")
        #expect(try cli.run(["import", "public_venue", "odd.csv", "--crs", "EPSG:4326"]).status == 0)
        let refused = try cli.run(["export", "public_venue", "--format", "csv", "-o", cli.path("odd-gbk.csv"), "--encoding", "gbk"])
        #expect(refused.status == 73 && refused.stderr.contains("column '名称'") && refused.stderr.contains("咖啡馆☕"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("odd-gbk.csv")))
    }

    /// XLSX for the bureau, like the CSV: in Chinese the labels as headers, enum labels and 是/否, numbers as
    /// numbers (read by ogrinfo); in English names, codes and booleans; `import` reads both back to the same records.
    @Test func xlsxExportInChineseAndEnglishReadsBack() throws {
        try cli.write("toilets.csv", """
            编号,名称,经度,纬度,公厕类别,第三卫生间,婴儿护理台,女厕位,地址
            T1,新华街公厕,113.2205,23.4045,一类,是,否,6,新华街1号
            T2,站前路公厕,113.2100,23.3900,三类公厕,否,,2,

            """)
        try #require(try cli.run(["import", "public_toilet", "toilets.csv", "--crs", "EPSG:4326"]).status == 0)
        let before = try cli.run(["list", "public_toilet", "--json"])

        #expect(try cli.run(["export", "public_toilet", "--format", "xlsx", "-o", "toilets.xlsx"]).status == 0)
        let summary = try OgrReport.ogrinfo(["-so", "-al", cli.path("toilets.xlsx")]).stdout
        #expect(summary.contains("Feature Count: 2"))
        for header in ["经度: Real", "纬度: Real", "编号: String", "名称: String", "公厕类别: String", "第三卫生间: String",
                       "地址: String"] {
            #expect(summary.contains(header), "\(header) in \(summary)")
        }
        let zh = try OgrReport.ogrinfo(["-al", cli.path("toilets.xlsx")]).stdout
        for cell in ["经度 (Real) = 113.2205", "编号 (String) = T1", "名称 (String) = 新华街公厕", "公厕类别 (String) = 一类",
                     "第三卫生间 (String) = 是", "婴儿护理台 (String) = 否", "女厕位 (个) (Integer) = 6", "公厕类别 (String) = 三类", "地址 (String) = 新华街1号"] {
            #expect(zh.contains(cell), "\(cell) in \(zh)")
        }
        #expect(!zh.contains("class1") && !zh.contains("family_toilet"))

        #expect(try cli.run(["export", "public_toilet", "--format", "xlsx", "-o", "en.xlsx", "--lang", "en"]).status == 0)
        let en = try OgrReport.ogrinfo(["-al", cli.path("en.xlsx")]).stdout
        for cell in ["lon (Real) = 113.2205", "facility_id (String) = T1", "toilet_class (String) = class1",
                     "family_toilet (Integer(Boolean)) = 1", "changing_table (Integer(Boolean)) = 0"] {
            #expect(en.contains(cell), "\(cell) in \(en)")
        }

        for sheet in ["toilets.xlsx", "en.xlsx"] {
            let registry = "\(sheet).gpkg"
            try #require(try cli.run(["init", "--registry", registry]).status == 0)
            let back = try cli.run(["import", "public_toilet", sheet, "--crs", "EPSG:4326", "--registry", registry])
            #expect(back.status == 0 && back.stdout.contains("已导入 2 处公厕"), "\(sheet): \(back.stderr)")
            #expect(!back.stderr.contains("not used"), "every column is read back: \(back.stderr)")
            let again = try cli.run(["list", "public_toilet", "--json", "--registry", registry])
            #expect(again.stdout == before.stdout, "\(sheet) reads back as the records it came from")
        }
    }

    /// The GeoPackage export and the registry describe their columns in gpkg_data_columns (the aliases QGIS shows
    /// with GDAL ≥ 3.7), registered as the gpkg_schema extension; GDAL reads both files without a warning.
    @Test func geoPackageColumnsHaveChineseTitles() throws {
        try importVenues()
        let gpkg = cli.path("venues.gpkg")
        #expect(try cli.run(["export", "public_venue", "--format", "gpkg", "-o", gpkg]).status == 0)
        for file in [gpkg, cli.path("registry.gpkg")] {
            _ = try OgrReport(of: file)
            let columns = try OgrReport.ogrinfo([
                "-ro", "-q", file, "-sql",
                "SELECT column_name, name, title FROM gpkg_data_columns WHERE table_name = 'public_venue'",
            ])
            #expect(columns.stdout.contains("column_name (String) = venue_type"))
            #expect(columns.stdout.contains("title (String) = 场所类型"))
            #expect(columns.stdout.contains("name (String) = 地址"))
            #expect(columns.stdout.contains("name (String) = 建筑面积 (平方米)"))
            let extensions = try OgrReport.ogrinfo([
                "-ro", "-q", file, "-sql", "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'",
            ])
            #expect(extensions.stdout.contains("gpkg_data_columns") && extensions.stdout.contains("gpkg_data_column_constraints"))
        }
        let english = cli.path("venues-en.gpkg")
        #expect(try cli.run(["export", "public_venue", "--format", "gpkg", "-o", english, "--lang", "en"]).status == 0)
        let columns = try OgrReport.ogrinfo(["-ro", "-q", english, "-sql", "SELECT name FROM gpkg_data_columns"])
        #expect(columns.stdout.contains("name (String) = Venue type"))
    }

    @Test func historyNamesActionsAndKinds() throws {
        try importVenues()
        let zh = try cli.run(["history", "public_venue"])
        #expect(zh.stdout.contains("新增") && zh.stdout.contains("公共场所"), "\(zh.stdout)")
        let en = try cli.run(["history", "public_venue", "--lang", "en"])
        #expect(en.stdout.contains("insert"))
    }
}
