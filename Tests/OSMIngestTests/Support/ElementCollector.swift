import OSMIngest

/// Keeps every element a read delivers.
struct ElementCollector: OSMElementVisitor {
    var nodes: [OSMNode] = []
    var ways: [OSMWay] = []
    var relations: [OSMRelation] = []

    mutating func visit(node: OSMNode) { nodes.append(node) }
    mutating func visit(way: OSMWay) { ways.append(way) }
    mutating func visit(relation: OSMRelation) { relations.append(relation) }

    static func read(_ path: String, options: OSMReadOptions = .all) throws -> ElementCollector {
        var collector = ElementCollector()
        try OSMFile(path: path).read(into: &collector, options: options)
        return collector
    }
}

/// Counts what a read delivers, keeping nothing.
struct ElementCounter: OSMElementVisitor {
    var nodes = 0
    var ways = 0
    var relations = 0

    mutating func visit(node: OSMNode) { nodes += 1 }
    mutating func visit(way: OSMWay) { ways += 1 }
    mutating func visit(relation: OSMRelation) { relations += 1 }
}
