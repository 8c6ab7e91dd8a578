import Foundation
import Interchange
import TestSupport
import Testing

@Suite("Writing CSV")
struct CSVWritingTests {
    @Test("RFC 4180 quoting, a UTF-8 byte order mark and CRLF by default")
    func defaults() throws {
        let data = try CSVWriter().encode(
            header: ["名称", "备注"], rows: [["越秀公园", #"有"哺乳椅""#], ["a,b", "two\nlines"], ["plain"]])
        let expected = "\u{FEFF}名称,备注\r\n越秀公园,\"有\"\"哺乳椅\"\"\"\r\n\"a,b\",\"two\nlines\"\r\nplain,\r\n"
        #expect(data == Data(expected.utf8))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("LF line ends, no byte order mark, semicolons")
    func options() throws {
        let writer = CSVWriter(delimiter: .semicolon, lineEnding: .lf, writesByteOrderMark: false)
        let data = try writer.encode(header: ["a", "b"], rows: [["1,5", "x;y"]])
        #expect(String(decoding: data, as: UTF8.self) == "a;b\n1,5;\"x;y\"\n")
    }

    @Test("what is written reads back the same, byte for byte on a second write")
    func roundTrip() throws {
        let directory = try TemporaryFolder(prefix: "interchange-tests")
        defer { directory.remove() }
        let header = ["名称", "经度", "纬度", "备注"]
        let rows = [
            ["越秀公园母婴室", "113.2633", "23.1291", "三楼, 近电梯"],
            ["\"引号\"", "113.2", "23.4", "第一行\r\n第二行"],
            ["", "", "", ""],
            [" 空格 ", "1", "2", "tab\tinside"],
        ]
        for lineEnding in CSVWriter.LineEnding.allCases {
            let url = directory.file("out-\(lineEnding).csv")
            let writer = CSVWriter(lineEnding: lineEnding)
            try writer.write(header: header, rows: rows, to: url)
            let table = try CSVTable.read(contentsOf: url, encoding: .utf8)
            #expect(table.header == header)
            #expect(table.rows.map(\.values) == rows)
            #expect(table.rows.map(\.line) == [2, 3, 5, 6])
            #expect(try Data(contentsOf: url) == writer.encode(header: header, rows: rows))
        }
    }

    @Test("a single empty column value is written as \"\" so the row is not a blank line")
    func loneEmptyField() throws {
        let data = try CSVWriter(writesByteOrderMark: false).encode(header: ["a"], rows: [[""], ["x"]])
        #expect(String(decoding: data, as: UTF8.self) == "a\r\n\"\"\r\nx\r\n")
        #expect(try CSVTable(data: data, file: "a.csv").rows.map(\.values) == [[""], ["x"]])
    }

    @Test("bad headers and too-long rows are refused; short rows are padded")
    func refusals() throws {
        let writer = CSVWriter(writesByteOrderMark: false)
        #expect(throws: InterchangeError.duplicateColumnName(file: "CSV output", name: "a", columns: [1, 2])) {
            try writer.encode(header: ["a", "a"], rows: [])
        }
        #expect(throws: InterchangeError.emptyColumnName(file: "CSV output", column: 1)) {
            try writer.encode(header: [""], rows: [])
        }
        #expect(
            throws: InterchangeError.cannotWrite(file: "CSV output", reason: "row 2 has 3 fields but the header has 2")
        ) {
            try writer.encode(header: ["a", "b"], rows: [["1"], ["1", "2", "3"]])
        }
        #expect(
            String(decoding: try writer.encode(header: ["a", "b"], rows: [["1"]]), as: UTF8.self) == "a,b\r\n1,\r\n")
    }

    @Test("writing into a missing directory fails with the path and leaves nothing")
    func unwritable() {
        let url = URL(filePath: "/nonexistent-dir/out.csv")
        let error = #expect(throws: InterchangeError.self) { try CSVWriter().write(header: ["a"], rows: [], to: url) }
        guard case .cannotWrite(let file, _)? = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
        #expect(file == "/nonexistent-dir/out.csv")
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
