import Foundation
public import GeoCore

/// The offsets of China's consumer-map systems, on longitude/latitude in degrees.
///
/// - GCJ-02 (AMap/高德, Tencent) is WGS 84 shifted by the public closed form of the obfuscation
///   (Krasovsky ellipsoid constants); outside China's rough box it equals WGS 84 by convention.
///   The inverse has no closed form and is found by fixed-point iteration to 1e-9°.
/// - BD-09 (Baidu) is GCJ-02 shifted by Baidu's closed form; its inverse is refined the same way.
///
/// Inputs must be valid longitude/latitude; ``CoordinateTransformer`` checks that before calling these.
public enum ChineseMapOffsets {
    /// Longitudes and latitudes outside which GCJ-02 is WGS 84.
    public static let chinaLongitudes = 72.004...137.8347
    public static let chinaLatitudes = 0.8293...55.8271

    /// Whether GCJ-02 leaves this WGS 84 position unchanged (outside China's rough box).
    public static func isOutsideChina(_ c: Coordinate) -> Bool {
        !(chinaLongitudes.contains(c.lon) && chinaLatitudes.contains(c.lat))
    }

    // MARK: GCJ-02

    public static func wgs84ToGCJ02(_ c: Coordinate) -> Coordinate {
        guard !isOutsideChina(c) else { return c }
        // Semi-major axis and first eccentricity squared of the Krasovsky 1940 ellipsoid.
        let a = 6378245.0
        let ee = 0.00669342162296594323
        let x = c.lon - 105
        let y = c.lat - 35
        let latitude = c.lat * .pi / 180
        let s = sin(latitude)
        let w = 1 - ee * s * s
        let northMetres = gcjNorthShift(x, y)
        let eastMetres = gcjEastShift(x, y)
        let dLat = northMetres * 180 / (a * (1 - ee) / (w * w.squareRoot()) * .pi)
        let dLon = eastMetres * 180 / (a / w.squareRoot() * cos(latitude) * .pi)
        return Coordinate(lon: c.lon + dLon, lat: c.lat + dLat)
    }

    public static func gcj02ToWGS84(_ c: Coordinate) -> Coordinate {
        invert(wgs84ToGCJ02, at: c, from: c)
    }

    // MARK: BD-09

    public static func gcj02ToBD09(_ c: Coordinate) -> Coordinate {
        let z = (c.lon * c.lon + c.lat * c.lat).squareRoot() + 0.00002 * sin(c.lat * xPi)
        let theta = atan2(c.lat, c.lon) + 0.000003 * cos(c.lon * xPi)
        return Coordinate(lon: z * cos(theta) + 0.0065, lat: z * sin(theta) + 0.006)
    }

    /// The standard closed-form inverse, refined by iteration (the closed form alone is off by up to
    /// about a metre).
    public static func bd09ToGCJ02(_ c: Coordinate) -> Coordinate {
        let x = c.lon - 0.0065
        let y = c.lat - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return invert(gcj02ToBD09, at: c, from: Coordinate(lon: z * cos(theta), lat: z * sin(theta)))
    }

    public static func wgs84ToBD09(_ c: Coordinate) -> Coordinate {
        gcj02ToBD09(wgs84ToGCJ02(c))
    }

    public static func bd09ToWGS84(_ c: Coordinate) -> Coordinate {
        gcj02ToWGS84(bd09ToGCJ02(c))
    }

    // MARK: Internals

    /// Baidu's constant: π · 3000 / 180.
    private static let xPi = Double.pi * 3000 / 180

    /// The northward part of the GCJ-02 shift, in metres before scaling, at offsets from (105°E, 35°N).
    private static func gcjNorthShift(_ x: Double, _ y: Double) -> Double {
        var shift = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        shift += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        shift += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        shift += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        return shift
    }

    /// The eastward part of the GCJ-02 shift, in metres before scaling.
    private static func gcjEastShift(_ x: Double, _ y: Double) -> Double {
        var shift = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        shift += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        shift += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        shift += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3
        return shift
    }

    /// Solves `forward(p) == target` by fixed-point iteration from `start`. The offsets change slowly
    /// with position, so each step gains about two digits; stops under 1e-9° or after 30 steps.
    private static func invert(
        _ forward: (Coordinate) -> Coordinate, at target: Coordinate, from start: Coordinate
    ) -> Coordinate {
        guard target.isFinite else { return target }
        var guess = start
        for _ in 0..<30 {
            let image = forward(guess)
            let dx = target.x - image.x
            let dy = target.y - image.y
            guess.x += dx
            guess.y += dy
            if abs(dx) < 1e-9 && abs(dy) < 1e-9 { break }
        }
        return guess
    }
}
