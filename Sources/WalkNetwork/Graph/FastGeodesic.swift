import Foundation
import GeoCore
import Projection

/// Distances between nearby longitude/latitude positions on the WGS 84 ellipsoid, fast enough for every
/// segment of a large network.
///
/// For segments shorter than ``exactBeyond`` metres (all but a few in a street network) it uses the
/// ellipsoid's radii of curvature at the mid-latitude (meridian M and prime vertical N): the segment is
/// measured in the tangent plane there. Its error grows with the square of the length; the tests check it
/// against ``Geodesic/distance(_:_:)`` (Karney, through PROJ) at many latitudes to better than 1e-5
/// (relative). Longer segments, and those near the poles, go to ``Geodesic/distance(_:_:)``.
enum FastGeodesic {
    static let exactBeyond = 5_000.0
    private static let semiMajorAxis = 6_378_137.0
    private static let flattening = 1 / 298.257223563
    private static let e2 = flattening * (2 - flattening)
    private static let radians = Double.pi / 180

    @inline(__always)
    static func distance(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        var dLon = lon2 - lon1
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let phi = (lat1 + lat2) * (0.5 * radians)
        let s = sin(phi)
        let w2 = 1 - e2 * s * s
        let n = semiMajorAxis / w2.squareRoot()
        let m = n * (1 - e2) / w2
        let dy = (lat2 - lat1) * radians * m
        let dx = dLon * radians * n * cos(phi)
        let d = (dx * dx + dy * dy).squareRoot()
        if d < exactBeyond, abs(lat1) < 80, abs(lat2) < 80 { return d }
        return Geodesic.distance(Coordinate(lon: lon1, lat: lat1), Coordinate(lon: lon2, lat: lat2))
    }

    @inline(__always)
    static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        distance(lon1: a.x, lat1: a.y, lon2: b.x, lat2: b.y)
    }
}
