import Foundation
import GeoCore
import Testing

@Suite("Writing GeoJSON")
struct GeoJSONWritingTests {
    private let sample = FeatureCollection(features: [
        Feature(
            id: "a-1", geometry: .point(Coordinate(lon: 113.2633, lat: 23.1291)),
            properties: ["名称": "越秀公园母婴室", "面积": 12.5, "开放": true, "楼层": nil]),
        Feature(
            geometry: .polygon([
                [
                    Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 0),
                ]
            ])),
        Feature(id: 3, geometry: nil, properties: ["tags": .array(["x", 1])]),
        Feature(
            geometry: .geometryCollection([
                .multiLineString([[Coordinate(x: 1, y: 2), Coordinate(x: 3, y: 4)]]),
                .multiPolygon([
                    [[Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 0), Coordinate(x: 2, y: 2), Coordinate(x: 0, y: 0)]]
                ]),
                .multiPoint([]),
            ])),
    ])

    @Test("output is sorted, compact and reads back equal")
    func roundTrip() throws {
        let document = GeoJSONDocument(sample, name: "母婴室")
        let data = try document.encoded()
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(
            text.hasPrefix(
                #"{"features":[{"geometry":{"coordinates":[113.2633,23.1291],"type":"Point"},"id":"a-1","properties":{"名称":"越秀公园母婴室","开放":true,"楼层":null,"面积":12.5},"type":"Feature"},"#
            ))
        #expect(text.hasSuffix(#"],"name":"母婴室","type":"FeatureCollection"}"#))
        #expect(text.contains(#"{"geometry":null,"id":3,"properties":{"tags":["x",1]},"type":"Feature"}"#))
        #expect(try GeoJSONDocument(data: data) == document)
        #expect(try document.encoded() == data)
        #expect(try GeoJSONDocument(data: document.encoded(prettyPrinted: true)) == document)
    }

    @Test("the real Huadu/Lechang file survives a write and a read unchanged")
    func realFileRoundTrip() throws {
        let original = try GeoJSONDocument(data: Data(contentsOf: SampleData.huaduLechang))
        let written = try original.encoded()
        #expect(try GeoJSONDocument(data: written) == original)
    }

    @Test("a declared CRS other than WGS 84 is written as a named crs member, and read back")
    func crsWritten() throws {
        let cgcs2000 = GeoJSONDocument(FeatureCollection(features: []), declaredCRS: "EPSG:4490")
        let text = String(decoding: try cgcs2000.encoded(), as: UTF8.self)
        #expect(
            text
                == #"{"crs":{"properties":{"name":"urn:ogc:def:crs:EPSG::4490"},"type":"name"},"features":[],"type":"FeatureCollection"}"#
        )
        #expect(try GeoJSONDocument(data: Data(text.utf8)).declaredCRS == "EPSG:4490")

        let wgs84 = GeoJSONDocument(FeatureCollection(features: []), declaredCRS: "EPSG:4326")
        #expect(String(decoding: try wgs84.encoded(), as: UTF8.self) == #"{"features":[],"type":"FeatureCollection"}"#)
    }

    @Test("a coordinate that is not finite cannot be written")
    func nonFinite() {
        let document = GeoJSONDocument(
            FeatureCollection(features: [Feature(geometry: .point(Coordinate(x: .nan, y: 1)))]))
        #expect(throws: GeoCoreError.self) { try document.encoded() }
    }

    @Test("Geometry, Feature and FeatureCollection are Codable on their own")
    func codableParts() throws {
        let point = Geometry.point(Coordinate(x: 1.5, y: -2))
        let data = try JSONEncoder().encode(point)
        #expect(try JSONDecoder().decode(Geometry.self, from: data) == point)
        let collection = try JSONDecoder().decode(FeatureCollection.self, from: JSONEncoder().encode(sample))
        #expect(collection == sample)
    }
}
