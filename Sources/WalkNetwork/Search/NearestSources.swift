/// A source (by its index in the list given to the search) and the network distance to it, metres.
public struct SourceDistance: Hashable, Sendable {
    public var source: Int
    public var distance: Double

    public init(source: Int, distance: Double) {
        self.source = source
        self.distance = distance
    }
}

/// A label as the searches store it: a distance and a source index (-1 and infinity for none), side by
/// side so that reading one brings the other into the cache.
struct SourceLabel {
    var distance: Double
    var source: Int32
    /// The k-label search has propagated this label (it is final).
    var settled = false

    init(distance: Double, source: Int32) {
        self.distance = distance
        self.source = source
    }

    static let none = SourceLabel(distance: .infinity, source: -1)
}

/// For each of `count` items (nodes or targets), up to `k` nearest distinct sources within the bound,
/// nearest first (ties: lower source index first). Stored flat: item `i`'s labels are at `i*k..<(i+1)*k`.
public struct NearestSources: Sendable {
    public let k: Int
    public let count: Int
    let labels: [SourceLabel]

    init(k: Int, labels: [SourceLabel]) {
        self.k = k
        count = k > 0 ? labels.count / k : 0
        self.labels = labels
    }

    /// The nearest source of item `i`, nil when none is within the bound (or the item was not snapped).
    public func nearest(_ i: Int) -> SourceDistance? { label(i, 0) }

    /// The `k`-th nearest source of item `i` (the search's k), nil when fewer than k are within the bound.
    public func kthNearest(_ i: Int) -> SourceDistance? { label(i, k - 1) }

    /// The nearest sources of item `i`, at most k, nearest first.
    public func sources(of i: Int) -> [SourceDistance] {
        (0..<k).compactMap { label(i, $0) }
    }

    /// The distance to the nearest source of every item, nil where there is none.
    public var nearestDistances: [Double?] {
        (0..<count).map { i in
            let label = labels[i * k]
            return label.source < 0 ? nil : label.distance
        }
    }

    /// Label `rank` (0-based) of item `i`.
    public func label(_ i: Int, _ rank: Int) -> SourceDistance? {
        precondition(i >= 0 && i < count && rank >= 0 && rank < k, "item \(i) or rank \(rank) out of range")
        let label = labels[i * k + rank]
        return label.source < 0 ? nil : SourceDistance(source: Int(label.source), distance: label.distance)
    }
}
