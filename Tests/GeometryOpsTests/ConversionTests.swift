import GeoCore
import GeometryOps
import Testing

@Suite struct ConversionTests {
    typealias F = Fixture

    static let shapes: [Geometry] = [
        .point(F.c(1.5, -2.25)),
        .multiPoint([F.c(0, 0), F.c(1, 1), F.c(2, 0)]),
        .lineString([F.c(0, 0), F.c(3, 4), F.c(6, 0)]),
        .multiLineString([[F.c(0, 0), F.c(1, 0)], [F.c(0, 1), F.c(1, 1), F.c(2, 3)]]),
        F.squareWithHole,
        .multiPolygon([[F.rectangleRing(0, 0, 1, 1)], [F.rectangleRing(5, 5, 7, 8)]]),
        .geometryCollection([.point(F.c(9, 9)), F.unitSquare, .lineString([F.c(0, 0), F.c(1, 2)])]),
        .geometryCollection([.geometryCollection([.point(F.c(1, 1))]), .multiPoint([F.c(2, 2)])]),
    ]

    @Test(arguments: shapes)
    func roundTripThroughGEOS(shape: Geometry) throws {
        let engine = try GeometryEngine()
        let planar = try PlanarGeometry(shape, in: engine)
        #expect(try planar.geometry() == shape)
        #expect(planar.typeName == shape.typeName)
        #expect(try !planar.isEmpty)
    }

    @Test(arguments: shapes)
    func roundTripThroughWKB(shape: Geometry) throws {
        let engine = try GeometryEngine()
        let bytes = try PlanarGeometry(shape, in: engine).wkb()
        #expect(try PlanarGeometry(wkb: bytes, in: engine).geometry() == shape)
    }

    /// WKB is little-endian ISO: byte order 1, type 1 (Point), then x and y as doubles.
    @Test func wkbOfAPointIsTheStandardLayout() throws {
        let engine = try GeometryEngine()
        let bytes = try PlanarGeometry(.point(F.c(1, 2)), in: engine).wkb()
        #expect(bytes.count == 21)
        #expect(Array(bytes.prefix(5)) == [1, 1, 0, 0, 0])
        #expect(Array(bytes[5..<13]) == withUnsafeBytes(of: (1.0).bitPattern.littleEndian, Array.init))
        #expect(Array(bytes[13..<21]) == withUnsafeBytes(of: (2.0).bitPattern.littleEndian, Array.init))
    }

    @Test func partCounts() throws {
        let engine = try GeometryEngine()
        #expect(try PlanarGeometry(F.unitSquare, in: engine).partCount == 1)
        #expect(try PlanarGeometry(ConversionTests.shapes[5], in: engine).partCount == 2)
        #expect(try PlanarGeometry(.geometryCollection([]), in: engine).partCount == 0)
    }

    @Test func copiesAreIndependentOfTheOriginal() throws {
        let engine = try GeometryEngine()
        var copy: PlanarGeometry?
        do {
            let original = try PlanarGeometry(F.squareWithHole, in: engine)
            copy = try original.copy()
        }
        #expect(try copy?.geometry() == F.squareWithHole)
    }

    @Test func geometriesOutliveTheirEngineVariable() throws {
        var planar: PlanarGeometry?
        do {
            let engine = try GeometryEngine()
            planar = try PlanarGeometry(F.unitSquare, in: engine).buffer(by: 1)
        }
        // The geometry keeps its engine alive.
        #expect(try planar.map { try $0.area } ?? 0 > 4)
    }
}

@Suite struct EmptyGeometryTests {
    static let empties: [Geometry] = [
        .polygon([]), .lineString([]), .multiPoint([]), .multiLineString([]), .multiPolygon([]),
        .geometryCollection([]),
    ]

