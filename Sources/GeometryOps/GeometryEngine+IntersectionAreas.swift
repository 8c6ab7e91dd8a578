internal import CGEOS
public import GeoCore

/// How much of one polygon lies in one cell: a row of `GeometryEngine.intersectionAreas(of:with:)`.
public struct IntersectionArea: Hashable, Sendable {
    /// The index of the polygon in the first list.
    public var polygon: Int
    /// The index of the cell in the second list.
    public var cell: Int
    /// The area they share, in square units of the CRS.
    public var area: Double

    public init(polygon: Int, cell: Int, area: Double) {
        self.polygon = polygon
        self.cell = cell
        self.area = area
    }
}

extension GeometryEngine {
    /// The area each polygon shares with each cell it overlaps: the area-weighted overlay that spreads
    /// population polygons onto a grid (share of a polygon's people in a cell = shared area / polygon area).
    ///
    /// Candidate pairs come from an STR tree over the cells; a cell inside a polygon counts whole without an
    /// intersection. Pairs that only touch (zero area) are left out. Rows are sorted by polygon, then cell.
    /// The cells may be any polygons, not only squares. Throws naming the polygon or cell GEOS fails on
    /// (invalid input: repair it with `makeValid` first).
    public func intersectionAreas(of polygons: [Geometry], with cells: [Geometry]) throws(GeometryOpsError)
        -> [IntersectionArea]
    {
        let operation = "intersectionAreas"
        let tree = try SpatialTree(self)
        for (j, cell) in cells.enumerated() {
            let geometry = try convert(cell, at: "cells[\(j)]", operation)
            try tree.insert(geometry)
        }
        var cellAreas = [Double?](repeating: nil, count: cells.count)
        var rows: [IntersectionArea] = []
        for (i, polygon) in polygons.enumerated() {
            let geometry = try convert(polygon, at: "polygons[\(i)]", operation)
            guard try !geometry.isEmpty else { continue }
            let prepared = try geometry.prepared()
            for j in try tree.query(geometry) {
                let cell = tree.member(j)
                do throws(GeometryOpsError) {
                    let area: Double
                    if try prepared.contains(cell) {
                        if let known = cellAreas[j] {
                            area = known
                        } else {
                            area = try cell.area
                            cellAreas[j] = area
                        }
                    } else if try prepared.intersects(cell) {
                        area = try geometry.intersection(with: cell).area
                    } else {
                        continue
                    }
                    if area > 0 { rows.append(IntersectionArea(polygon: i, cell: j, area: area)) }
                } catch {
                    throw GeometryOpsError(
                        error.kind, operation: operation, "polygons[\(i)] with cells[\(j)]: \(error.message)",
                        geosMessage: error.geosMessage)
                }
            }
        }
        return rows
    }

    private func convert(_ geometry: Geometry, at path: String, _ operation: String) throws(GeometryOpsError)
        -> PlanarGeometry
    {
        var builder = GEOSBuilder(self, operation: operation)
        return PlanarGeometry(owning: try builder.build(geometry, at: path), in: self)
    }
}
