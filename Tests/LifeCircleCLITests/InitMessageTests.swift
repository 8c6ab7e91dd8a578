import Foundation
import TestSupport
import Testing

/// `init` says what it did: created a registry, or kept the one there.
@Suite("init says whether it created or kept the registry")
struct InitMessageTests {
    @Test func secondInitKeepsAndSaysSo() throws {
        let cli = try CommandRunner()
        let first = try cli.run(["init"])
        #expect(first.status == 0 && first.stdout.hasPrefix("已创建登记库 registry.gpkg"), "\(first.stdout)")
        try cli.write("rooms.csv", "编号,名称,经度,纬度\nR1,新华街道母婴室,113.2205,23.4045\n")
        #expect(try cli.run(["import", "maternity_room", cli.path("rooms.csv"), "--crs", "gcj02"]).status == 0)

        let again = try cli.run(["init"])
        #expect(again.status == 0)
        #expect(!again.stdout.contains("已创建"), "\(again.stdout)")
        #expect(again.stdout.contains("登记库 registry.gpkg 已存在，原有设施均保留"))
        #expect(again.stdout.contains("没有新的设施类型"))
        let english = try cli.run(["init", "--lang", "en"])
        #expect(english.stdout.contains("already exists; its facilities are kept"))
        #expect(try cli.run(["list", "maternity_room", "--json"]).stdout.contains("R1"))
    }
}
