import Foundation
import GeoCore
import Interchange
import TestSupport
import Testing

@Suite("Reading CSV")
struct CSVReadingTests {
    private func table(_ text: String) throws(InterchangeError) -> CSVTable {
        try CSVTable(data: Data(text.utf8), file: "t.csv")
    }

    @Test("quoted fields hold delimiters, doubled quotes and line breaks; line numbers count physical lines")
    func quoting() throws {
        let text =
            "name,address,note\r\n"
            + "\"Park, east gate\",\"Line one\r\nline two\",\"She said \"\"hi\"\"\"\r\n"
            + "plain,\"\",x\r\n"
            + "\"multi\n\nblank\",b,c\r\n"
            + "\r\n"
        let t = try table(text)
        #expect(t.header == ["name", "address", "note"])
        #expect(t.rows.map(\.line) == [2, 4, 5])
        #expect(t.rows[0].values == ["Park, east gate", "Line one\r\nline two", #"She said "hi""#])
        #expect(t.rows[1].values == ["plain", "", "x"])
        #expect(t.rows[2].values == ["multi\n\nblank", "b", "c"])
    }

    @Test("blank lines (and the trailing one) are skipped; lines still count")
    func blankLines() throws {
        let t = try table("a,b\n\n1,2\n\n\n3,4\n\n")
        #expect(t.rows.map(\.values) == [["1", "2"], ["3", "4"]])
        #expect(t.rows.map(\.line) == [3, 6])
    }

    @Test("a file without a final line break keeps its last record")
    func noFinalNewline() throws {
        #expect(try table("a,b\n1,2").rows.map(\.values) == [["1", "2"]])
        #expect(try table("a\n\"\"").rows.map(\.values) == [[""]])
    }

    @Test("old-Mac CR line ends")
    func crOnly() throws {
        let t = try table("a,b\r1,2\r3,4\r")
        #expect(t.rows.map(\.values) == [["1", "2"], ["3", "4"]])
        #expect(t.rows.map(\.line) == [2, 3])
    }

    @Test("short rows are padded with empty strings; empty-valued rows are blank")
    func raggedShort() throws {
        let t = try table("a,b,c\n1\n1,2\n,,\n")
        #expect(t.rows.map(\.values) == [["1", "", ""], ["1", "2", ""], ["", "", ""]])
        #expect(t.rows.map(\.isBlank) == [false, false, true])
        #expect(t.rows[0][column: "c"] == "")
        #expect(t.rows[0][column: "d"] == nil)
    }

    @Test("a row with more fields than the header is refused with its line and the counts")
    func raggedLong() {
        let error = #expect(throws: InterchangeError.self) { try table("a,b\n1,2\n\"x\ny\",2,3\n") }
        #expect(error == .tooManyFields(file: "t.csv", line: 3, expected: 2, found: 3))
        #expect(
            error?.description
                == "t.csv, line 3: 3 fields but the header has 2 columns (an unquoted delimiter inside a value?)")
    }

    @Test("an unterminated quote names the line where it opens")
    func unterminatedQuote() {
        let error = #expect(throws: InterchangeError.self) { try table("a,b\n1,2\n3,\"open\n4,5\n") }
        #expect(error == .unterminatedQuote(file: "t.csv", line: 3))
        #expect(error?.description == #"t.csv, line 3: a quoted field opens here and never closes (a missing ")"#)
    }

    @Test("stray quotes inside unquoted fields, and text after a closing quote, are kept")
    func strayQuotes() throws {
        #expect(try table("a,b\n5\"3,\"x\"y\n").rows[0].values == ["5\"3", "xy"])
    }

    @Test("header names are trimmed, and must be present and distinct")
    func headerNames() throws {
        #expect(try table(" 名称 ,\t经度 , lat\n").header == ["名称", "经度", "lat"])
        #expect(throws: InterchangeError.emptyColumnName(file: "t.csv", column: 2)) { try table("a, ,c\n1,2,3\n") }
        let duplicate = #expect(throws: InterchangeError.self) { try table("id,name,id \n") }
        #expect(duplicate == .duplicateColumnName(file: "t.csv", name: "id", columns: [1, 3]))
        #expect(duplicate?.description == #"t.csv, line 1: columns 1 and 3 of the header are both named "id""#)
    }

    @Test("an empty file, or one of blank lines or a lone byte order mark, is refused")
    func empty() {
        for text in ["", "\n\r\n\n", "\u{FEFF}"] {
            #expect(throws: InterchangeError.emptyFile(file: "t.csv")) { try table(text) }
        }
    }

    @Test("a header alone gives no rows")
    func headerOnly() throws {
        let t = try table("lon,lat\r\n")
        #expect(t.header == ["lon", "lat"] && t.rows.isEmpty)
    }

    @Test(
        "the delimiter comes from the header line",
        arguments: [
            ("a;b;c\n1,5;2,5;3\n", CSVDelimiter.semicolon, ["1,5", "2,5", "3"]),
            ("a\tb\tc\n1,2\t3;4\t5\n", .tab, ["1,2", "3;4", "5"]),
            ("a,b,c\n1;2,3\t4,5\n", .comma, ["1;2", "3\t4", "5"]),
            ("\"x;y\",\"p;q\",c\n1,2,3\n", .comma, ["1", "2", "3"]),
            ("only\n1;2\n", .comma, ["1;2"]),
        ])
    func delimiter(text: String, expected: CSVDelimiter, firstRow: [String]) throws {
        let t = try table(text)
        #expect(t.delimiter == expected)
        #expect(t.rows.first?.values == firstRow)
    }

    @Test("the São Paulo hexagon grid: 323 rows with lon/lat")
    func saoPaulo() throws {
        let url = Repository.geoData.appending(path: "population/sao_paulo_hexgrid.csv")
        let t = try CSVTable.read(contentsOf: url)
        #expect(t.header == ["id", "lon", "lat", "population", "jobs", "schools"])
        #expect(t.rows.count == 323)
        #expect(t.encoding == .utf8 && t.delimiter == .comma)
        #expect(t.file == url.path)
        #expect(t.rows[0].line == 2 && t.rows.last?.line == 324)
        #expect(t.rows[0].values == ["89a8100c603ffff", "-46.6079746773408", "-23.5710980272876", "1146", "1155", "0"])
        let columns = try #require(CoordinateColumns.detect(in: t.header))
        #expect(columns == CoordinateColumns(lon: "lon", lat: "lat"))
        let points = try t.rows.map { row throws(InterchangeError) in try columns.coordinate(in: row) }
        #expect(points.allSatisfy { (-46.8 ... -46.5).contains($0.lon) && (-23.7 ... -23.4).contains($0.lat) })
        #expect(Set(t.rows.map { $0[column: "id"] }).count == 323)
    }

    @Test("a missing file is reported with its path")
    func missingFile() {
        let error = #expect(throws: InterchangeError.self) {
            try CSVTable.read(contentsOf: URL(filePath: "/nonexistent/facilities.csv"))
        }
        guard case .cannotRead(let file, _)? = error else {
            Issue.record("expected cannotRead, got \(String(describing: error))")
            return
        }
        #expect(file == "/nonexistent/facilities.csv")
    }

    @Test("checkColumns names the first missing column and the ones there are")
    func checkColumns() throws {
        let t = try table("id,x\n")
        #expect(throws: Never.self) { try t.checkColumns(["x", "id"]) }
        #expect(
            message { () throws(InterchangeError) in try t.checkColumns(["id", "y"]) }
                == #"t.csv has no column "y" (columns: id, x)"#)
    }
}
