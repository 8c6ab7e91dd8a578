import Foundation
public import GeoCore

/// SYNTHETIC street networks for tests and benchmarks: a square grid of streets, not a real place.
///
/// `nodesPerSide²` intersections `spacing` metres apart, starting at `origin` (south-west corner) and
/// running east and north. Every row and every column is a street; a share of the blocks between two
/// neighbouring intersections (`removedShare`) is taken out at random, so streets break into several ways,
/// some corners become dead ends and a few intersections may be cut off (small components, as in real
/// data). `jitter` moves intersections by up to that share of the spacing, and `midpoints` puts that
/// many shape vertices on every block, so edges have polylines. The same arguments give the same city.
public enum GridCity {
    /// The streets as ways, in the form a source hands them to ``NetworkBuilder``: vertices keyed by
    /// intersection (`row * nodesPerSide + column`), tagged `highway=residential`.
    public static func ways(
        nodesPerSide: Int, spacing: Double = 100, origin: Coordinate = Coordinate(lon: 113.30, lat: 23.10),
        removedShare: Double = 0.05, jitter: Double = 0, midpoints: Int = 0, seed: UInt64 = 1
    ) throws(WalkNetworkError) -> [NetworkWay] {
        guard nodesPerSide >= 2, nodesPerSide <= 46_000 else {
            throw .invalidArgument("a grid city needs 2 to 46,000 nodes per side, not \(nodesPerSide)")
        }
        guard spacing.isFinite, spacing > 0, (0..<1).contains(removedShare), (0...0.45).contains(jitter),
            (0...100).contains(midpoints), origin.isValidGeographic
        else {
            throw .invalidArgument(
                "grid city: spacing must be positive, removedShare in [0, 1), jitter in [0, 0.45], midpoints in 0…100")
        }
        let n = nodesPerSide
        // Metres to degrees at the origin (WGS 84 radii of curvature).
        let a = 6_378_137.0
        let e2 = (1 / 298.257223563) * (2 - 1 / 298.257223563)
        let phi = origin.lat * .pi / 180
        let w2 = 1 - e2 * sin(phi) * sin(phi)
        let metresPerDegreeLat = a * (1 - e2) / (w2 * w2.squareRoot()) * .pi / 180
        let metresPerDegreeLon = a / w2.squareRoot() * cos(phi) * .pi / 180
        guard origin.lat + Double(n) * spacing / metresPerDegreeLat < 85,
            origin.lon + Double(n) * spacing / metresPerDegreeLon <= 180
        else {
            throw .invalidArgument("grid city: \(n) × \(spacing) m from \(origin) does not fit on the globe")
        }
        var random = SplitMix64(seed: seed)
        func position(_ row: Int, _ column: Int) -> Coordinate {
            var x = Double(column) * spacing
            var y = Double(row) * spacing
            if jitter > 0 {
                var r = SplitMix64(seed: seed ^ UInt64(row * n + column) &* 0x9E37_79B9_7F4A_7C15)
                x += (r.unit() * 2 - 1) * jitter * spacing
                y += (r.unit() * 2 - 1) * jitter * spacing
            }
            return Coordinate(lon: origin.lon + x / metresPerDegreeLon, lat: origin.lat + y / metresPerDegreeLat)
        }
        let positions = (0..<(n * n)).map { position($0 / n, $0 % n) }
        var ways: [NetworkWay] = []
        let tags = ["highway": "residential"]
        var current: [WayVertex] = []
        func flush() {
            if current.count >= 2 {
                ways.append(NetworkWay(id: Int64(ways.count + 1), vertices: current, tags: tags))
            }
            current.removeAll()
        }
        // Rows (east-west streets), then columns (north-south).
        for horizontal in [true, false] {
            for line in 0..<n {
                for step in 0..<(n - 1) {
                    let from = horizontal ? line * n + step : step * n + line
                    let to = horizontal ? from + 1 : from + n
                    if random.unit() < removedShare {
                        flush()
                        continue
                    }
                    if current.isEmpty { current.append(WayVertex(positions[from], key: Int64(from))) }
                    if midpoints > 0 {
                        let p = positions[from]
                        let q = positions[to]
                        for m in 1...midpoints {
                            let t = Double(m) / Double(midpoints + 1)
                            // Shape vertices bow a little to the side, so edges are not straight.
                            let bow = 0.05 * sin(t * .pi)
                            current.append(
                                WayVertex(
                                    Coordinate(
                                        lon: p.lon + (q.lon - p.lon) * t - (q.lat - p.lat) * bow,
                                        lat: p.lat + (q.lat - p.lat) * t + (q.lon - p.lon) * bow)))
                        }
                    }
                    current.append(WayVertex(positions[to], key: Int64(to)))
                }
                flush()
            }
        }
        return ways
    }

    /// A built graph of ``ways(nodesPerSide:spacing:origin:removedShare:jitter:midpoints:seed:)``, with
    /// `provenance["source"]` saying it is synthetic.
    public static func make(
        nodesPerSide: Int, spacing: Double = 100, origin: Coordinate = Coordinate(lon: 113.30, lat: 23.10),
        removedShare: Double = 0.05, jitter: Double = 0, midpoints: Int = 0, seed: UInt64 = 1
    ) throws(WalkNetworkError) -> WalkGraph {
        var builder = NetworkBuilder(
            provenance: [
                "source": "synthetic grid city \(nodesPerSide)×\(nodesPerSide), spacing \(spacing) m, "
                    + "removed \(removedShare), jitter \(jitter), midpoints \(midpoints), seed \(seed)"
            ])
        for way in try ways(
            nodesPerSide: nodesPerSide, spacing: spacing, origin: origin, removedShare: removedShare, jitter: jitter,
            midpoints: midpoints, seed: seed)
        {
            try builder.add(way)
        }
        return try builder.build()
    }
}

/// A small, fast, reproducible random number generator (SplitMix64), for synthetic networks and the
/// benchmark's draws of demand and facilities.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
