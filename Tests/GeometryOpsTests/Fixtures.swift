import Foundation
import TestSupport
import GeoCore
import GeometryOps

/// Small shapes and helpers shared by the tests.
enum Fixture {
    /// The edges of a jittered 25 × 25 street grid, 80 m apart, with shape vertices: short lines that meet
    /// at shared ends, as a network's reachable edges do.
    static func streets() -> [Geometry] {
        var random = SeededGenerator(seed: 23)
        let n = 25
        let nodes = (0..<n).map { i in
            (0..<n).map { j in
                Fixture.c(
                    Double(j) * 80 + .random(in: -15...15, using: &random),
                    Double(i) * 80 + .random(in: -15...15, using: &random))
            }
        }
        func bowed(_ a: Coordinate, _ b: Coordinate, _ random: inout SeededGenerator) -> Geometry {
            let mid = Fixture.c(
                (a.x + b.x) / 2 + .random(in: -8...8, using: &random), (a.y + b.y) / 2 + .random(in: -8...8, using: &random))
            return .lineString([a, mid, b])
        }
        var lines: [Geometry] = []
        for i in 0..<n {
            for j in 0..<n {
                if j + 1 < n { lines.append(bowed(nodes[i][j], nodes[i][j + 1], &random)) }
                if i + 1 < n, (i * 7 + j * 3) % 11 != 0 { lines.append(bowed(nodes[i][j], nodes[i + 1][j], &random)) }
            }
        }
        return lines
    }

    static func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

    /// A closed, counter-clockwise axis-aligned rectangle ring.
    static func rectangleRing(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Coordinate] {
        [c(x0, y0), c(x1, y0), c(x1, y1), c(x0, y1), c(x0, y0)]
    }

    static func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon([rectangleRing(x0, y0, x1, y1)])
    }

    static let unitSquare = rectangle(0, 0, 1, 1)

    /// A 10 × 10 square with a 2 × 2 hole: area 96, perimeter 48.
    static let squareWithHole = Geometry.polygon([
        rectangleRing(0, 0, 10, 10), rectangleRing(4, 4, 6, 6).reversed(),
    ])

    /// The classic invalid "bowtie": one ring crossing itself at (1, 1).
    static let bowtie = Geometry.polygon([[c(0, 0), c(2, 2), c(2, 0), c(0, 2), c(0, 0)]])

    /// A concave, 12-pointed star around (500, 500) with a square hole, in metres; no grid centre of the
    /// tests' cell sizes falls on its boundary.
    static let star: Geometry = {
        var ring: [Coordinate] = []
        for k in 0..<24 {
            let angle = Double(k) * .pi / 12
            let radius = k.isMultiple(of: 2) ? 450.0 : 200.0
            ring.append(c(500 + radius * cos(angle), 500 + radius * sin(angle)))
        }
        ring.append(ring[0])
        return .polygon([ring, rectangleRing(455, 455, 545, 545).reversed()])
    }()

    /// Even–odd point in polygon over all rings, written independently of GEOS.
    static func evenOddContains(_ geometry: Geometry, _ p: Coordinate) -> Bool {
        let rings: [[Coordinate]]
        switch geometry {
        case .polygon(let rs): rings = rs
        case .multiPolygon(let ps): rings = ps.flatMap { $0 }
        default: return false
        }
        var inside = false
        for ring in rings {
            for (a, b) in zip(ring, ring.dropFirst()) where (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if p.x < x { inside.toggle() }
            }
        }
        return inside
    }

    /// The shoelace area of a polygon or multi-polygon, holes subtracted, written independently of GEOS.
    static func shoelaceArea(_ geometry: Geometry) -> Double {
        func ring(_ r: [Coordinate]) -> Double {
            abs(zip(r, r.dropFirst()).reduce(0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }) / 2
        }
        func polygon(_ rings: [[Coordinate]]) -> Double {
            guard let shell = rings.first else { return 0 }
            return ring(shell) - rings.dropFirst().map(ring).reduce(0, +)
        }
        switch geometry {
        case .polygon(let rings): return polygon(rings)
        case .multiPolygon(let polygons): return polygons.map(polygon).reduce(0, +)
        default: return 0
        }
    }

    /// The folder of the repository's shipped data.
    static let geoData = Repository.geoData

    /// A feature's geometry from `GeoData/china/admin_huadu_lechang_wgs84.geojson`, by adcode.
    static func chineseOutline(adcode: Double) throws -> Geometry? {
        let url = geoData.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson")
        let document = try GeoJSONDocument(data: Data(contentsOf: url))
        return document.featureCollection.features.first {
            $0.properties["adcode"]?.numberValue == adcode || $0.properties["adcode"]?.stringValue == "\(Int(adcode))"
        }?.geometry
    }
}

/// SplitMix64: a small seeded generator, so random tests repeat exactly.

/// Lambert's cylindrical equal-area projection on the WGS 84 ellipsoid (Snyder, Map Projections — A Working
/// Manual, eq. 3-12 and 10-15): x = a·λ, y = a·q/2. It keeps areas exactly, so the planar area of projected
/// outlines is their area on the ellipsoid (up to edges being straight here rather than geodesics).
enum EqualArea {
    static let a = 6_378_137.0
    static let f = 1 / 298.257223563
    static let e2 = f * (2 - f)
    static let e = e2.squareRoot()

    static func project(_ c: Coordinate) -> Coordinate {
        let phi = c.y * .pi / 180
        let s = sin(phi)
        let q = (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
        return Coordinate(x: a * c.x * .pi / 180, y: a * q / 2)
    }
}
