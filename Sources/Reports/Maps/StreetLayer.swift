public import GeoCore

/// One street of the walking network as the maps draw it (EPSG:4326).
public struct StreetLine: Hashable, Sendable {
    public var points: [Coordinate]
    /// The length of the whole way the street belongs to, in metres. When a map cannot draw every street,
    /// the long ways (arterials, main streets) are kept first.
    public var wayLength: Double

    public init(points: [Coordinate], wayLength: Double) {
        self.points = points
        self.wayLength = wayLength
    }
}

/// The streets drawn under a report's data: the registry's saved walking network.
public struct StreetLayer: Hashable, Sendable {
    public var lines: [StreetLine]
    /// The file they come from (e.g. `registry.walknet`), for the caption.
    public var source: String

    public init(lines: [StreetLine], source: String) {
        self.lines = lines
        self.source = source
    }

    /// A way at least this long is drawn as a main street.
    static let mainStreetLength = 1_000.0
}

/// Where a rule's facilities serve on foot: the streets (and parts of streets) reachable from them within the
/// rule's distance, as the network's search found them.
public struct WalkingArea: Hashable, Sendable {
    /// The walking distance, in metres.
    public var meters: Double
    /// The reachable street portions (EPSG:4326).
    public var lines: [[Coordinate]]
    /// How far either side of a reachable street counts as reached, metres: the width the map gives it.
    public var bufferMeters: Double

    public init(meters: Double, lines: [[Coordinate]], bufferMeters: Double = 25) {
        self.meters = meters
        self.lines = lines
        self.bufferMeters = bufferMeters
    }
}
