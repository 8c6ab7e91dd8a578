/// An edge of a ``WalkGraph``: a dense index in `0..<graph.edgeCount`, valid only for the graph that made it.
/// Edges are undirected; their geometry runs from ``WalkGraph/endpoints(of:)``'s `source` to `target`.
public struct EdgeIndex: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ index: Int) { rawValue = Int32(truncatingIfNeeded: index) }

    /// The index as an `Int`, for subscripting arrays aligned with the graph's edges.
    public var index: Int { Int(rawValue) }

    public static func < (lhs: EdgeIndex, rhs: EdgeIndex) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "edge \(rawValue)" }
}
