import Foundation
import GeoCore

/// SVG path data for many polylines (streets, reachable street portions), thinned for the map's scale so
/// that a district's or a province's network stays a small file:
///
/// - each line is simplified in pixels (Douglas–Peucker, `tolerance` pixels);
/// - a line shorter than `minimumLength` pixels, or lying outside the frame, is left out;
/// - a line whose every segment is already drawn (to the pixel) is left out;
/// - lines are taken in the order given (the caller puts the ones to keep first) until `maxVertices` are drawn.
struct SVGLines {
    let projection: MapProjection
    var tolerance = 0.6
    var minimumLength = 1.5
    var maxVertices = 12_000

    struct Drawing {
        /// Path data, one subpath per line drawn; empty when none is.
        var data: String
        var drawnLines: Int
        var vertices: Int
        /// Lines left out because the vertex budget ran out (not those too small or hidden by others).
        var droppedForBudget: Int
    }

    /// The path data of `lines`, in their order; `drawn` carries the pixel segments already drawn across calls
    /// (main streets, then the rest).
    func draw(_ lines: [[Coordinate]], budget: inout Int, drawn: inout Set<SegmentKey>) -> Drawing {
        var text = ""
        var count = 0
        var vertices = 0
        var dropped = 0
        let width = projection.width
        let height = projection.height
        for line in lines {
            let pixels = line.lazy.filter(\.isValidGeographic).map { projection.pixel($0) }
            guard pixels.count >= 2 else { continue }
            let points = Array(pixels)
            // Outside the frame (with a margin for a stroke's width): nothing to see.
            let xs = points.map(\.x)
            let ys = points.map(\.y)
            if let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max(),
                maxX < -4 || minX > width + 4 || maxY < -4 || minY > height + 4
            {
                continue
            }
            let kept = Self.simplified(points, tolerance: tolerance)
            var length = 0.0
            for k in 1..<kept.count { length += hypot(kept[k].x - kept[k - 1].x, kept[k].y - kept[k - 1].y) }
            guard length >= minimumLength else { continue }
            var isNew = false
            for k in 1..<kept.count where drawn.insert(SegmentKey(kept[k - 1], kept[k])).inserted { isNew = true }
            guard isNew else { continue }
            guard budget >= kept.count else {
                dropped += 1
                continue
            }
            budget -= kept.count
            vertices += kept.count
            count += 1
            text += "M" + svgNumber(kept[0].x) + " " + svgNumber(kept[0].y)
            for p in kept.dropFirst() { text += "L" + svgNumber(p.x) + " " + svgNumber(p.y) }
        }
        return Drawing(data: text, drawnLines: count, vertices: vertices, droppedForBudget: dropped)
    }

    /// A segment between two whole pixels, either way round.
    struct SegmentKey: Hashable {
        let a: Int64
        let b: Int64

        init(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) {
            func cell(_ p: (x: Double, y: Double)) -> Int64 {
                let x = Int64(min(max(p.x.rounded(), -1e6), 1e6))
                let y = Int64(min(max(p.y.rounded(), -1e6), 1e6))
                return x << 32 | (y & 0xFFFF_FFFF)
            }
            let u = cell(p)
            let v = cell(q)
            (a, b) = u <= v ? (u, v) : (v, u)
        }
    }

    /// Douglas–Peucker: the vertices to keep so that no dropped one lies more than `tolerance` from the line.
    static func simplified(_ points: [(x: Double, y: Double)], tolerance: Double) -> [(x: Double, y: Double)] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let a = points[first]
            let b = points[last]
            let dx = b.x - a.x
            let dy = b.y - a.y
            let span = dx * dx + dy * dy
            var farthest = first
            var distance = 0.0
            for k in (first + 1)..<last {
                let p = points[k]
                let d: Double
                if span == 0 {
                    d = hypot(p.x - a.x, p.y - a.y)
                } else {
                    let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / span))
                    d = hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
                }
                if d > distance {
                    distance = d
                    farthest = k
                }
            }
            if distance > tolerance {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }
}
