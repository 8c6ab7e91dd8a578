internal import CProj
public import GeoCore

/// Geodesics on the WGS 84 ellipsoid, through PROJ's `geodesic.h` (Karney's algorithms, accurate to
/// nanometres). Positions are longitude/latitude in degrees; distances in metres; azimuths in degrees
/// clockwise from north. Non-finite input gives NaN.
public enum Geodesic {
    /// The length of the shortest path between two positions.
    public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        inverse(a, b).distance
    }

    /// The direction in which the shortest path from `a` to `b` leaves `a`.
    public static func azimuth(from a: Coordinate, to b: Coordinate) -> Double {
        inverse(a, b).azimuth
    }

    /// Where a path leaving `start` at `azimuth` arrives after `distance` metres; longitude in [-180, 180].
    public static func destination(from start: Coordinate, azimuth: Double, distance: Double) -> Coordinate {
        var lat = Double.nan
        var lon = Double.nan
        withUnsafePointer(to: wgs84) { g in
            geod_direct(g, start.lat, start.lon, azimuth, distance, &lat, &lon, nil)
        }
        return Coordinate(lon: lon, lat: lat)
    }

    private static func inverse(_ a: Coordinate, _ b: Coordinate) -> (distance: Double, azimuth: Double) {
        var distance = Double.nan
        var azimuth = Double.nan
        withUnsafePointer(to: wgs84) { g in
            geod_inverse(g, a.lat, a.lon, b.lat, b.lon, &distance, &azimuth, nil)
        }
        return (distance, azimuth)
    }

    /// WGS 84: a = 6378137 m, f = 1/298.257223563.
    private static let wgs84: geod_geodesic = {
        var g = geod_geodesic()
        geod_init(&g, 6_378_137, 1 / 298.257223563)
        return g
    }()
}
