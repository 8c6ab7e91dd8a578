import GeoCore
import GeometryOps
import Testing

@Suite struct IntersectionAreasTests {
    typealias F = Fixture

    /// [50, 250] × [50, 150] over 100 m cells of [0, 300] × [0, 200]: quarter, half, quarter in each row.
    @Test func rectangleOverAGrid() throws {
        let engine = try GeometryEngine()
        let cells = (0..<2).flatMap { row in (0..<3).map { GridCell(column: $0, row: row, size: 100).polygon } }
        let rows = try engine.intersectionAreas(of: [F.rectangle(50, 50, 250, 150)], with: cells)
        #expect(rows.map(\.cell) == [0, 1, 2, 3, 4, 5])
        #expect(rows.allSatisfy { $0.polygon == 0 })
        #expect(rows.map(\.area) == [2500, 5000, 2500, 2500, 5000, 2500])
    }

    /// Every polygon's area is shared out over the cells without loss, cells wholly inside count whole, and
    /// rows come sorted.
    @Test func areasAddUpToEachPolygon() throws {
        let engine = try GeometryEngine()
        let polygons = [F.star, F.rectangle(100, 100, 180, 130), F.squareWithHole, F.rectangle(5000, 5000, 5100, 5100)]
        let cells = try engine.squareGrid(covering: F.rectangle(0, 0, 1000, 1000), cellSize: 50).map(\.polygon)
        let rows = try engine.intersectionAreas(of: polygons, with: cells)
        #expect(rows == rows.sorted { ($0.polygon, $0.cell) < ($1.polygon, $1.cell) })
        #expect(rows.allSatisfy { $0.area > 0 && $0.area <= 2500 + 1e-9 })
        for (i, polygon) in polygons.enumerated() {
            let shared = rows.filter { $0.polygon == i }.map(\.area).reduce(0, +)
            let area = i == 3 ? 0 : try PlanarGeometry(polygon, in: engine).area
            #expect(abs(shared - area) < 1e-6, "polygon \(i)")
        }
        // The star's core is whole cells.
        #expect(rows.filter { $0.polygon == 0 && $0.area == 2500 }.count > 25)
        // 80 × 30 m across two cells: 50 × 30 in one, 30 × 30 in the next.
        #expect(rows.filter { $0.polygon == 1 }.map(\.area) == [1500, 900])
    }

    @Test func touchingIsNotSharing() throws {
        let engine = try GeometryEngine()
        let rows = try engine.intersectionAreas(
            of: [F.rectangle(0, 0, 100, 100)], with: [F.rectangle(100, 0, 200, 100), F.rectangle(50, 50, 150, 150)])
        #expect(rows == [IntersectionArea(polygon: 0, cell: 1, area: 2500)])
        #expect(try engine.intersectionAreas(of: [], with: [F.unitSquare]).isEmpty)
        #expect(try engine.intersectionAreas(of: [F.unitSquare], with: []).isEmpty)
        #expect(try engine.intersectionAreas(of: [.polygon([])], with: [.polygon([]), F.unitSquare]).isEmpty)
    }

    /// An invalid polygon fails with its index and GEOS's reason.
    @Test func invalidInputIsNamed() throws {
        let engine = try GeometryEngine()
        let bigBowtie = F.bowtie.mapCoordinates { Coordinate(x: $0.x * 100, y: $0.y * 100) }
        let error = try #require(throws: GeometryOpsError.self) {
            try engine.intersectionAreas(of: [F.unitSquare, bigBowtie], with: [F.rectangle(50, 0, 150, 100)])
        }
        #expect(error.operation == "intersectionAreas")
        #expect(error.message.hasPrefix("polygons[1] with cells[0]: "))
        #expect(error.geosMessage?.contains("Self-intersection") == true)
    }
}
