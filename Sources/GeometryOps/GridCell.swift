public import GeoCore

/// A square cell of a metric grid aligned on multiples of its size from the CRS's origin: cell (`column`,
/// `row`) spans x in [column·size, (column+1)·size) and y likewise, so grids of one size made over different
/// areas or runs line up and cells keep their ids.
public struct GridCell: Hashable, Sendable {
    public var column: Int
    public var row: Int
    /// The side, in units of the CRS.
    public var size: Double

    public init(column: Int, row: Int, size: Double) {
        self.column = column
        self.row = row
        self.size = size
    }

    /// The cell's centre.
    public var center: Coordinate {
        Coordinate(x: (Double(column) + 0.5) * size, y: (Double(row) + 0.5) * size)
    }

    /// The cell's lower-left (south-west) corner.
    public var origin: Coordinate {
        Coordinate(x: Double(column) * size, y: Double(row) * size)
    }

    /// The cell as a closed, counter-clockwise polygon.
    public var polygon: Geometry {
        let (x0, y0) = (Double(column) * size, Double(row) * size)
        let (x1, y1) = (Double(column + 1) * size, Double(row + 1) * size)
        return .polygon([
            [
                Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1),
                Coordinate(x: x0, y: y1), Coordinate(x: x0, y: y0),
            ]
        ])
    }
}
