import Foundation

/// How many cells a square grid may have: a memory budget divided by what one cell costs through an analysis
/// (the cell, its centre and square in two systems, its snap to the network, its distance, its row in the
/// output), so that `gaps --cell 1` or a demand grid over a whole city fails at once instead of swapping.
public struct GridBudget: Hashable, Sendable {
    /// The memory the grid may take, in bytes.
    public var bytes: UInt64

    /// What one cell costs, measured with `gaps` and `demand import --polygons grid` over Helsinki (about
    /// 600 bytes resident per cell at the peak), rounded up.
    public static let bytesPerCell: UInt64 = 1024

    /// 2 GiB, or a quarter of the machine's physical memory when that is less.
    public static let standard = GridBudget(bytes: min(2 << 30, ProcessInfo.processInfo.physicalMemory / 4))

    public init(bytes: UInt64) {
        self.bytes = bytes
    }

    /// The most cells that fit.
    public var maximumCells: Int { Int(clamping: bytes / Self.bytesPerCell) }
}

/// A grid with more cells than its budget: how many it would have, and the smallest cell size that fits.
public struct GridTooLarge: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cells the grid would have (the area over the cell's area).
    public var cells: Int
    public var cellSize: Double
    /// The smallest cell size, in whole units of the CRS, whose grid fits.
    public var smallestCellSize: Double
    public var budget: GridBudget

    public var description: String {
        let gib = (Double(budget.bytes) / Double(1 << 30) * 10).rounded() / 10
        return "a grid of \(Self.text(cellSize)) m cells over this area would have about \(cells) cells; at most "
            + "\(budget.maximumCells) fit the memory budget of \(Self.text(gib)) GiB (\(GridBudget.bytesPerCell) bytes a "
            + "cell): cells of \(Self.text(smallestCellSize)) m or more fit"
    }

    private static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
