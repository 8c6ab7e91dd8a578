import Foundation
import Interchange
import TestSupport
import Testing

@Suite("Text encodings of CSV files")
struct TextDecodingTests {
    private let chinese = "名称,经度,纬度\n越秀公园母婴室,113.2633,23.1291\n花都区妇幼保健院,113.2205,23.4043\n"

    @Test("UTF-8 without a byte order mark")
    func utf8() throws {
        let table = try CSVTable(data: Data(chinese.utf8), file: "rooms.csv")
        #expect(table.encoding == .utf8)
        #expect(table.header == ["名称", "经度", "纬度"])
        #expect(
            table.rows.map(\.values) == [["越秀公园母婴室", "113.2633", "23.1291"], ["花都区妇幼保健院", "113.2205", "23.4043"]])
    }

    @Test(
        "UTF-8 with a byte order mark: the mark is not part of the first column name", arguments: TextEncoding.allCases)
    func utf8BOM(requested: TextEncoding) throws {
        let table = try CSVTable(
            data: Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(chinese.utf8)), encoding: requested, file: "rooms.csv")
        #expect(table.encoding == .utf8)
        #expect(table.header.first == "名称")
        #expect(table.rows[0][column: "名称"] == "越秀公园母婴室")
    }

    @Test("GBK as Excel in China saves it is detected")
    func gbkDetected() throws {
        let data = try gb18030(chinese)
        #expect(data.count < chinese.utf8.count)  // two bytes a character, not three: really GBK
        let table = try CSVTable(data: data, encoding: .auto, file: "rooms.csv")
        #expect(table.encoding == .gbk)
        #expect(table.header == ["名称", "经度", "纬度"])
        #expect(table.rows[1].values == ["花都区妇幼保健院", "113.2205", "23.4043"])
        #expect(try CSVTable(data: data, encoding: .gbk, file: "rooms.csv") == table)
    }

    @Test("GB18030 characters beyond GBK (four-byte sequences) decode too")
    func gb18030FourByte() throws {
        let text = "name\n𠀀€\n"
        let table = try CSVTable(data: gb18030(text), encoding: .gbk, file: "rare.csv")
        #expect(table.rows[0].values == ["𠀀€"])
    }

    @Test("GBK forced as UTF-8: the error names the file, the line and the byte, and suggests --encoding gbk")
    func gbkForcedAsUTF8() throws {
        let text = "id,name,lon,lat\n1,Park,113.26,23.12\n2,越秀公园,113.27,23.13\n"
        let data = try gb18030(text)
        let error = #expect(throws: InterchangeError.self) {
            try CSVTable(data: data, encoding: .utf8, file: "rooms.csv")
        }
        // 越 is D4 BD in GBK, which happens to be valid UTF-8 (U+053D); 秀 (D0 E3) is not.
        #expect(error == .notUTF8(file: "rooms.csv", line: 3, byte: 0xD0, looksLikeGBK: true))
        #expect(
            error?.description
                == "rooms.csv, line 3: byte 0xD0 is not valid UTF-8. The file looks like GBK (GB18030), as Excel in China saves CSV; use --encoding gbk, or --encoding auto to detect it"
        )
    }

    @Test("bytes that are neither UTF-8 nor GBK are refused with the line")
    func neitherUTF8NorGBK() throws {
        // Latin-1 "é" before a line feed cannot start a GB18030 character either.
        let data = Data("name\ncaf".utf8) + Data([0xE9, 0x0A])
        #expect(
            message { () throws(InterchangeError) in _ = try CSVTable(data: data, file: "cafe.csv") }
                == "cafe.csv, line 2: byte 0xE9 is neither UTF-8 nor GBK (GB18030); save the file as UTF-8 (in Excel: \"CSV UTF-8\")"
        )
        #expect(throws: InterchangeError.notUTF8(file: "cafe.csv", line: 2, byte: 0xE9, looksLikeGBK: false)) {
            try CSVTable(data: data, encoding: .utf8, file: "cafe.csv")
        }
        #expect(throws: InterchangeError.undecodableText(file: "cafe.csv", encoding: .gbk, line: 2, byte: 0xE9)) {
            try CSVTable(data: data, encoding: .gbk, file: "cafe.csv")
        }
    }

    @Test("UTF-16 with a byte order mark, as Excel's \"Unicode text\" saves it (tab-separated)")
    func utf16() throws {
        let text = "名称\t经度\t纬度\r\n越秀公园母婴室\t113.2633\t23.1291\r\n"
        let little = Data([0xFF, 0xFE]) + (text.data(using: .utf16LittleEndian) ?? Data())
        let big = Data([0xFE, 0xFF]) + (text.data(using: .utf16BigEndian) ?? Data())
        for (data, encoding) in [(little, TextEncoding.utf16LittleEndian), (big, .utf16BigEndian)] {
            let table = try CSVTable(data: data, file: "rooms.txt")
            #expect(table.encoding == encoding)
            #expect(table.delimiter == .tab)
            #expect(table.header == ["名称", "经度", "纬度"])
            #expect(table.rows.map(\.values) == [["越秀公园母婴室", "113.2633", "23.1291"]])
        }
    }

    @Test("a lone UTF-16 surrogate is refused with its line")
    func badUTF16() {
        let units: [UInt16] = [0x61, 0x0A, 0x62, 0x0A, 0xD800, 0x0A]
        let data = Data([0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(
            throws: InterchangeError.undecodableText(file: "u.txt", encoding: .utf16LittleEndian, line: 3, byte: 0x00)
        ) {
            try CSVTable(data: data, file: "u.txt")
        }
    }

    @Test("UTF-16 without a byte order mark shows as NUL characters, and is refused")
    func nul() {
        let data = "name\nab\n".data(using: .utf16LittleEndian) ?? Data()
        let error = #expect(throws: InterchangeError.self) { try CSVTable(data: data, file: "u.txt") }
        #expect(error == .nulCharacter(file: "u.txt", line: 1))
    }
}
