import Foundation
import TestSupport
import Testing

/// Keeping the registry current as a health bureau does: next month's list through `import --update`, a room
/// fixed by hand, a wrong record deleted, a double found and merged; every change audited with the user.
/// The rooms are SYNTHETIC (made up for these tests, at real places in Huadu).
@Suite("Keeping the registry current", .serialized)
struct UpkeepCommandTests {
    static let october = """
        编号,名称,所在场所,面积,独立房间,开放时间,经度,纬度
        R1,新华街道母婴室（测试）,新华街道办事处,12,是,9:00-17:00,113.2205,23.4045
        R2,花都广场母婴室（测试）,花都广场,12,是,10:00-22:00,113.2261,23.4018
        R3,火车站母婴室（测试）,花都火车站,8,否,,113.1950,23.3890
        """
    /// November: R1 as it was, R2's area changed, R3 gone, R4 new.
    static let november = """
        编号,名称,所在场所,面积,独立房间,开放时间,经度,纬度
        R1,新华街道母婴室（测试）,新华街道办事处,12,是,9:00-17:00,113.2205,23.4045
        R2,花都广场母婴室（测试）,花都广场,15,是,10:00-22:00,113.2261,23.4018
        R4,妇幼保健院母婴室（测试）,花都区妇幼保健院,20,是,8:00-17:30,113.2140,23.3980
        """

    private func registryWithOctober() throws -> CommandRunner {
        let cli = try CommandRunner()
        try cli.write("october.csv", Self.october)
        try cli.write("november.csv", Self.november)
        for step in [["init"], ["import", "maternity_room", "october.csv", "--crs", "gcj02", "--user", "卫健局张三"]] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        return cli
    }

