/// A node of a ``WalkGraph``: a dense index in `0..<graph.nodeCount`, valid only for the graph that made it.
/// The external (OSM) id is kept aside: ``WalkGraph/externalID(of:)``.
public struct NodeIndex: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ index: Int) { rawValue = Int32(truncatingIfNeeded: index) }

    /// The index as an `Int`, for subscripting arrays aligned with the graph's nodes.
    public var index: Int { Int(rawValue) }

    public static func < (lhs: NodeIndex, rhs: NodeIndex) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "node \(rawValue)" }
}
