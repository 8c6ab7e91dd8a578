import Foundation
import GeoCore
import Interchange
import Testing

@Suite("Coordinate columns and cells")
struct CoordinateColumnsTests {
    @Test(
        "common column names are found, ignoring case and bracketed notes",
        arguments: [
            (["序号", "名称", "经度", "纬度"], "经度", "纬度"),
            (["name", "LNG", "Lat"], "LNG", "Lat"),
            (["lon", "lat", "x", "y"], "lon", "lat"),
            (["Long", "Lat"], "Long", "Lat"),
            (["Longitude", "Latitude"], "Longitude", "Latitude"),
            (["id", "X", "Y"], "X", "Y"),
            (["X坐标", "Y坐标"], "X坐标", "Y坐标"),
            (["东经", "北纬"], "东经", "北纬"),
            (["FID", "POINT_X", "POINT_Y"], "POINT_X", "POINT_Y"),
            (["经度（GCJ-02）", " 纬度(高德) "], "经度（GCJ-02）", " 纬度(高德) "),
        ])
    func detect(header: [String], lon: String, lat: String) {
        #expect(CoordinateColumns.detect(in: header) == CoordinateColumns(lon: lon, lat: lat))
    }

    @Test("no pair, no columns")
    func none() {
        #expect(CoordinateColumns.detect(in: ["名称", "地址", "经度"]) == nil)
        #expect(CoordinateColumns.detect(in: ["lat", "x"]) == nil)
        #expect(CoordinateColumns.detect(in: []) == nil)
    }

    @Test(
        "cell text people type is read",
        arguments: [
            (" 113.25 ", 113.25), ("-23.5", -23.5), ("１１３．２", 113.2), ("113．2", 113.2), ("－２３.５", -23.5),
            ("\u{3000}113.2\u{3000}", 113.2), ("113。2", 113.2), ("-46,6079", -46.6079), ("3.85E+07", 38_500_000),
            ("113.25E", 113.25), ("S 23.5", -23.5), ("23.5s", -23.5), ("东经113.25", 113.25), ("西经70", -70),
            ("北纬23.1", 23.1), ("113°15′", 113.25), ("113度15分36秒", 113.26), ("23°30'N", 23.5),
            ("23°30'18\"S", -23.505), ("-23°30", -23.5), ("113°", 113), ("+5", 5), (".5", 0.5), ("113.2\r\n", 113.2),
        ])
    func parse(text: String, expected: Double) throws {
        let value = try CoordinateText.parse(text)
        #expect(abs(value - expected) < 1e-9)
    }

    @Test(
        "text that is not a coordinate is refused with a reason",
        arguments: [
            ("", "the cell is empty"), ("  ", "the cell is empty"), ("abc", "'a' cannot be part of a number"),
            ("1,234.5", "write the number without thousands separators, with '.' for decimals"),
            ("1,2,3", "write the number without thousands separators, with '.' for decimals"),
            ("-23.5S", "give either a sign or a hemisphere, not both"), ("N", "a number is missing"),
            ("1.2.3", "it is not a number"), ("23°75'", "minutes must be at least 0 and less than 60"),
            ("23'30°", "degrees, minutes and seconds must come in that order, each once"),
            ("1e999", "it is too large"), ("1 2 3", "' ' cannot be part of a number"),
            ("113.2 23.1", "it holds two numbers; put longitude and latitude in separate columns"),
            ("113.264385,23.129112", "it holds two numbers; put longitude and latitude in separate columns"),
        ])
    func refuse(text: String, reason: String) {
        #expect(throws: InterchangeError.invalidCoordinate(text: text, reason: reason, location: nil)) {
            try CoordinateText.parse(text)
        }
    }

    @Test("a row's coordinate; errors name the file, the line and the column")
    func rowCoordinate() throws {
        let text = "名称,经度,纬度\n甲,１１３．２,23.1\n乙,113.3,\n"
        let table = try CSVTable(data: Data(text.utf8), file: "rooms.csv")
        let columns = try #require(CoordinateColumns.detect(in: table.header))
        #expect(try columns.coordinate(in: table.rows[0]) == Coordinate(lon: 113.2, lat: 23.1))
        let error = #expect(throws: InterchangeError.self) { try columns.coordinate(in: table.rows[1]) }
        #expect(error?.description == #"rooms.csv, line 3, column "纬度": "" is not a coordinate: the cell is empty"#)
        let wrong = CoordinateColumns(lon: "lng", lat: "纬度")
        #expect(
            throws: InterchangeError.missingColumn(file: "rooms.csv", column: "lng", available: ["名称", "经度", "纬度"])
        ) {
            try wrong.coordinate(in: table.rows[0])
        }
    }
}
