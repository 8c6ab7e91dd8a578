import GeoCore
import GeometryOps
import Testing

@Suite struct MeasureTests {
    typealias F = Fixture

    @Test func unitSquare() throws {
        let engine = try GeometryEngine()
        let square = try PlanarGeometry(F.unitSquare, in: engine)
        #expect(try square.area == 1)
        #expect(try square.length == 4)
        #expect(try square.centroid() == F.c(0.5, 0.5))
        #expect(try square.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
    }

    @Test func squareWithHole() throws {
        let engine = try GeometryEngine()
        let shape = try PlanarGeometry(F.squareWithHole, in: engine)
        #expect(try shape.area == 96)
        #expect(try shape.length == 48)
        #expect(try shape.centroid() == F.c(5, 5))
        #expect(try shape.isValid)
    }

    /// An off-centre hole moves the centroid away from it: x = (50·5 − 4·7) / 46, y = (50·2.5 − 4·2) / 46.
    @Test func centroidOfAnAsymmetricShape() throws {
        let engine = try GeometryEngine()
        let shape = try PlanarGeometry(
            .polygon([F.rectangleRing(0, 0, 10, 5), F.rectangleRing(6, 1, 8, 3).reversed()]), in: engine)
        let centroid = try #require(try shape.centroid())
        #expect(abs(centroid.x - (50 * 5 - 4 * 7) / 46.0) < 1e-12)
        #expect(abs(centroid.y - (50 * 2.5 - 4 * 2) / 46.0) < 1e-12)
    }

    @Test func linesAndPoints() throws {
        let engine = try GeometryEngine()
        let line = try PlanarGeometry(.lineString([F.c(0, 0), F.c(3, 4), F.c(3, 10)]), in: engine)
        #expect(try line.length == 11)
        #expect(try line.area == 0)
        let points = try PlanarGeometry(.multiPoint([F.c(0, 0), F.c(4, 2)]), in: engine)
        #expect(try points.length == 0)
        #expect(try points.centroid() == F.c(2, 1))
        #expect(try points.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 4, maxY: 2))
    }

    @Test func envelope() throws {
        let engine = try GeometryEngine()
        let envelope = try PlanarGeometry(Fixture.star, in: engine).envelope()
        let box = try #require(try PlanarGeometry(Fixture.star, in: engine).boundingBox)
        #expect(envelope.typeName == "Polygon")
        #expect(abs(try envelope.area - (box.maxX - box.minX) * (box.maxY - box.minY)) < 1e-6)
        #expect(try PlanarGeometry(.point(F.c(1, 2)), in: engine).envelope().geometry() == .point(F.c(1, 2)))
    }

    /// GEOS's area matches an independent shoelace sum on an irregular, concave shape with a hole.
    @Test func areaMatchesTheShoelaceFormula() throws {
        let engine = try GeometryEngine()
        let area = try PlanarGeometry(Fixture.star, in: engine).area
        #expect(abs(area - Fixture.shoelaceArea(Fixture.star)) < 1e-6)
    }
}

@Suite("Convex hull")
struct ConvexHullTests {
    @Test func hullOfSquareCornersAndAnInnerPointIsTheSquare() throws {
        let engine = try GeometryEngine()
        let points = Geometry.multiPoint([
            Coordinate(x: 0, y: 0), Coordinate(x: 4, y: 0), Coordinate(x: 4, y: 4), Coordinate(x: 0, y: 4),
            Coordinate(x: 2, y: 1),
        ])
        let hull = try PlanarGeometry(points, in: engine).convexHull()
        #expect(try hull.area == 16)
        #expect(hull.typeName == "Polygon")
    }
}
