/// A position in some coordinate reference system: `x` is longitude (or easting), `y` is latitude
/// (or northing), as RFC 7946 and PROJ's visualisation order have it. The CRS travels beside it.
public struct Coordinate: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// A geographic position, longitude first.
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    public var lon: Double { x }
    public var lat: Double { y }

    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// Whether this is a valid geographic position: longitude in [-180, 180], latitude in [-90, 90].
    public var isValidGeographic: Bool {
        isFinite && (-180...180).contains(x) && (-90...90).contains(y)
    }

    public var description: String { "\(x),\(y)" }
}
