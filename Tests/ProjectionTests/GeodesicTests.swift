import GeoCore
import Projection
import Testing

@Suite struct GeodesicTests {
    @Test func distanceAgreesWithGeod() throws {
        let pairs = [
            (SamplePoints.huadu[0], SamplePoints.lechang[0]),
            (Coordinate(lon: -46.6, lat: -23.5), Coordinate(lon: 24.94, lat: 60.17)),
            (SamplePoints.huadu[0], SamplePoints.huadu[1]),
        ]
        // geod -I reads lat1 lon1 lat2 lon2 and prints azimuth 1, back azimuth 2, distance.
        let reference = try ProjCommandLine.run(
            "geod", ["-I", "+ellps=WGS84", "-f", "%.10f", "-F", "%.6f"],
            rows: pairs.map { [$0.0.lat, $0.0.lon, $0.1.lat, $0.1.lon] })
        #expect(reference.count == pairs.count)
        for ((a, b), row) in zip(pairs, reference) {
            #expect(abs(Geodesic.distance(a, b) - row[2]) < 0.001, "\(a) → \(b)")
            #expect(abs(Geodesic.azimuth(from: a, to: b) - row[0]) < 1e-8)
        }
    }

    @Test func destinationInvertsDistanceAndAzimuth() {
        let a = SamplePoints.huadu[0]
        let b = SamplePoints.lechang[3]
        let arrived = Geodesic.destination(
            from: a, azimuth: Geodesic.azimuth(from: a, to: b), distance: Geodesic.distance(a, b))
        #expect(Geodesic.distance(arrived, b) < 1e-6)
        let north = Geodesic.destination(from: a, azimuth: 0, distance: 1000)
        #expect(abs(north.lon - a.lon) < 1e-12)
        #expect(abs(Geodesic.distance(a, north) - 1000) < 1e-6)
    }

    @Test func nonFiniteInputGivesNaN() {
        #expect(Geodesic.distance(Coordinate(lon: .nan, lat: 0), SamplePoints.huadu[0]).isNaN)
        #expect(Geodesic.distance(Coordinate(lon: 0, lat: 95), SamplePoints.huadu[0]).isNaN)
    }
}
