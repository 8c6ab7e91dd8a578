import Foundation
import GeoCore
import Testing

@Suite("Reading GeoJSON")
struct GeoJSONReadingTests {
    @Test("the Huadu/Lechang admin boundaries: 4 MultiPolygon features with Chinese properties")
    func huaduLechang() throws {
        let document = try GeoJSONDocument(data: Data(contentsOf: SampleData.huaduLechang))
        let features = document.featureCollection.features
        #expect(features.count == 4)
        #expect(document.declaredCRS == nil)
        #expect(document.name == nil)
        #expect(features.map { $0.properties["adcode"]?.stringValue } == ["440114", "440281", "440100", "440200"])
        #expect(features.map { $0.properties["name"]?.stringValue } == ["花都区", "乐昌市", "广州市", "韶关市"])
        #expect(features[0].properties["area_km2"] == .number(969.99))
        for feature in features {
            guard case .multiPolygon(let polygons)? = feature.geometry else {
                Issue.record("expected a MultiPolygon, got \(String(describing: feature.geometry))")
                continue
            }
            #expect(!polygons.isEmpty)
            for ring in polygons.flatMap({ $0 }) {
                #expect(ring.count >= 4 && ring.first == ring.last)
            }
        }
        // Huadu lies north of Guangzhou's centre, at about 113.0–113.5 E, 23.2–23.6 N.
        let huadu = try #require(features[0].geometry?.boundingBox)
        #expect(huadu.minX > 112.9 && huadu.maxX < 113.6 && huadu.minY > 23.1 && huadu.maxY < 23.7)
        #expect(huadu.minX.isFinite && huadu.contains(huadu.center))
    }

    @Test("the Helsinki population grid: 92 polygons, numeric properties and a layer name")
    func helsinkiGrid() throws {
        let document = try GeoJSONDocument(data: SampleData.gunzip(SampleData.helsinkiGridGz))
        let features = document.featureCollection.features
        #expect(features.count == 92)
        #expect(document.name == "population_grid_2020")
        #expect(document.declaredCRS == nil)
        #expect(features[0].properties == ["id": 0, "population": 389])
        #expect(features.allSatisfy { if case .polygon(let rings)? = $0.geometry { rings.count == 1 } else { false } })
        let first = try #require(features[0].geometry)
        #expect(first.coordinates.first == Coordinate(lon: 24.9054546, lat: 60.1608638))
        let total = features.compactMap { $0.properties["population"]?.numberValue }.reduce(0, +)
        #expect(total > 0)
        let bounds = try #require(FeatureCollectionBounds.of(features))
        #expect(bounds.minX > 24.8 && bounds.maxX < 25.1 && bounds.minY > 60.1 && bounds.maxY < 60.3)
    }

    @Test("a single Feature becomes a one-feature collection, keeping its id")
    func singleFeature() throws {
        let json =
            #"{"type":"Feature","id":"mbs-7","geometry":{"type":"Point","coordinates":[113.2,23.4]},"properties":{"名称":"母婴室"}}"#
        let document = try GeoJSONDocument(data: Data(json.utf8))
        #expect(
            document.featureCollection.features == [
                Feature(id: "mbs-7", geometry: .point(Coordinate(lon: 113.2, lat: 23.4)), properties: ["名称": "母婴室"])
            ])
    }

    @Test("a bare geometry becomes one feature without properties")
    func bareGeometry() throws {
        let json = #"{"type":"LineString","coordinates":[[113.1,23.1],[113.2,23.2]]}"#
        let document = try GeoJSONDocument(data: Data(json.utf8))
        #expect(
            document.featureCollection.features == [
                Feature(geometry: .lineString([Coordinate(x: 113.1, y: 23.1), Coordinate(x: 113.2, y: 23.2)]))
            ])
    }

    @Test("a third number in a position (height) is read and dropped")
    func heightIgnored() throws {
        let json = #"{"type":"MultiPoint","coordinates":[[113.1,23.1,15.5],[113.2,23.2,0,7]]}"#
        let geometry = try #require(
            try GeoJSONDocument(data: Data(json.utf8)).featureCollection.features.first?.geometry)
        #expect(geometry == .multiPoint([Coordinate(x: 113.1, y: 23.1), Coordinate(x: 113.2, y: 23.2)]))
    }

    @Test("null or missing geometry and properties are accepted; a null id is no id")
    func nullMembers() throws {
        let json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":null,"geometry":null,"properties":null},
              {"type":"Feature","id":12},
              {"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[
                {"type":"Point","coordinates":[1,2]},
                {"type":"Polygon","coordinates":[]}]},"properties":{"a":[1,"x",null],"b":{"c":true}}}
            ]}
            """
        let features = try GeoJSONDocument(data: Data(json.utf8)).featureCollection.features
        #expect(features[0] == Feature(geometry: nil))
        #expect(features[1] == Feature(id: 12, geometry: nil))
        #expect(features[2].geometry == .geometryCollection([.point(Coordinate(x: 1, y: 2)), .polygon([])]))
        #expect(features[2].properties == ["a": .array([1, "x", nil]), "b": .object(["c": true])])
    }

    @Test(
        "the legacy crs member is reported as EPSG:<code>",
        arguments: [
            (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}"#, "EPSG:4490"),
            (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}"#, "EPSG:4326"),
            (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC::CRS84"}}"#, "EPSG:4326"),
            (#"{"type":"name","properties":{"name":"EPSG:4547"}}"#, "EPSG:4547"),
            (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG:6.6:4490"}}"#, "EPSG:4490"),
            (#"{"type":"name","properties":{"name":"http://www.opengis.net/def/crs/EPSG/0/4549"}}"#, "EPSG:4549"),
            (#"{"type":"EPSG","properties":{"code":4326}}"#, "EPSG:4326"),
            (#"{"type":"name","properties":{"name":"+proj=longlat +ellps=GRS80"}}"#, "+proj=longlat +ellps=GRS80"),
        ])
    func legacyCRS(crs: String, expected: String) throws {
        let json = #"{"type":"FeatureCollection","crs":\#(crs),"features":[]}"#
        #expect(try GeoJSONDocument(data: Data(json.utf8)).declaredCRS == expected)
    }

    @Test("a null crs declares nothing")
    func nullCRS() throws {
        let json = #"{"type":"FeatureCollection","crs":null,"features":[]}"#
        #expect(try GeoJSONDocument(data: Data(json.utf8)).declaredCRS == nil)
    }
}

/// The envelope of many features' geometries.
enum FeatureCollectionBounds {
    static func of(_ features: [Feature]) -> BoundingBox? {
        features.compactMap(\.geometry?.boundingBox).reduce(nil) { $0?.union($1) ?? $1 }
    }
}
