import Foundation
import Testing

/// Closing a facility keeps it for earlier dates, and every change lands in the audit trail.
@Suite("Closing facilities and the audit trail")
struct CloseAndHistoryTests {
    @Test func closeThenReadAsOfDatesAndTheHistory() throws {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        try cli.write("rooms.csv", """
            编号,名称,经度,纬度,开放日期,面积
            R1,新华街道母婴室,113.2205,23.4045,2021-03-01,12
            R2,花都广场母婴室,113.2261,23.4018,2023/7/1,15.5
            """)
        let imported = try cli.run(["import", "maternity_room", cli.path("rooms.csv"), "--crs", "gcj02", "--actor", "卫健局"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let closed = try cli.run(["close", "maternity_room", "R1", "--on", "2024-06-30", "--actor", "卫健局"])
        #expect(closed.status == 0, "\(closed.stderr)")

        func ids(asOf date: String) throws -> [String] {
            let result = try cli.run(["list", "maternity_room", "--as-of", date, "--json"])
            let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["id"] as? String }
        }
        #expect(try ids(asOf: "2020-12-31") == [])
        #expect(try ids(asOf: "2022-01-01") == ["R1"])
        #expect(try ids(asOf: "2024-06-29") == ["R1", "R2"])
        #expect(try ids(asOf: "2024-06-30") == ["R2"])

        let history = try cli.run(["history", "maternity_room", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["action"] as? String } == ["insert", "insert", "close"])
        #expect(entries.allSatisfy { $0["actor"] as? String == "卫健局" })
        let after = try #require(entries.last?["after"] as? [String: Any])
        #expect("\(after)".contains("2024-06-30"))

        let unknown = try cli.run(["close", "maternity_room", "R9", "--on", "2024-06-30"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("R9"))
    }
}