    @Test(arguments: empties)
    func emptiesAreKeptAndMeasureZero(shape: Geometry) throws {
        let engine = try GeometryEngine()
        let planar = try PlanarGeometry(shape, in: engine)
        #expect(try planar.isEmpty)
        #expect(try planar.geometry() == shape)
        #expect(try planar.area == 0)
        #expect(try planar.length == 0)
        #expect(try planar.boundingBox == nil)
        #expect(try planar.centroid() == nil)
        #expect(try planar.isValid)
        #expect(try planar.buffer(by: 10).isEmpty)
        #expect(try PlanarGeometry(wkb: planar.wkb(), in: engine).isEmpty)
        let prepared = try planar.prepared()
        #expect(try !prepared.contains(Fixture.c(0, 0)))
        #expect(try prepared.squareGrid(cellSize: 100).isEmpty)
    }

    @Test func operationsWithAnEmptyGeometry() throws {
        let engine = try GeometryEngine()
        let square = try PlanarGeometry(Fixture.unitSquare, in: engine)
        let empty = try PlanarGeometry(.polygon([]), in: engine)
        #expect(try square.union(with: empty).area == 1)
        #expect(try square.intersection(with: empty).isEmpty)
        #expect(try square.difference(with: empty).area == 1)
        #expect(try empty.difference(with: square).isEmpty)
        #expect(try !square.intersects(empty))
    }

    /// An empty point has no GeoCore form; it comes back as an empty multi-point.
    @Test func anEmptyPointReadsAsAnEmptyMultiPoint() throws {
        let engine = try GeometryEngine()
        // WKB of POINT EMPTY: NaN coordinates.
        var bytes: [UInt8] = [1, 1, 0, 0, 0]
        for _ in 0..<2 { bytes += withUnsafeBytes(of: Double.nan.bitPattern.littleEndian, Array.init) }
        let planar = try PlanarGeometry(wkb: bytes, in: engine)
        #expect(try planar.isEmpty)
        #expect(try planar.geometry() == .multiPoint([]))
    }
}

@Suite struct InvalidInputTests {
    typealias F = Fixture

    static let cases: [(geometry: Geometry, place: String)] = [
        (.point(F.c(.nan, 0)), "coordinates"),
        (.lineString([F.c(0, 0), F.c(1, .infinity)]), "coordinates[1]"),
        (.lineString([F.c(0, 0)]), "coordinates"),
        (.polygon([[F.c(0, 0), F.c(1, 0), F.c(0, 0)]]), "coordinates[0]"),
        (.polygon([[F.c(0, 0), F.c(1, 0), F.c(1, 1), F.c(0, 1)]]), "coordinates[0]"),
        (
            .multiPolygon([[F.rectangleRing(0, 0, 1, 1)], [F.rectangleRing(0, 0, 1, 1), [F.c(0, 0)]]]),
            "coordinates[1][1]"
        ),
        (
            .geometryCollection([.point(F.c(0, 0)), .multiPoint([F.c(1, 1), F.c(-.infinity, 0)])]),
            "geometries[1].coordinates[1]"
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func badShapesAreRefusedNamingThePlace(index: Int) throws {
        let (geometry, place) = Self.cases[index]
        let engine = try GeometryEngine()
        let error = try #require(throws: GeometryOpsError.self) { try PlanarGeometry(geometry, in: engine) }
        #expect(error.kind == .invalidGeometry)
        #expect(error.operation == "convert")
        #expect(error.message.hasPrefix("\(place): "), "\(error)")
        // The engine is still usable afterwards.
        #expect(try PlanarGeometry(F.unitSquare, in: engine).area == 1)
    }

    @Test func theSameChecksApplyToBatchInput() throws {
        let engine = try GeometryEngine()
        let lines: [Geometry] = [.lineString([F.c(0, 0), F.c(1, 0)]), .lineString([F.c(0, 0)])]
        let error = try #require(throws: GeometryOpsError.self) {
            try engine.bufferedUnion(lines, distance: 1)
        }
        #expect(error.kind == .invalidGeometry)
        #expect(error.message.hasPrefix("geometries[1].coordinates: "))
        let union = try #require(throws: GeometryOpsError.self) {
            try engine.union([F.unitSquare, F.bowtie, .point(F.c(.nan, 1))])
        }
        #expect(union.message.hasPrefix("geometries[2].coordinates: "))
    }
}
