import Foundation
import GeoCore
import OGRInterchange
import TestSupport
import Testing

/// Reading and writing through GDAL, on files `ogr2ogr` makes from GeoData's samples.
@Suite struct VectorTableTests {
    let folder: TemporaryFolder
    let longgang = Repository.geoData.appendingPathComponent("samples/longgang_toilets.csv").path

    init() throws {
        folder = try TemporaryFolder(prefix: "ogr-interchange")
    }

    func ogr2ogr(_ arguments: [String]) throws {
        let result = try ToolRunner.run("ogr2ogr", arguments, in: folder.url)
        try #require(result.status == 0, "\(result.output)")
    }

    @Test func gbkDbfWithoutCpgIsDetectedAndEsriPrjIdentified() throws {
        try ogr2ogr([
            "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", "s.shp", longgang, "-oo", "X_POSSIBLE_NAMES=经度",
            "-oo", "Y_POSSIBLE_NAMES=纬度", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547",
        ])
        try FileManager.default.removeItem(at: folder.file("s.cpg"))
        let table = try VectorTable.read(contentsOf: folder.file("s.shp"))
        #expect(table.crs == "EPSG:4547")
        #expect(table.encoding == "GB18030 (detected)")
        #expect(table.columns.starts(with: ["编号", "名称"]))
        #expect(table.rows.map(\.fid) == [0, 1, 2, 3, 4])
        #expect(table.rows[0].values[1] == "公厕 node/2368374393")
        // The position as PROJ's cs2cs projects the source point.
        let cs2cs = try ToolRunner.run("cs2cs", ["-f", "%.4f", "EPSG:4326", "EPSG:4547"], stdin: Data("22.6867484 114.2085453\n".utf8))
        let expected = cs2cs.stdout.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
        guard case .point(let c) = table.rows[0].geometry else { Issue.record("no point"); return }
        // EPSG:4547 is northing first in cs2cs's order.
        #expect(abs(c.y - expected[0]) < 0.001 && abs(c.x - expected[1]) < 0.001, "\(c) vs \(expected)")
    }

    @Test func spreadsheetRowsAreNumberedAsExcelShowsThem() throws {
        try ogr2ogr(["-f", "XLSX", "t.xlsx", longgang])
        let table = try VectorTable.read(contentsOf: folder.file("t.xlsx"))
        #expect(table.isSpreadsheet && !table.hasGeometry && table.crs == nil)
        #expect(table.columns == ["编号", "名称", "经度", "纬度", "无障碍", "收费"])
        #expect(table.rows.first?.fid == 2)
    }

    @Test func shapefileWrittenInGBKWithShortenedNamesReadsBack() throws {
        let output = VectorLayerOutput(
            name: "rooms", fields: [.init(name: "facility_id", type: .text), .init(name: "opened", type: .date)],
            rows: [[.text("母婴室 1"), .date(year: 2023, month: 5, day: 1)]], points: [Coordinate(x: 113.2, y: 23.4)],
            crs: "EPSG:4326")
        var renamed = output
        renamed.fields = zip(output.fields, ShapefileFieldNames.shortened(output.fields.map(\.name))).map {
            .init(name: $1, type: $0.type)
        }
        let written = try renamed.write(.shapefile(encoding: .gbk), to: folder.file("rooms.shp"))
        #expect(written == "CP936")
        let back = try VectorTable.read(contentsOf: folder.file("rooms.shp"))
        #expect(back.columns == ["facility_i", "opened"])
        #expect(back.rows[0].values == ["母婴室 1", "2023-05-01"])
        #expect(back.crs == "EPSG:4326")
        let info = try OgrReport.ogrinfo(["-al", folder.path("rooms.shp")]).output
        #expect(info.contains("facility_i (String) = 母婴室 1"))
        // A failed write leaves nothing half made beside the target.
        #expect(throws: VectorFileError.self) {
            try output.write(.xlsx, to: folder.file("no-such-folder/x.xlsx"))
        }
    }

    @Test func dbfNamesAreCutToTenBytesAndKeptUnique() {
        #expect(ShapefileFieldNames.shortened(["facility_id", "name", "opening_hours_a", "opening_hours_b"])
            == ["facility_i", "name", "opening_ho", "opening_h2"])
        #expect(ShapefileFieldNames.shortened(["无障碍厕位数量"], encoding: .gbk) == ["无障碍厕位"])
        #expect(ShapefileFieldNames.shortened(["无障碍厕位数量"], encoding: .utf8) == ["无障碍"])
    }
}
