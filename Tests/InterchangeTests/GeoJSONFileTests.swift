import Foundation
import GeoCore
import Interchange
import TestSupport
import Testing

@Suite("GeoJSON files")
struct GeoJSONFileTests {
    private let rooms = FeatureCollection(features: [
        Feature(
            id: "mbs-1", geometry: .point(Coordinate(lon: 113.2633, lat: 23.1291)),
            properties: ["名称": "越秀公园母婴室", "面积": 12.5]),
        Feature(
            id: "mbs-2", geometry: .point(Coordinate(lon: 113.2205, lat: 23.4043)),
            properties: ["名称": "花都区妇幼保健院", "面积": 20]),
        Feature(id: "mbs-3", geometry: nil, properties: ["名称": "待定位", "面积": nil]),
    ])

    @Test("written atomically with a name, read back equal, and the same bytes every time")
    func roundTrip() throws {
        let directory = try TemporaryFolder(prefix: "interchange-tests")
        defer { directory.remove() }
        let url = directory.file("rooms.geojson")
        try GeoJSONFile.write(rooms, name: "母婴室", to: url)
        let document = try GeoJSONFile.read(contentsOf: url)
        #expect(document == GeoJSONDocument(rooms, name: "母婴室"))
        let first = try Data(contentsOf: url)
        #expect(first.last == UInt8(ascii: "\n"))
        try GeoJSONFile.write(document, to: url)
        #expect(try Data(contentsOf: url) == first)
    }

    @Test(
        "GDAL reads what is written: the layer name, the feature count and the fields",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo")))
    func gdalReadsIt() throws {
        let directory = try TemporaryFolder(prefix: "interchange-tests")
        defer { directory.remove() }
        let url = directory.file("rooms.geojson")
        try GeoJSONFile.write(rooms, name: "rooms", to: url)
        let report = try ToolRunner.run("/usr/bin/ogrinfo", ["-ro", "-al", "-so", url.path]).checked().stdout
        #expect(report.contains("Layer name: rooms"))
        #expect(report.contains("Feature Count: 3"))
        #expect(report.contains("名称: String"))
        #expect(report.contains("面积: Real"))
    }

    @Test("an invalid file is refused naming the file and the place in it")
    func invalid() throws {
        let directory = try TemporaryFolder(prefix: "interchange-tests")
        defer { directory.remove() }
        let url = directory.file("bad.geojson")
        try Data(
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]},"properties":{}}]}"#
                .utf8
        ).write(to: url)
        #expect(
            message { () throws(InterchangeError) in _ = try GeoJSONFile.read(contentsOf: url) }
                == "\(url.path): invalid GeoJSON: features[0].geometry.coordinates[0]: a Polygon ring needs at least 4 positions, found 3"
        )
    }

    @Test("the real Huadu/Lechang boundaries, and the CRS a file declares")
    func realFileAndCRS() throws {
        let document = try GeoJSONFile.read(
            contentsOf: Repository.geoData.appending(path: "china/admin_huadu_lechang_wgs84.geojson"))
        #expect(document.featureCollection.features.count == 4)
        let directory = try TemporaryFolder(prefix: "interchange-tests")
        defer { directory.remove() }
        let url = directory.file("cgcs2000.geojson")
        try GeoJSONFile.write(GeoJSONDocument(document.featureCollection, declaredCRS: "EPSG:4490"), to: url)
        #expect(try GeoJSONFile.read(contentsOf: url).declaredCRS == "EPSG:4490")
    }

    @Test("unwritable and unreadable paths name the file")
    func paths() {
        let missing = URL(filePath: "/nonexistent-dir/x.geojson")
        #expect(throws: InterchangeError.self) { try GeoJSONFile.write(rooms, to: missing) }
        guard
            case .cannotRead(let file, _)? = #expect(
                throws: InterchangeError.self, performing: { try GeoJSONFile.read(contentsOf: missing) })
        else {
            Issue.record("expected cannotRead")
            return
        }
        #expect(file == missing.path)
    }
}
