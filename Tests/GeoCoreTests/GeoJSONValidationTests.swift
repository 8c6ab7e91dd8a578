import Foundation
import GeoCore
import Testing

@Suite("Invalid GeoJSON is refused with the place and the reason")
struct GeoJSONValidationTests {
    /// The message a document is refused with; nil when it is accepted.
    private func refusal(_ json: String) -> String? {
        do {
            _ = try GeoJSONDocument(data: Data(json.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    /// A FeatureCollection whose second feature has `geometry`.
    private func collection(withGeometry geometry: String) -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}},{"type":"Feature","properties":{},"geometry":\#(geometry)}]}"#
    }

    @Test("a ring of three positions")
    func shortRing() {
        let json = collection(withGeometry: #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#)
        #expect(
            refusal(json)
                == "invalid GeoJSON: features[1].geometry.coordinates[0]: a Polygon ring needs at least 4 positions, found 3"
        )
    }

    @Test("an open ring inside a MultiPolygon")
    func openRing() {
        let json = collection(
            withGeometry:
                #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1]]]]}"#)
        #expect(
            refusal(json)
                == "invalid GeoJSON: features[1].geometry.coordinates[1][0]: a Polygon ring must end where it starts (first and last positions equal)"
        )
    }

    @Test("a one-position LineString, and a position of one number")
    func shortLineAndPosition() {
        #expect(
            refusal(collection(withGeometry: #"{"type":"LineString","coordinates":[[0,0]]}"#))
                == "invalid GeoJSON: features[1].geometry.coordinates: a LineString needs at least 2 positions, found 1"
        )
        #expect(
            refusal(collection(withGeometry: #"{"type":"MultiLineString","coordinates":[[[0,0],[1]]]}"#))
                == "invalid GeoJSON: features[1].geometry.coordinates[0][1]: a position needs at least 2 numbers, found 1"
        )
        #expect(
            refusal(#"{"type":"Point","coordinates":[]}"#)
                == "invalid GeoJSON: coordinates: a position needs at least 2 numbers, found 0")
    }

    @Test("a string where a number belongs")
    func stringCoordinate() {
        let json = collection(withGeometry: #"{"type":"LineString","coordinates":[[0,0],[1,"23.5"]]}"#)
        #expect(refusal(json) == "invalid GeoJSON: features[1].geometry.coordinates[1][1]: expected a number")
    }

    @Test("missing members")
    func missingMembers() {
        #expect(
            refusal(collection(withGeometry: #"{"type":"Point"}"#))
                == #"invalid GeoJSON: features[1].geometry: missing member "coordinates""#)
        #expect(refusal(#"{"type":"FeatureCollection"}"#) == #"invalid GeoJSON: top level: missing member "features""#)
        #expect(refusal(#"{"features":[]}"#) == #"invalid GeoJSON: top level: missing member "type""#)
    }

    @Test("unknown and misplaced types")
    func wrongTypes() {
        #expect(
            refusal(collection(withGeometry: #"{"type":"polygon","coordinates":[]}"#))
                == #"invalid GeoJSON: features[1].geometry.type: unknown geometry type "polygon"; expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection"#
        )
        #expect(
            refusal(#"{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]}]}"#)
                == #"invalid GeoJSON: features[0].type: expected "Feature", found "Point""#)
        #expect(
            refusal(#"{"type":"Topology","objects":{}}"#)
                == #"invalid GeoJSON: type: "Topology" is not a GeoJSON type; expected FeatureCollection, Feature or a geometry type"#
        )
    }

    @Test("a Feature id that is neither string nor number")
    func badID() {
        #expect(
            refusal(#"{"type":"Feature","id":true,"geometry":null,"properties":{}}"#)
                == "invalid GeoJSON: id: a Feature id must be a string or a number")
    }

    @Test("properties that are not an object")
    func badProperties() {
        #expect(
            refusal(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":[1]}]}"#)
                == "invalid GeoJSON: features[0].properties: expected an object")
    }

    @Test("a crs that is a link cannot be honoured")
    func linkCRS() {
        let json = #"{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}"#
        #expect(refusal(json)?.hasPrefix(#"invalid GeoJSON: crs.type: a "link" CRS is not supported"#) == true)
    }

    @Test("text that is not JSON")
    func notJSON() {
        #expect(
            refusal(#"{"type":"FeatureCollection","features":[}"#)?.hasPrefix("invalid GeoJSON: not valid JSON") == true
        )
        #expect(refusal("")?.hasPrefix("invalid GeoJSON: not valid JSON") == true)
    }
}
