import Foundation

/// An axis-aligned box in the units of its CRS: west/south/east/north for geographic data.
public struct BoundingBox: Hashable, Sendable, Codable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    /// Fails when the box is inverted or not finite.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) throws(GeoCoreError) {
        guard [minX, minY, maxX, maxY].allSatisfy(\.isFinite) else {
            throw .invalidBoundingBox("coordinates must be finite numbers")
        }
        guard minX <= maxX, minY <= maxY else {
            throw .invalidBoundingBox("west must not exceed east and south must not exceed north")
        }
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest box around the coordinates; nil for none.
    public init?(covering coordinates: some Sequence<Coordinate>) {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = (first.x, first.y, first.x, first.y)
        while let c = iterator.next() {
            box = (min(box.0, c.x), min(box.1, c.y), max(box.2, c.x), max(box.3, c.y))
        }
        (minX, minY, maxX, maxY) = box
    }

    /// Parses `W,S,E,N`, as the command line's `--bbox` takes it.
    public init(parsing text: String) throws(GeoCoreError) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3] else {
            throw .invalidBoundingBox("expected four numbers W,S,E,N, got '\(text)'")
        }
        try self.init(minX: w, minY: s, maxX: e, maxY: n)
    }

    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        var box = self
        box.minX = Swift.min(minX, other.minX)
        box.minY = Swift.min(minY, other.minY)
        box.maxX = Swift.max(maxX, other.maxX)
        box.maxY = Swift.max(maxY, other.maxY)
        return box
    }

    public var description: String { "\(minX),\(minY),\(maxX),\(maxY)" }
}

