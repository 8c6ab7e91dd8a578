import GeoCore
import Projection
import Testing

@Suite struct CoordinateTransformerTests {
    /// Our transformation and cs2cs's, both ways, agree to a millimetre.
    @Test(arguments: [("EPSG:4326", "EPSG:4547"), ("EPSG:4490", "EPSG:4547"), ("EPSG:4326", "EPSG:4526")])
    func agreesWithCS2CS(source: String, target: String) throws {
        let forward = try CoordinateTransformer(from: CRS(parsing: source), to: CRS(parsing: target))
        let projected = try forward.transform(SamplePoints.all)
        let reference = try ProjCommandLine.cs2cs(from: source, to: target, SamplePoints.all)
        #expect(reference.count == SamplePoints.all.count)
        for (ours, theirs) in zip(projected, reference) {
            #expect(abs(ours.x - theirs.x) < 0.001 && abs(ours.y - theirs.y) < 0.001, "\(ours) vs \(theirs)")
        }

        let backward = try CoordinateTransformer(from: CRS(parsing: target), to: CRS(parsing: source))
        let geographic = try backward.transform(projected)
        let backReference = try ProjCommandLine.cs2cs(from: target, to: source, projected)
        for (ours, theirs) in zip(geographic, backReference) {
            #expect(Geodesic.distance(ours, theirs) < 0.001, "\(ours) vs \(theirs)")
        }
        for (ours, original) in zip(geographic, SamplePoints.all) {
            #expect(Geodesic.distance(ours, original) < 0.001)
        }
    }

    /// EPSG:4326 declares latitude first and EPSG:4547 northing first; callers still use x/y.
    @Test func handlesAxisOrderInside() throws {
        let huadu = Coordinate(lon: 113.22, lat: 23.40)
        let ours = try CoordinateTransformer(from: .wgs84, to: CRS(parsing: "EPSG:4547")).transform(huadu)
        // Without -r/-s, cs2cs reads latitude first and prints northing first.
        let raw = try ProjCommandLine.run(
            "cs2cs", ["-f", "%.10f", "EPSG:4326", "EPSG:4547"], rows: [[huadu.lat, huadu.lon]])
        #expect(abs(ours.y - raw[0][0]) < 0.001)
        #expect(abs(ours.x - raw[0][1]) < 0.001)
        #expect((400_000...500_000).contains(ours.x))
        #expect((2_500_000...2_700_000).contains(ours.y))
    }

    @Test func projStringMatchesItsEPSGEquivalent() throws {
        let tmerc = try CRS(parsing: "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m")
        let viaString = try CoordinateTransformer(from: .cgcs2000, to: tmerc).transform(SamplePoints.all)
        let gk114 = try CRS(parsing: "EPSG:4547")
        let viaCode = try CoordinateTransformer(from: .cgcs2000, to: gk114).transform(SamplePoints.all)
        for (a, b) in zip(viaString, viaCode) {
            #expect(abs(a.x - b.x) < 1e-6 && abs(a.y - b.y) < 1e-6)
        }
    }

    @Test func emptyBatchAndIdentity() throws {
        let transformer = try CoordinateTransformer(from: .wgs84, to: CRS(parsing: "EPSG:4547"))
        #expect(try transformer.transform([Coordinate]()).isEmpty)
        let identity = try CoordinateTransformer(from: .wgs84, to: CRS(parsing: "wgs84"))
        #expect(try identity.transform(SamplePoints.all) == SamplePoints.all)
    }

    @Test func geometryKeepsItsStructure() throws {
        let transformer = try CoordinateTransformer(from: .wgs84, to: CRS(parsing: "EPSG:4547"))
        let ring = [SamplePoints.huadu[0], SamplePoints.huadu[1], SamplePoints.huadu[2], SamplePoints.huadu[0]]
        let geometry = Geometry.geometryCollection([
            .point(SamplePoints.lechang[0]), .polygon([ring]), .multiLineString([SamplePoints.lechang]),
        ])
        let transformed = try transformer.transform(geometry)
        #expect(transformed.coordinates == (try transformer.transform(geometry.coordinates)))
        guard case .geometryCollection(let members) = transformed, members.count == 3,
            case .polygon(let rings) = members[1], case .multiLineString(let lines) = members[2]
        else {
            Issue.record("structure changed: \(transformed)")
            return
        }
        #expect(rings.count == 1 && rings[0].count == 4 && rings[0].first == rings[0].last)
        #expect(lines.count == 1 && lines[0].count == SamplePoints.lechang.count)
    }

    /// The consumer-map systems chain through WGS 84 with PROJ doing the rest.
    @Test func consumerMapSystemsChainThroughWGS84() throws {
        let gcj = SamplePoints.all.map(ChineseMapOffsets.wgs84ToGCJ02)
        let bd = SamplePoints.all.map(ChineseMapOffsets.wgs84ToBD09)
        let gk114 = try CRS(parsing: "EPSG:4547")
        let expected = try CoordinateTransformer(from: .wgs84, to: gk114).transform(SamplePoints.all)
        for (input, system) in [(gcj, CRS.gcj02), (bd, CRS.bd09)] {
            let projected = try CoordinateTransformer(from: system, to: gk114).transform(input)
            for (a, b) in zip(projected, expected) {
                #expect(abs(a.x - b.x) < 0.001 && abs(a.y - b.y) < 0.001)
            }
            let back = try CoordinateTransformer(from: gk114, to: system).transform(projected)
            for (a, b) in zip(back, input) {
                #expect(Geodesic.distance(a, b) < 0.001)
            }
        }
        let gcjToBD = try CoordinateTransformer(from: .gcj02, to: .bd09).transform(gcj)
        for (a, b) in zip(gcjToBD, bd) {
            #expect(Geodesic.distance(a, b) < 0.001)
        }
        let bdToWGS = try CoordinateTransformer(from: .bd09, to: .wgs84).transform(bd)
        for (a, b) in zip(bdToWGS, SamplePoints.all) {
            #expect(Geodesic.distance(a, b) < 0.001)
        }
    }

    @Test func nonFiniteResultIsAnErrorNamingTheCoordinate() throws {
        let transformer = try CoordinateTransformer(from: .wgs84, to: CRS(parsing: "EPSG:4547"))
        let bad = Coordinate(lon: 113.2, lat: 95)
        let error = #expect(throws: ProjectionError.self) {
            try transformer.transform([SamplePoints.huadu[0], SamplePoints.huadu[1], bad])
        }
        #expect(error?.kind == .transformationFailed)
        #expect(error?.description.contains("#2") == true)
        #expect(error?.description.contains("\(bad)") == true)
        #expect(error?.projCode != nil)

        let nan = #expect(throws: ProjectionError.self) {
            try transformer.transform(Coordinate(lon: .nan, lat: 23))
        }
        #expect(nan?.kind == .transformationFailed)
        #expect(nan?.description.contains("#0") == true)
    }

    @Test func invalidLongitudeLatitudeForAConsumerMapSystemIsAnError() throws {
        let transformer = try CoordinateTransformer(from: .gcj02, to: .wgs84)
        let error = #expect(throws: ProjectionError.self) {
            try transformer.transform([SamplePoints.huadu[0], Coordinate(lon: 500, lat: 23)])
        }
        #expect(error?.kind == .invalidCoordinate)
        #expect(error?.description.contains("#1") == true)
    }
}
