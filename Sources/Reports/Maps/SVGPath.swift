import GeoCore

/// SVG path data for polygon outlines, thinned to what the map can show: a vertex closer than
/// `minimumStep` pixels to the last one kept is dropped, and a ring that shrinks below three
/// vertices (smaller than a pixel) is left out.
struct SVGPath {
    let projection: MapProjection
    var minimumStep = 0.5

    /// The path of a polygon, a multipolygon or the polygons of a collection; empty for other geometries.
    func data(for geometry: Geometry) -> String {
        rings(of: geometry).compactMap(ring).joined(separator: " ")
    }

    private func rings(of geometry: Geometry) -> [[Coordinate]] {
        switch geometry {
        case .polygon(let rings): rings
        case .multiPolygon(let polygons): polygons.flatMap { $0 }
        case .geometryCollection(let members): members.flatMap(rings)
        case .point, .multiPoint, .lineString, .multiLineString: []
        }
    }

    private func ring(_ coordinates: [Coordinate]) -> String? {
        var kept: [(x: Double, y: Double)] = []
        for c in coordinates where c.isValidGeographic {
            let p = projection.pixel(c)
            if let last = kept.last,
                (p.x - last.x) * (p.x - last.x) + (p.y - last.y) * (p.y - last.y)
                    < minimumStep * minimumStep
            {
                continue
            }
            kept.append(p)
        }
        if kept.count > 1, let first = kept.first, let last = kept.last, first.x == last.x, first.y == last.y {
            kept.removeLast()
        }
        guard kept.count >= 3 else { return nil }
        var text = "M" + svgNumber(kept[0].x) + " " + svgNumber(kept[0].y)
        for p in kept.dropFirst() { text += "L" + svgNumber(p.x) + " " + svgNumber(p.y) }
        return text + "Z"
    }
}

/// A pixel coordinate with one decimal, without a trailing ".0": 12.25 → "12.3", 7.0 → "7".
/// Values far outside any frame are clamped so that a stray coordinate cannot break the file.
func svgNumber(_ value: Double) -> String {
    let clamped = value.isFinite ? min(max(value, -1e6), 1e6) : 0
    let tenths = Int((clamped * 10).rounded())
    let magnitude = abs(tenths)
    let sign = tenths < 0 ? "-" : ""
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
}
