import Foundation
import Interchange
import TestSupport
import Testing

/// CSV files are read a chunk (1 MiB) at a time: characters, line ends and quoted fields cut by a chunk's
/// end read as if the file were whole, in every encoding and gzipped, and garbage fails on its first chunk.
@Suite("CSV read a chunk at a time")
struct CSVStreamingTests {
    /// About 2.4 MB of rows, each with Chinese text, a quoted field with a CRLF inside and CRLF line ends,
    /// so every kind of sequence falls across a chunk boundary somewhere.
    static let rows: [[String]] = (0..<30_000).map { i in
        ["\(i)", "越秀公园第\(i)号母婴室" + String(repeating: "𠀀", count: i % 5), "113.\(i)", "甲,\"乙\"\r\n丙\(i)"]
    }

    static var text: String {
        "编号,名称,经度,备注\r\n"
            + rows.map { row in
                row[0] + "," + row[1] + "," + row[2] + ",\"" + row[3].replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: "\r\n") + "\r\n"
    }

    func written(_ data: Data, as name: String, in folder: TemporaryFolder) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    func expectTheRows(_ table: CSVTable) {
        #expect(table.header == ["编号", "名称", "经度", "备注"])
        #expect(table.rows.count == Self.rows.count)
        #expect(table.rows.map(\.values) == Self.rows)
        // Each record is one line plus the line break inside its quotes.
        #expect(table.rows.last?.line == 1 + 2 * Self.rows.count - 1)
    }

    @Test("UTF-8, GBK, UTF-16 with a byte order mark, and gzipped, from files of several chunks")
    func chunkBoundaries() throws {
        let folder = try TemporaryFolder(prefix: "csv-stream")
        let utf8 = Data(Self.text.utf8)
        #expect(utf8.count > 2 << 20)
        let plain = try CSVTable.read(contentsOf: written(utf8, as: "rooms.csv", in: folder))
        expectTheRows(plain)
        #expect(plain.encoding == .utf8)

        let gbk = try CSVTable.read(contentsOf: written(try gb18030(Self.text), as: "gbk.csv", in: folder))
        expectTheRows(gbk)
        #expect(gbk.encoding == .gbk)

        var utf16 = Data([0xFF, 0xFE])
        for unit in Self.text.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let unicode = try CSVTable.read(contentsOf: written(utf16, as: "unicode.csv", in: folder))
        expectTheRows(unicode)
        #expect(unicode.encoding == .utf16LittleEndian)

        let gzipped = try ToolRunner.run("/usr/bin/gzip", ["-c"], stdin: utf8).checked().stdoutData
        expectTheRows(try CSVTable.read(contentsOf: written(gzipped, as: "rooms.csv.gz", in: folder)))
    }

    @Test("under auto, a byte neither UTF-8 nor GBK is reported at its own line, however late")
    func autoReportsTheGBKFailureLine() throws {
        let folder = try TemporaryFolder(prefix: "csv-stream")
        var bytes = [UInt8](try gb18030(Self.text))
        let lastLine = 2 * Self.rows.count + 2
        bytes += Array("9,".utf8) + [0xFF] + Array(",113,x\n".utf8)
        let url = try written(Data(bytes), as: "late.csv", in: folder)
        #expect(throws: InterchangeError.undecodableText(file: url.path, encoding: .auto, line: lastLine, byte: 0xFF)) {
            try CSVTable.read(contentsOf: url)
        }
        // Asked for as UTF-8, the same file fails where UTF-8 does (line 1), and is not GBK.
        #expect(throws: InterchangeError.notUTF8(file: url.path, line: 1, byte: 0xB1, looksLikeGBK: false)) {
            try CSVTable.read(contentsOf: url, encoding: .utf8)
        }
    }

    @Test("a file of NUL bytes fails on its first chunk, at line 1")
    func nulFile() throws {
        let folder = try TemporaryFolder(prefix: "csv-stream")
        let url = folder.url.appendingPathComponent("zeros.csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        #expect(throws: InterchangeError.nulCharacter(file: url.path, line: 1)) { try CSVTable.read(contentsOf: url) }
    }

    @Test("a record longer than 16 MiB (a file without line breaks) is refused at its line")
    func endlessRecord() throws {
        let data = Data("name\nok\n".utf8) + Data(repeating: UInt8(ascii: "a"), count: (16 << 20) + 10)
        #expect(throws: InterchangeError.recordTooLong(file: "long.csv", line: 3, limit: 16 << 20)) {
            try CSVTable(data: data, file: "long.csv")
        }
    }
}
