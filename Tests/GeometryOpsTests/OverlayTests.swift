import GeoCore
import GeometryOps
import Testing

@Suite struct OverlayTests {
    typealias F = Fixture

    /// [0, 2]² and [1, 3]² overlap in [1, 2]².
    @Test func twoOverlappingSquares() throws {
        let engine = try GeometryEngine()
        let a = try PlanarGeometry(F.rectangle(0, 0, 2, 2), in: engine)
        let b = try PlanarGeometry(F.rectangle(1, 1, 3, 3), in: engine)
        #expect(try a.union(with: b).area == 7)
        #expect(try a.union(with: b).typeName == "Polygon")
        #expect(try a.intersection(with: b).area == 1)
        #expect(try a.intersection(with: b).boundingBox == BoundingBox(minX: 1, minY: 1, maxX: 2, maxY: 2))
        #expect(try a.difference(with: b).area == 3)
        #expect(try b.difference(with: a).area == 3)
        #expect(try a.intersects(b))
        #expect(try !a.contains(b))
    }

    @Test func disjointSquares() throws {
        let engine = try GeometryEngine()
        let a = try PlanarGeometry(F.rectangle(0, 0, 1, 1), in: engine)
        let b = try PlanarGeometry(F.rectangle(5, 5, 6, 6), in: engine)
        #expect(try a.intersection(with: b).isEmpty)
        #expect(try a.union(with: b).typeName == "MultiPolygon")
        #expect(try a.union(with: b).area == 2)
        #expect(try a.difference(with: b).area == 1)
        #expect(try !a.intersects(b))
    }

    @Test func holesTakePart() throws {
        let engine = try GeometryEngine()
        let ring = try PlanarGeometry(F.squareWithHole, in: engine)
        let plug = try PlanarGeometry(F.rectangle(4, 4, 6, 6), in: engine)
        #expect(try ring.intersection(with: plug).area == 0)
        #expect(try ring.union(with: plug).area == 100)
        #expect(try ring.union(with: plug).geometry() != F.squareWithHole)
    }

    /// Three squares overlapping pairwise and all together, dissolved in one call.
    @Test func unionOfManyValues() throws {
        let engine = try GeometryEngine()
        let squares = [F.rectangle(0, 0, 2, 2), F.rectangle(1, 0, 3, 2), F.rectangle(0.5, 1, 2.5, 3)]
        // |A∪B∪C| = 12 − |A∩B| (2) − |A∩C| (1.5) − |B∩C| (1.5) + |A∩B∩C| (1) = 8
        let union = try engine.union(squares)
        #expect(abs(try union.area - 8) < 1e-12)
        #expect(try union.isValid)
        #expect(try engine.union([Geometry]()).isEmpty)
    }

    @Test func unionOfManyGeometriesLeavesThemUsable() throws {
        let engine = try GeometryEngine()
        let squares = try (0..<10).map { try PlanarGeometry(F.rectangle(Double($0), 0, Double($0) + 2, 1), in: engine) }
        #expect(try engine.union(squares).area == 11)
        #expect(try squares.map { try $0.area } == Array(repeating: 2, count: 10))
    }

    @Test func unaryUnionDissolvesOverlappingParts() throws {
        let engine = try GeometryEngine()
        // A multi-polygon whose parts overlap is invalid; its unary union is not.
        let parts = try PlanarGeometry(
            .multiPolygon([[F.rectangleRing(0, 0, 2, 2)], [F.rectangleRing(1, 1, 3, 3)]]), in: engine)
        #expect(try !parts.isValid)
        let union = try parts.unaryUnion()
        #expect(try union.isValid)
        #expect(try union.area == 7)
    }

    @Test func geometriesOfTwoEnginesDoNotMix() throws {
        let first = try GeometryEngine()
        let second = try GeometryEngine()
        let a = try PlanarGeometry(F.unitSquare, in: first)
        let b = try PlanarGeometry(F.unitSquare, in: second)
        let error = try #require(throws: GeometryOpsError.self) { try a.union(with: b) }
        #expect(error.kind == .engineFailure)
        #expect(error.operation == "union")
        #expect(throws: GeometryOpsError.self) { try first.union([a, b]) }
        #expect(throws: GeometryOpsError.self) { try a.prepared().contains(b) }
    }
}
