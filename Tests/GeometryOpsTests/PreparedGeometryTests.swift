import TestSupport
import GeoCore
import GeometryOps
import Testing

@Suite struct PreparedGeometryTests {
    typealias F = Fixture

    static func randomPoints(_ count: Int, seed: UInt64, in range: ClosedRange<Double>) -> [Coordinate] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in F.c(.random(in: range, using: &random), .random(in: range, using: &random)) }
    }

    /// Prepared point-in-polygon, one by one and in a batch, agrees with an independent even–odd test and with
    /// GEOS's unprepared predicate, on a concave star with a hole.
    @Test func containsMatchesBruteForce() throws {
        let engine = try GeometryEngine()
        let star = try PlanarGeometry(F.star, in: engine)
        let prepared = try star.prepared()
        let points = Self.randomPoints(5000, seed: 42, in: -100...1100)
        let batch = try prepared.contains(points)
        let expected = points.map { F.evenOddContains(F.star, $0) }
        #expect(batch == expected)
        #expect(expected.filter { $0 }.count > 500)
        #expect(expected.filter { !$0 }.count > 500)
        for (point, inside) in zip(points.prefix(500), expected) {
            #expect(try prepared.contains(point) == inside)
            #expect(try prepared.intersects(point) == inside)
            #expect(try star.contains(PlanarGeometry(.point(point), in: engine)) == inside)
        }
        #expect(try prepared.intersects(points) == expected)
    }

    @Test func boundaryPointsIntersectButAreNotContained() throws {
        let engine = try GeometryEngine()
        let prepared = try PlanarGeometry(F.rectangle(0, 0, 10, 10), in: engine).prepared()
        for point in [F.c(0, 5), F.c(10, 10), F.c(5, 0)] {
            #expect(try !prepared.contains(point))
            #expect(try prepared.intersects(point))
        }
        #expect(try prepared.contains(F.c(5, 5)))
        #expect(try !prepared.intersects(F.c(10.000001, 5)))
        #expect(try prepared.contains([F.c(5, 5), F.c(0, 5), F.c(-1, -1)]) == [true, false, false])
    }

    @Test func geometriesAgainstAPreparedOne() throws {
        let engine = try GeometryEngine()
        let prepared = try PlanarGeometry(F.squareWithHole, in: engine).prepared()
        #expect(try prepared.contains(PlanarGeometry(F.rectangle(1, 1, 3, 3), in: engine)))
        #expect(try prepared.containsProperly(PlanarGeometry(F.rectangle(1, 1, 3, 3), in: engine)))
        #expect(try prepared.contains(PlanarGeometry(F.rectangle(0, 0, 3, 3), in: engine)))
        #expect(try !prepared.containsProperly(PlanarGeometry(F.rectangle(0, 0, 3, 3), in: engine)))
        // Across the hole.
        #expect(try !prepared.contains(PlanarGeometry(F.rectangle(3, 3, 7, 7), in: engine)))
        #expect(try prepared.intersects(PlanarGeometry(F.rectangle(3, 3, 7, 7), in: engine)))
        #expect(try !prepared.intersects(PlanarGeometry(F.rectangle(4.5, 4.5, 5.5, 5.5), in: engine)))
        #expect(try prepared.geometry.area == 96)
    }

    @Test func nonFinitePointsAreNamed() throws {
        let engine = try GeometryEngine()
        let prepared = try PlanarGeometry(F.unitSquare, in: engine).prepared()
        let error = try #require(throws: GeometryOpsError.self) {
            try prepared.contains([F.c(0.5, 0.5), F.c(.nan, 0.5)])
        }
        #expect(error.kind == .invalidGeometry)
        #expect(error.message.hasPrefix("points[1]: "))
        #expect(throws: GeometryOpsError.self) { try prepared.intersects(F.c(0, .infinity)) }
    }
}
