import Foundation
import GeoCore
import Interchange
import TestSupport
import Testing

/// Gzip-compressed inputs are read as they are, recognised by their first bytes whatever their name; the
/// real São Paulo hexagons and Helsinki grid in GeoData are `.geojson.gz`.
@Suite("gzipped files")
struct GzippedFileTests {
    private static let saoPaulo = Repository.geoData.appending(path: "population/sao_paulo_hexgrid.geojson.gz")
    private static let helsinki = Repository.geoData.appending(path: "population/helsinki_grid_2020.geojson.gz")

    private static func properties(_ document: GeoJSONDocument, _ key: String) -> [Double] {
        document.featureCollection.features.compactMap {
            if case .number(let value)? = $0.properties[key] { value } else { nil }
        }
    }

    @Test("the São Paulo hexagons and the Helsinki grid read as GeoJSON, as GDAL reads them")
    func realFiles() throws {
        let hexagons = try GeoJSONFile.read(contentsOf: Self.saoPaulo)
        #expect(hexagons.featureCollection.features.count == 323)
        #expect(Self.properties(hexagons, "population").reduce(0, +) == 517_570)
        #expect(hexagons.featureCollection.features.allSatisfy {
            if case .polygon(let rings)? = $0.geometry { rings.first?.count == 7 } else { false }
        })
        let grid = try GeoJSONFile.read(contentsOf: Self.helsinki)
        #expect(grid.featureCollection.features.count == 92)
        #expect(Self.properties(grid, "population").reduce(0, +) == 71_724)
        // GDAL, an independent reader, through its gzip file system.
        let report = try ToolRunner.run(
            "/usr/bin/ogrinfo", ["-ro", "-al", "-so", "/vsigzip/" + Self.saoPaulo.path]
        ).checked().stdout
        #expect(report.contains("Feature Count: 323"))
    }

    @Test("gzip is told by its bytes: a compressed file named .geojson, a .csv.gz")
    func byMagicBytes() throws {
        let folder = try TemporaryFolder(prefix: "interchange-tests")
        defer { folder.remove() }
        let renamed = folder.file("hexagons.geojson")
        try FileManager.default.copyItem(at: Self.saoPaulo, to: renamed)
        #expect(try GeoJSONFile.read(contentsOf: renamed) == GeoJSONFile.read(contentsOf: Self.saoPaulo))

        let csv = try folder.write("编号,经度,纬度\nA1,113.2,23.4\nA2,113.3,23.5\n", to: "rooms.csv")
        try ToolRunner.run("gzip", ["-n", csv.path]).checked()
        let table = try CSVTable.read(contentsOf: folder.file("rooms.csv.gz"))
        #expect(table.header == ["编号", "经度", "纬度"])
        #expect(table.rows.map(\.line) == [2, 3])
        #expect(FileContents.contentName(of: folder.file("rooms.csv.gz")).lastPathComponent == "rooms.csv")
        #expect(FileContents.contentName(of: renamed) == renamed)
    }

    @Test("a truncated or corrupt gzip file is refused naming the file and why")
    func damaged() throws {
        let folder = try TemporaryFolder(prefix: "interchange-tests")
        defer { folder.remove() }
        let bytes = try Data(contentsOf: Self.saoPaulo)
        let truncated = folder.file("truncated.geojson.gz")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let text = message { () throws(InterchangeError) in _ = try GeoJSONFile.read(contentsOf: truncated) }
        #expect(text?.hasPrefix("cannot read \(truncated.path): it is gzip-compressed, and the gzip data ends") == true)
        var corrupt = bytes
        for i in 100..<200 { corrupt[i] ^= 0x33 }
        let broken = folder.file("broken.geojson.gz")
        try corrupt.write(to: broken)
        let reason = message { () throws(InterchangeError) in _ = try GeoJSONFile.read(contentsOf: broken) }
        #expect(reason?.contains("\(broken.path): it is gzip-compressed, and bad gzip data") == true)
    }
}
