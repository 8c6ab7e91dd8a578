/// A heap entry of the searches: a node reached at a distance from a source. Ordered by distance, then by
/// source index, so that ties always go to the lower source and results do not depend on heap order.
struct SearchLabel: Comparable {
    var distance: Double
    var source: Int32
    var node: Int32

    @inline(__always)
    static func < (lhs: SearchLabel, rhs: SearchLabel) -> Bool {
        lhs.distance < rhs.distance || (lhs.distance == rhs.distance && lhs.source < rhs.source)
    }

    @inline(__always)
    static func == (lhs: SearchLabel, rhs: SearchLabel) -> Bool {
        lhs.distance == rhs.distance && lhs.source == rhs.source
    }
}

/// One bit per node, reused between runs of a search.
struct BitSet {
    var words: [UInt64] = []

    /// All clear, for `count` bits.
    mutating func reset(count: Int) {
        let needed = (count + 63) / 64
        if words.count == needed {
            words.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            words = [UInt64](repeating: 0, count: needed)
        }
    }
}

/// (distance, source) before (distance', source'): the order of labels everywhere.
@inline(__always)
func precedes(_ d1: Double, _ s1: Int32, _ d2: Double, _ s2: Int32) -> Bool {
    d1 < d2 || (d1 == d2 && s1 < s2)
}

extension WalkGraph {
    /// Checks points handed to a search; returns them with offsets clamped onto their edge (a hair
    /// beyond it is rounding).
    func validated(_ points: [SnappedPoint], role: String) throws(WalkNetworkError) -> [SnappedPoint] {
        var result = points
        for (index, point) in points.enumerated() {
            try validate(point, role: role, index: index, into: &result[index])
        }
        return result
    }

    func validate(_ point: SnappedPoint, role: String, index: Int, into clamped: inout SnappedPoint)
        throws(WalkNetworkError)
    {
        let e = point.edge.index
        guard e >= 0, e < edgeCount else {
            throw .invalidSnappedPoint(
                role: role, index: index, reason: "\(point.edge) is not in this network of \(edgeCount) edges")
        }
        let length = edgeLengths[e]
        let slack = 1e-6 * max(1, length)
        guard point.offset.isFinite, point.offset >= -slack, point.offset <= length + slack else {
            throw .invalidSnappedPoint(
                role: role, index: index, reason: "offset \(point.offset) m is not on \(point.edge) (\(length) m long)")
        }
        guard point.leg.isFinite, point.leg >= 0 else {
            throw .invalidSnappedPoint(role: role, index: index, reason: "its leg \(point.leg) m is not a distance")
        }
        clamped.offset = min(max(point.offset, 0), length)
    }
}

func checkedBound(_ maxDistance: Double) throws(WalkNetworkError) {
    guard !maxDistance.isNaN, maxDistance >= 0 else {
        throw .invalidArgument("the distance bound must be zero or more metres (or infinity), not \(maxDistance)")
    }
}