    private func json(_ result: CommandRunner.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: result.stdoutBytes)
    }

    private func listed(_ cli: CommandRunner) throws -> [String: [String: Any]] {
        let list = try cli.run(["list", "maternity_room", "--json"])
        let rows = try #require(try json(list) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["id"] as? String).map { ($0, row) } })
    }

    private func history(_ cli: CommandRunner, id: String? = nil) throws -> [[String: Any]] {
        let result = try cli.run(["history", "maternity_room", "--json"] + (id.map { ["--id", $0] } ?? []))
        return try #require(try json(result) as? [[String: Any]])
    }

    private func registryBytes(_ cli: CommandRunner) throws -> Data {
        try Data(contentsOf: cli.folder.appendingPathComponent("registry.gpkg"))
    }

    @Test func theMonthlyRefreshShowsThenMakesExactlyTheDiff() throws {
        let cli = try registryWithOctober()
        let refresh = ["import", "maternity_room", "november.csv", "--crs", "gcj02", "--update",
                       "--close-missing", "2026-11-30"]
        let before = try registryBytes(cli)

        let dryJSON = try cli.run(refresh + ["--dry-run", "--json"])
        #expect(dryJSON.status == 0, "\(dryJSON.stderr)")
        let document = try #require(try json(dryJSON) as? [String: Any])
        #expect(document["dry_run"] as? Bool == true)
        #expect(document["counts"] as? [String: Int] == ["added": 1, "changed": 1, "closed": 1, "unchanged": 1])
        #expect((document["added"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["R4"])
        #expect((document["closed"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["R3"])
        let changed = try #require((document["changed"] as? [[String: Any]])?.first)
        #expect(changed["id"] as? String == "R2")
        let fields = try #require(changed["fields"] as? [[String: Any]])
        #expect(fields.count == 1)
        #expect(fields.first?["field"] as? String == "area_m2")
        #expect(fields.first?["before"] as? Double == 12 && fields.first?["after"] as? Double == 15)

        let dryText = try cli.run(refresh + ["--dry-run"])
        #expect(dryText.status == 0, "\(dryText.stderr)")
        #expect(dryText.stdout.contains("试运行"))
        #expect(dryText.stdout.contains("新增 1 处，修改 1 处（面积 ×1），自 2026-11-30 起关闭 1 处，未变 1 处"))
        #expect(dryText.stdout.contains("面积: 12 → 15"))
        let dryEnglish = try cli.run(refresh + ["--dry-run", "--lang", "en"])
        #expect(dryEnglish.stdout.contains("1 new, 1 changed (Room area ×1), 1 closed from 2026-11-30, 1 unchanged"))
        #expect(try registryBytes(cli) == before, "a dry run leaves the registry byte-identical")

        let done = try cli.run(refresh + ["--user", "卫健局李四"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("已更新"))
        let rooms = try listed(cli)
        #expect((rooms["R2"]?["attributes"] as? [String: Any])?["area_m2"] as? Double == 15)
        #expect(rooms["R3"]?["closed"] as? String == "2026-11-30")
        #expect(rooms["R4"]?["name"] as? String == "妇幼保健院母婴室（测试）")
        #expect(rooms["R1"]?["closed"] == nil || rooms["R1"]?["closed"] is NSNull)

        let trail = try history(cli)
        let refreshed = trail.filter { $0["actor"] as? String == "卫健局李四" }
        #expect(refreshed.compactMap { $0["action"] as? String } == ["insert", "update", "close"])
        #expect(refreshed.compactMap { $0["id"] as? String } == ["R4", "R2", "R3"])
        #expect(try history(cli, id: "R1").count == 1, "an unchanged row is neither rewritten nor audited")
        let table = try cli.run(["history", "maternity_room"])
        #expect(table.stdout.contains("卫健局李四") && table.stdout.contains("卫健局张三"))
        #expect(table.stdout.contains("操作人"))

        // Run again: nothing left to do, nothing written.
        let settled = try registryBytes(cli)
        let again = try cli.run(["import", "maternity_room", "november.csv", "--crs", "gcj02", "--update"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("已与文件一致"))
        #expect(try registryBytes(cli) == settled)
    }

    @Test func aListWithOneBadRowChangesNothing() throws {
        let cli = try registryWithOctober()
        try cli.write("bad.csv", Self.november.replacingOccurrences(of: ",20,是,8:00", with: ",二十,是,8:00"))
        let before = try registryBytes(cli)
        let failed = try cli.run(["import", "maternity_room", "bad.csv", "--crs", "gcj02", "--update",
                                  "--close-missing", "2026-11-30"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("line 4"))
        #expect(failed.stderr.contains("面积"))
        #expect(try registryBytes(cli) == before)

        let usage = try cli.run(["import", "maternity_room", "november.csv", "--crs", "gcj02", "--dry-run"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--update"))
    }

    @Test func closeMissingOnlyInsideTheUnitGiven() throws {
        let cli = try registryWithOctober()
        let outline = Repository.geoData.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path
        // A room in Lechang (440281), far from Huadu (440114), that Huadu's list does not name.
        try cli.write("lechang.csv", "编号,名称,经度,纬度\nL1,乐昌母婴室（测试）,113.3520,25.1300\n")
        for step in [
            ["admin", "import", outline, "--id", "adcode", "--level", "district"],
            ["import", "maternity_room", "lechang.csv", "--crs", "gcj02"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let scoped = try cli.run(["import", "maternity_room", "november.csv", "--crs", "gcj02", "--update",
                                  "--close-missing", "2026-11-30", "--unit", "440114", "--dry-run", "--json"])
        #expect(scoped.status == 0, "\(scoped.stderr)")
        let document = try #require(try json(scoped) as? [String: Any])
        #expect((document["closed"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["R3"])
        let everywhere = try cli.run(["import", "maternity_room", "november.csv", "--crs", "gcj02", "--update",
                                      "--close-missing", "2026-11-30", "--dry-run", "--json"])
        let all = try #require(try json(everywhere) as? [String: Any])
        #expect((all["closed"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["L1", "R3"])
        let unknown = try cli.run(["import", "maternity_room", "november.csv", "--crs", "gcj02", "--update",
                                   "--close-missing", "2026-11-30", "--unit", "999999", "--dry-run"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("999999") && unknown.stderr.contains("440114"))
    }

    @Test func editMoveAndDeleteOneRoom() throws {
        let cli = try registryWithOctober()
        let edit = try cli.run(["edit", "maternity_room", "R3", "面积=１０", "独立房间=是", "开放时间=8:00-20:00",
                                "--user", "卫健局王五"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("面积") && edit.stdout.contains("独立房间"))
        var r3 = try #require(try listed(cli)["R3"]?["attributes"] as? [String: Any])
        #expect(r3["area_m2"] as? Double == 10)
        #expect(r3["independent"] as? Bool == true)
        #expect(r3["opening_hours"] as? String == "8:00-20:00")
        let bad = try cli.run(["edit", "maternity_room", "R3", "面积=很大"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("area_m2") && bad.stderr.contains("很大"))
        let unknownField = try cli.run(["edit", "maternity_room", "R3", "颜色=红"])
        #expect(unknownField.status == 65)
        #expect(unknownField.stderr.contains("面积"))
        r3 = try #require(try listed(cli)["R3"]?["attributes"] as? [String: Any])
        #expect(r3["area_m2"] as? Double == 10, "a refused edit changes nothing")

        // Move in CGCS2000 / 3° GK CM 114E: the point cs2cs (PROJ's own tool) gives for 113.2300,23.4100 in
        // WGS 84, moved there and read back.
        let forward = try ToolRunner.run(
            "cs2cs", ["-f", "%.4f", "+proj=longlat", "+datum=WGS84", "+no_defs", "+to", "EPSG:4547"],
            stdin: Data("113.2300 23.4100\n".utf8)).checked()
        let projected = forward.stdout.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap {
            Double($0)
        }
        try #require(projected.count >= 2)
        let (northing, easting) = (projected[0], projected[1])  // EPSG:4547's axes: northing, then easting
        let move = try cli.run(["move", "maternity_room", "R3", "--at", "\(easting),\(northing)", "--crs", "EPSG:4547"])
        #expect(move.status == 0, "\(move.stderr)")
        let moved = try #require(try listed(cli)["R3"])
        let lon = try #require(moved["lon"] as? Double)
        let lat = try #require(moved["lat"] as? Double)
        #expect(abs(lon - 113.23) < 1e-6 && abs(lat - 23.41) < 1e-6, "\(lon),\(lat)")

        // Move by a point picked on AMap: the same GCJ-02 → WGS 84 conversion the import makes, about 560 m
        // from where the GCJ-02 numbers would fall if read as WGS 84.
        let gcj = try cli.run(["move", "maternity_room", "R3", "--at", "113.2205,23.4045", "--crs", "gcj02"])
        #expect(gcj.status == 0, "\(gcj.stderr)")
        let rooms = try listed(cli)
        #expect(rooms["R3"]?["lon"] as? Double == rooms["R1"]?["lon"] as? Double)
        #expect(rooms["R3"]?["lat"] as? Double == rooms["R1"]?["lat"] as? Double)
        let shiftEast = ((rooms["R1"]?["lon"] as? Double ?? 0) - 113.2205) * 111_320 * cos(23.4 * .pi / 180)
        #expect((-700.0 ... -400.0).contains(shiftEast), "GCJ-02 lies about 500 m east of WGS 84 here: \(shiftEast)")

        let delete = try cli.run(["delete", "maternity_room", "R3", "--reason", "测试数据，误录"])
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(try listed(cli)["R3"] == nil)
        let noReason = try cli.run(["delete", "maternity_room", "R2"])
        #expect(noReason.status == 64)
        let trail = try history(cli, id: "R3")
        #expect(trail.compactMap { $0["action"] as? String } == ["insert", "update", "update", "update", "delete"])
        #expect(trail[1]["actor"] as? String == "卫健局王五")
        #expect(trail.last?["reason"] as? String == "测试数据，误录")
        let deletedRecord = try #require(trail.last?["before"] as? [String: Any])
        #expect(deletedRecord["name"] as? String == "火车站母婴室（测试）")
        #expect((deletedRecord["attributes"] as? [String: Any])?["area_m2"] as? Double == 10)
        let shown = try cli.run(["history", "maternity_room", "--id", "R3"])
        #expect(shown.stdout.contains("测试数据，误录"))
    }

    @Test func aDoubleIsFoundAndMerged() throws {
        let cli = try registryWithOctober()
        // The same room as R2, entered again by another clerk 8 m away, with no opening hours but equipment.
        try cli.write("again.csv", """
            编号,名称,所在场所,面积,婴儿护理台,经度,纬度
            R9,花都广场一楼母婴室（测试）,花都广场,11,是,113.22618,23.40185
            """)
        let imported = try cli.run(["import", "maternity_room", "again.csv", "--crs", "gcj02"])
        try #require(imported.status == 0, "\(imported.stderr)")

        let found = try cli.run(["duplicates", "maternity_room", "--json"])
        #expect(found.status == 0, "\(found.stderr)")
        let pairs = try #require(try json(found) as? [[String: Any]])
        #expect(pairs.count == 1)
        let pair = try #require(pairs.first)
        #expect((pair["first"] as? [String: Any])?["id"] as? String == "R2")
        #expect((pair["second"] as? [String: Any])?["id"] as? String == "R9")
        let distance = try #require(pair["distance_m"] as? Double)
        #expect((5...15).contains(distance), "\(distance)")
        #expect((pair["similarity"] as? Double ?? 0) >= 0.5)
        let table = try cli.run(["duplicates", "maternity_room"])
        #expect(table.stdout.contains("疑似重复 1 对") && table.stdout.contains("R9"))
        #expect(try cli.run(["duplicates", "maternity_room", "--within", "5"]).stdout.contains("未发现"))

        let merge = try cli.run(["merge", "maternity_room", "R2", "R9", "--user", "卫健局张三"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("婴儿护理台"))
        let rooms = try listed(cli)
        #expect(rooms["R9"] == nil)
        let kept = try #require(rooms["R2"]?["attributes"] as? [String: Any])
        #expect(kept["area_m2"] as? Double == 12, "what R2 had, it keeps")
        #expect(kept["changing_table"] as? Bool == true, "what R2 lacked comes from R9")
        let merges = try history(cli).filter { $0["action"] as? String == "merge" }
        #expect(merges.compactMap { $0["id"] as? String } == ["R2", "R9"])
        #expect(merges.allSatisfy { $0["actor"] as? String == "卫健局张三" })
        #expect(try cli.run(["duplicates", "maternity_room"]).stdout.contains("未发现"))
        let itself = try cli.run(["merge", "maternity_room", "R2", "R2"])
        #expect(itself.status == 65)
    }
}
