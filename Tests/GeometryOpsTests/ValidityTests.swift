import GeoCore
import GeometryOps
import Testing

@Suite struct ValidityTests {
    typealias F = Fixture

    @Test func bowtieIsInvalidWithAReasonAndAPlace() throws {
        let engine = try GeometryEngine()
        let bowtie = try PlanarGeometry(F.bowtie, in: engine)
        #expect(try !bowtie.isValid)
        #expect(try bowtie.validity() == .invalid(reason: "Self-intersection", location: F.c(1, 1)))
    }

    @Test(arguments: [MakeValidMethod.linework, .structure(), .structure(keepCollapsed: true)])
    func makeValidSplitsTheBowtieIntoTwoTriangles(method: MakeValidMethod) throws {
        let engine = try GeometryEngine()
        let fixed = try PlanarGeometry(F.bowtie, in: engine).makeValid(method: method)
        #expect(try fixed.isValid)
        #expect(fixed.typeName == "MultiPolygon")
        #expect(try fixed.partCount == 2)
        #expect(try fixed.area == 2)
        // Now overlay works where it failed before.
        #expect(try fixed.union(with: PlanarGeometry(F.rectangle(0, 0, 2, 2), in: engine)).area == 4)
    }

    @Test func holeOutsideShell() throws {
        let engine = try GeometryEngine()
        let shape = try PlanarGeometry(
            .polygon([F.rectangleRing(0, 0, 10, 10), F.rectangleRing(20, 20, 21, 21)]), in: engine)
        #expect(try shape.validity() == .invalid(reason: "Hole lies outside shell", location: F.c(20, 20)))
        // GEOS 3.11 turns the stray hole into a polygon of its own, by either method.
        for method in [MakeValidMethod.linework, .structure()] {
            let fixed = try shape.makeValid(method: method)
            #expect(try fixed.isValid)
            #expect(try fixed.area == 101)
            #expect(try fixed.partCount == 2)
        }
    }

    @Test func validGeometriesStayAsTheyAre() throws {
        let engine = try GeometryEngine()
        for shape in [F.unitSquare, F.squareWithHole, F.star, .lineString([F.c(0, 0), F.c(1, 1)])] {
            let planar = try PlanarGeometry(shape, in: engine)
            #expect(try planar.validity() == .valid)
            #expect(abs(try planar.makeValid().area - planar.area) <= 1e-9 * (try planar.area))
            #expect(try planar.makeValid().typeName == shape.typeName)
        }
    }

    /// A shell whose bottom edge dips 5 m into a V, with a hole reaching down to 3 m below the straight
    /// line: plain Douglas–Peucker with a 10 m tolerance would straighten the edge through the hole; the
    /// topology-preserving form keeps the dip and still drops the collinear vertices.
    @Test func topologyPreservingSimplify() throws {
        let engine = try GeometryEngine()
        var shell: [Coordinate] = []
        for k in 0...100 {
            let x = Double(k) * 10
            shell.append(F.c(x, -(5 - abs(x - 500) / 100)))
        }
        shell += [F.c(1000, 1000), F.c(0, 1000), F.c(0, 0)]
        let hole = Array(F.rectangleRing(400, -3, 600, 100).reversed())
        let shape = try PlanarGeometry(.polygon([shell, hole]), in: engine)
        #expect(try shape.isValid)
        let simple = try shape.simplify(tolerance: 10)
        #expect(try simple.isValid)
        guard case .polygon(let rings) = try simple.geometry() else {
            Issue.record("simplify changed the type")
            return
        }
        #expect(rings.count == 2)
        #expect(rings[0].count < 10)
        #expect(rings[0].contains(F.c(500, -5)))
        #expect(try shape.difference(with: simple).area < 1e-6)
        #expect(try simple.difference(with: shape).area < 1e-6)
        #expect(try shape.simplify(tolerance: 0).area == shape.area)
        #expect(throws: GeometryOpsError.self) { try shape.simplify(tolerance: -1) }
        #expect(throws: GeometryOpsError.self) { try shape.simplify(tolerance: .nan) }
    }
}
