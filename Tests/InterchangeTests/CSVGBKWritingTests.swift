import Foundation
import Interchange
import TestSupport
import Testing

@Suite("CSV written in GBK")
struct CSVGBKWritingTests {
    @Test func gbkBytesAreWhatIconvReadsBack() throws {
        let writer = CSVWriter(encoding: .gbk)
        let data = try writer.encode(header: ["名称", "地址"], rows: [["公厕", "新华街1号, 花都区"]])
        #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]), "GBK carries no byte order mark")
        #expect(Array(data.prefix(4)) == [0xC3, 0xFB, 0xB3, 0xC6], "名称 in GBK")
        let folder = try TemporaryFolder(prefix: "gbk-csv").url
        let file = folder.appendingPathComponent("out.csv")
        try data.write(to: file)
        let iconv = try ToolRunner.run("/usr/bin/iconv", ["-f", "GBK", "-t", "UTF-8", file.path])
        #expect(iconv.stdout == "名称,地址\r\n公厕,\"新华街1号, 花都区\"\r\n")
        // Our reader reads it back as the same table.
        let table = try CSVTable.read(contentsOf: file, encoding: .gbk)
        #expect(table.header == ["名称", "地址"] && table.rows.first?.values == ["公厕", "新华街1号, 花都区"])
    }

    @Test func aCharacterGBKLacksIsNamedByRowAndColumn() {
        #expect {
            try CSVWriter(encoding: .gbk).encode(header: ["名称", "单位"], rows: [["公厕", "m"], ["咖啡☕", "m²"]])
        } throws: { error in
            "\(error)".contains("row 2, column '名称'") && "\(error)".contains("咖啡☕")
        }
    }
}
