import TestSupport
import GeoCore
import GeometryOps
import Testing

/// The real outline of 花都区 (Huadu, adcode 440114) from GeoData: 2 polygons, about 1 060 vertices.
@Suite struct HuaduTests {
    typealias F = Fixture

    /// Read once for the suite.
    static let outline = Result { try F.chineseOutline(adcode: 440114) }

    static func huadu() throws -> Geometry {
        try #require(try outline.get())
    }

    /// GEOS's planar area in degrees² equals the shoelace sum of the same rings.
    @Test func areaInDegreesMatchesShoelace() throws {
        let outline = try Self.huadu()
        guard case .multiPolygon(let parts) = outline else {
            Issue.record("Huadu is a \(outline.typeName), expected a MultiPolygon")
            return
        }
        #expect(parts.count == 2)
        let engine = try GeometryEngine()
        let planar = try PlanarGeometry(outline, in: engine)
        #expect(try planar.isValid)
        let shoelace = F.shoelaceArea(outline)
        let area = try planar.area
        #expect(abs(area - shoelace) < 1e-9 * shoelace, "\(area) vs \(shoelace)")
        let box = try #require(try planar.boundingBox)
        #expect(abs(box.minX - 112.9534) < 1e-4 && abs(box.maxX - 113.4705) < 1e-4)
        #expect(abs(box.minY - 23.2343) < 1e-4 && abs(box.maxY - 23.6186) < 1e-4)
        #expect(try planar.geometry() == outline)
    }

    /// On the ellipsoid Huadu is 970.0 km² (GeoData's README; published 970.04 km²). An equal-area projection
    /// written in the test keeps areas, so GEOS's planar area of the projected outline must agree.
    @Test func areaOnTheEllipsoidIs970SquareKilometres() throws {
        let projected = try Self.huadu().mapCoordinates(EqualArea.project)
        let engine = try GeometryEngine()
        let km2 = try PlanarGeometry(projected, in: engine).area / 1e6
        #expect(abs(km2 - 970.0) < 0.5, "\(km2) km²")
    }

    /// A 500 m gap grid over the projected district: its cells cover the area to within the boundary cells,
    /// and each kept centre is inside by an independent test.
    @Test func gapGridOverTheDistrict() throws {
        let projected = try Self.huadu().mapCoordinates(EqualArea.project)
        let engine = try GeometryEngine()
        let district = try PlanarGeometry(projected, in: engine)
        let cells = try district.prepared().squareGrid(cellSize: 500)
        let area = try district.area
        #expect(abs(Double(cells.count) * 250_000 - area) < 0.01 * area, "\(cells.count) cells")
        for cell in cells.prefix(2000) {
            #expect(F.evenOddContains(projected, cell.center))
        }
        #expect(try engine.squareGrid(covering: projected, cellSize: 500) == cells)
    }

    /// 5 000 points over the district's box, tested in one batch, agree with the even–odd test.
    @Test func pointsInTheDistrict() throws {
        let projected = try Self.huadu().mapCoordinates(EqualArea.project)
        let engine = try GeometryEngine()
        let prepared = try PlanarGeometry(projected, in: engine).prepared()
        let box = try #require(projected.boundingBox)
        var random = SeededGenerator(seed: 440114)
        let points = (0..<5_000).map { _ in
            F.c(.random(in: box.minX...box.maxX, using: &random), .random(in: box.minY...box.maxY, using: &random))
        }
        #expect(try prepared.contains(points) == points.map { F.evenOddContains(projected, $0) })
    }

    /// Simplifying to 50 m keeps the district valid, drops most vertices and changes its area by well under 1 %.
    @Test func simplifiedOutline() throws {
        let projected = try Self.huadu().mapCoordinates(EqualArea.project)
        let engine = try GeometryEngine()
        let district = try PlanarGeometry(projected, in: engine)
        let simple = try district.simplify(tolerance: 50)
        #expect(try simple.isValid)
        #expect(try simple.geometry().coordinates.count < projected.coordinates.count / 2)
        #expect(abs(try simple.area - district.area) < 0.002 * (try district.area))
        // A 1 km buffer around the district grows it by about perimeter × 1 km.
        let grown = try district.buffer(by: 1000)
        let growth = try grown.area - district.area
        let perimeter = try district.length
        #expect(growth > 0.8 * perimeter * 1000 && growth < 1.1 * perimeter * 1000)
    }
}
