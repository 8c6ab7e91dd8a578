import GeoCore
import GeometryOps
import Testing

@Suite struct SquareGridTests {
    typealias F = Fixture

    @Test func squareAreaGivesEveryCellInRowOrder() throws {
        let engine = try GeometryEngine()
        let cells = try engine.squareGrid(covering: F.rectangle(0, 0, 1000, 1000), cellSize: 100)
        #expect(cells.count == 100)
        #expect(cells.first == GridCell(column: 0, row: 0, size: 100))
        #expect(cells.last == GridCell(column: 9, row: 9, size: 100))
        #expect(cells[10] == GridCell(column: 0, row: 1, size: 100))
        #expect(cells[0].center == F.c(50, 50))
        #expect(cells[0].origin == F.c(0, 0))
        #expect(cells[0].polygon == F.rectangle(0, 0, 100, 100))
    }

    /// Cells are aligned on multiples of the size, also at negative coordinates, and a cell counts when its
    /// centre is inside: [-260, 260]² holds the centres −250 … 250 in each direction.
    @Test func cellsAreAlignedOnTheOrigin() throws {
        let engine = try GeometryEngine()
        let cells = try engine.squareGrid(covering: F.rectangle(-260, -260, 260, 260), cellSize: 100)
        #expect(cells.count == 36)
        #expect(cells.first == GridCell(column: -3, row: -3, size: 100))
        #expect(cells.last == GridCell(column: 2, row: 2, size: 100))
        #expect(cells.first?.center == F.c(-250, -250))
        // [-240, 240]² holds only −150 … 150.
        #expect(try engine.squareGrid(covering: F.rectangle(-240, -240, 240, 240), cellSize: 100).count == 16)
    }

    /// The block search keeps exactly the cells whose centre an independent even–odd test puts inside.
    @Test(arguments: [7.0, 25.0, 100.0])
    func gridMatchesCellByCellTest(cellSize: Double) throws {
        let engine = try GeometryEngine()
        let cells = try engine.squareGrid(covering: F.star, cellSize: cellSize)
        var expected: [GridCell] = []
        let first = Int((50 / cellSize).rounded(.down)) - 1
        let last = Int((950 / cellSize).rounded(.down)) + 1
        for row in first...last {
            for column in first...last {
                let cell = GridCell(column: column, row: row, size: cellSize)
                if F.evenOddContains(F.star, cell.center) { expected.append(cell) }
            }
        }
        #expect(cells == expected)
        // Only cells along the boundary can be wrong about their area: at most half the perimeter times the size.
        let star = try PlanarGeometry(F.star, in: engine)
        #expect(abs(Double(cells.count) * cellSize * cellSize - (try star.area)) < (try star.length) * cellSize / 2)
    }

    @Test func emptyAndDisjointAreas() throws {
        let engine = try GeometryEngine()
        #expect(try engine.squareGrid(covering: .polygon([]), cellSize: 100).isEmpty)
        // A sliver thinner than a cell, between centres.
        #expect(try engine.squareGrid(covering: F.rectangle(0, 0, 1000, 10), cellSize: 100).isEmpty)
    }

    @Test(arguments: [0.0, -100, .nan, .infinity])
    func badCellSizesAreRefused(cellSize: Double) throws {
        let engine = try GeometryEngine()
        let error = try #require(throws: GeometryOpsError.self) {
            try engine.squareGrid(covering: F.unitSquare, cellSize: cellSize)
        }
        #expect(error.kind == .invalidArgument)
    }

    /// A cell size in the wrong units fails fast with a message that says so.
    @Test func tooManyCellsInTheBoxAreRefused() throws {
        let engine = try GeometryEngine()
        // A thin diagonal strip: few cells inside, many in its box.
        let strip = Geometry.polygon([[F.c(0, 0), F.c(100_000, 99_999), F.c(100_000, 100_000), F.c(0, 0)]])
        let error = try #require(throws: GeometryOpsError.self) {
            try engine.squareGrid(covering: strip, cellSize: 1, maximumBoxCells: 1_000_000)
        }
        #expect(error.kind == .invalidArgument)
        #expect(error.message.contains("metric CRS"))
    }

    /// A grid whose cells do not fit the memory budget is refused before any cell is made, with the cells it
    /// would have and the smallest cell size that fits.
    @Test func aGridOverItsBudgetNamesTheCellsAndTheSmallestCellThatFits() throws {
        let engine = try GeometryEngine()
        let budget = GridBudget(bytes: 10_000 * GridBudget.bytesPerCell)
        let area = F.rectangle(0, 0, 10_000, 10_000)
        let error = try #require(throws: GridTooLarge.self) {
            try engine.squareGrid(covering: area, cellSize: 10, budget: budget)
        }
        #expect(error.cells == 1_000_000)
        #expect(error.smallestCellSize == 100)
        #expect(error.description.contains("about 1000000 cells; at most 10000"))
        #expect(error.description.contains("cells of 100 m or more fit"))
        // The smallest size named fits; one metre less does not.
        #expect(try engine.squareGrid(covering: area, cellSize: error.smallestCellSize, budget: budget).count
            == 10_000)
        #expect(throws: GridTooLarge.self) {
            try engine.squareGrid(covering: area, cellSize: error.smallestCellSize - 1, budget: budget)
        }
        #expect(GridBudget.standard.bytes <= 2 << 30)
    }
}
