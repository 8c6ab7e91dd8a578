/// Receives the elements of a file in file order as a read streams through it. Implement the
/// methods for the kinds you read; the others do nothing. Throwing stops the read and the error
/// reaches the caller of `OSMFile.read` unchanged.
///
/// A visitor is generic, not an existential, so a concrete visitor type is called directly.
public protocol OSMElementVisitor {
    mutating func visit(node: OSMNode) throws
    mutating func visit(way: OSMWay) throws
    mutating func visit(relation: OSMRelation) throws
}

extension OSMElementVisitor {
    public mutating func visit(node: OSMNode) throws {}
    public mutating func visit(way: OSMWay) throws {}
    public mutating func visit(relation: OSMRelation) throws {}
}

/// A visitor made of closures, for reads that need no state of their own.
public struct OSMElementHandlers: OSMElementVisitor {
    public var node: ((OSMNode) throws -> Void)?
    public var way: ((OSMWay) throws -> Void)?
    public var relation: ((OSMRelation) throws -> Void)?

    public init(
        node: ((OSMNode) throws -> Void)? = nil, way: ((OSMWay) throws -> Void)? = nil,
        relation: ((OSMRelation) throws -> Void)? = nil
    ) {
        self.node = node
        self.way = way
        self.relation = relation
    }

    public mutating func visit(node element: OSMNode) throws { try node?(element) }
    public mutating func visit(way element: OSMWay) throws { try way?(element) }
    public mutating func visit(relation element: OSMRelation) throws { try relation?(element) }
}

/// A visitor that can be done before the file ends (it has found all it looks for). Readers ask it
/// between blocks (PBF) or buffers (XML) and stop there, reporting where they stopped.
protocol OSMEarlyStoppingVisitor: OSMElementVisitor {
    var isDone: Bool { get }
}

extension OSMElementVisitor {
    /// Whether this visitor wants no more elements.
    var wantsNoMore: Bool { (self as? any OSMEarlyStoppingVisitor)?.isDone ?? false }
}
