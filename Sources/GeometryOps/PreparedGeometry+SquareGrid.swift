internal import CGEOS
public import GeoCore

extension GeometryEngine {
    /// The cells of a square grid (aligned on multiples of `cellSize`, see `GridCell`) whose centre lies
    /// inside `area`, row by row from south to north, west to east within a row. For gap maps: 100 m cells
    /// over a district in a local metric CRS.
    ///
    /// A grid whose cells (the area over a cell's area) do not fit `budget` is refused with
    /// ``GridTooLarge``, naming the smallest cell size that fits; one whose bounding box holds more than
    /// `maximumBoxCells`, so that a cell size in the wrong units (metres over degrees) fails with a clear
    /// message instead of exhausting memory or time.
    public func squareGrid(
        covering area: Geometry, cellSize: Double, budget: GridBudget = .standard,
        maximumBoxCells: Int = PreparedGeometry.maximumBoxCells
    ) throws -> [GridCell] {
        try PlanarGeometry(area, in: self).prepared().squareGrid(
            cellSize: cellSize, budget: budget, maximumBoxCells: maximumBoxCells)
    }
}

extension PreparedGeometry {
    /// The cells of a square grid whose centre lies inside the geometry; see
    /// `GeometryEngine.squareGrid(covering:cellSize:budget:maximumBoxCells:)`. Throws ``GridTooLarge`` or
    /// ``GeometryOpsError``.
    ///
    /// Blocks of cells are tested as rectangles first: a block inside the geometry keeps all its cells and a
    /// block outside drops them, so only cells near the boundary are tested one by one.
    public func squareGrid(
        cellSize: Double, budget: GridBudget = .standard, maximumBoxCells: Int = PreparedGeometry.maximumBoxCells
    ) throws -> [GridCell] {
        guard cellSize.isFinite, cellSize > 0 else {
            throw GeometryOpsError(
                .invalidArgument, operation: "squareGrid", "the cell size must be a positive number, got \(cellSize)")
        }
        guard let bounds else { return [] }
        let area = try geometry.area
        let expected = area / (cellSize * cellSize)
        if expected > Double(budget.maximumCells) {
            throw GridTooLarge(
                cells: Int(min(expected, 9e18)), cellSize: cellSize,
                smallestCellSize: (area / Double(max(budget.maximumCells, 1))).squareRoot().rounded(.up),
                budget: budget)
        }
        let first = (column: (bounds.minX / cellSize).rounded(.down), row: (bounds.minY / cellSize).rounded(.down))
        let last = (column: (bounds.maxX / cellSize).rounded(.down), row: (bounds.maxY / cellSize).rounded(.down))
        let columns = last.column - first.column + 1
        let rows = last.row - first.row + 1
        guard columns * rows <= Double(maximumBoxCells), abs(first.column) < 1e15, abs(first.row) < 1e15 else {
            throw GeometryOpsError(
                .invalidArgument, operation: "squareGrid",
                "a grid of \(cellSize) over \(bounds) would have \(Int(columns)) × \(Int(rows)) cells, more than "
                    + "\(maximumBoxCells); check that the area is in a metric CRS and the cell size in metres")
        }
        var search = GridSearch(prepared: self, size: cellSize)
        try search.visit(
            columns: Int(first.column)..<Int(last.column) + 1, rows: Int(first.row)..<Int(last.row) + 1)
        return search.cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }
}

extension PreparedGeometry {
    /// The most cells a grid's bounding box may hold, whatever the budget: more means a cell size in the
    /// wrong units rather than a fine grid.
    public static let maximumBoxCells = 25_000_000
}

/// The recursive block test behind `squareGrid`.
private struct GridSearch {
    let prepared: PreparedGeometry
    let size: Double
    var cells: [GridCell] = []

    init(prepared: PreparedGeometry, size: Double) {
        self.prepared = prepared
        self.size = size
    }

    /// Blocks of this many cells or fewer are settled cell by cell.
    static let smallBlock = 4

    mutating func visit(columns: Range<Int>, rows: Range<Int>) throws(GeometryOpsError) {
        guard !columns.isEmpty, !rows.isEmpty else { return }
        if columns.count * rows.count <= Self.smallBlock {
            for row in rows {
                for column in columns {
                    let cell = GridCell(column: column, row: row, size: size)
                    if try prepared.contains(cell.center) { cells.append(cell) }
                }
            }
            return
        }
        let engine = prepared.engine
        let block = try engine.make("squareGrid", "GEOS could not make a grid block") {
            GEOSGeom_createRectangle_r(
                $0, Double(columns.lowerBound) * size, Double(rows.lowerBound) * size,
                Double(columns.upperBound) * size, Double(rows.upperBound) * size)
        }
        guard try prepared.intersects(block) else { return }
        // A closed block inside the area has every cell centre, which lies in the block's interior, inside the
        // area's interior.
        if try prepared.contains(block) {
            for row in rows {
                for column in columns { cells.append(GridCell(column: column, row: row, size: size)) }
            }
            return
        }
        if columns.count >= rows.count {
            let middle = columns.lowerBound + columns.count / 2
            try visit(columns: columns.lowerBound..<middle, rows: rows)
            try visit(columns: middle..<columns.upperBound, rows: rows)
        } else {
            let middle = rows.lowerBound + rows.count / 2
            try visit(columns: columns, rows: rows.lowerBound..<middle)
            try visit(columns: columns, rows: middle..<rows.upperBound)
        }
    }
}
