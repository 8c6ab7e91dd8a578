import GeoCore
import OSMIngest
import Testing

/// Checks that `ours` holds exactly the elements of `reference` (osmium's reading): same ids in the
/// same order, same coordinates (bit for bit: both are the double nearest the stored 1e-7° value),
/// same tags, refs and members.
func expectSameElements(
    _ ours: ElementCollector, _ reference: OPLDataset, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(ours.nodes.count == reference.nodes.count, sourceLocation: sourceLocation)
    #expect(ours.ways.count == reference.ways.count, sourceLocation: sourceLocation)
    #expect(ours.relations.count == reference.relations.count, sourceLocation: sourceLocation)
    var mismatches = 0
    for (node, expected) in zip(ours.nodes, reference.nodes) {
        guard node.id.rawValue == expected.id, node.coordinate == expected.coordinate,
            node.tags.dictionary == expected.tags, node.tags.count == expected.tags.count
        else {
            mismatches += 1
            if mismatches <= 5 {
                Issue.record("node \(node.id) \(node.coordinate) \(node.tags) ≠ n\(expected.id) \(expected.coordinate) \(expected.tags)", sourceLocation: sourceLocation)
            }
            continue
        }
    }
    for (way, expected) in zip(ours.ways, reference.ways) {
        guard way.id.rawValue == expected.id, way.nodeIDs.map(\.rawValue) == expected.refs,
            way.tags.dictionary == expected.tags
        else {
            mismatches += 1
            if mismatches <= 5 { Issue.record("way \(way.id) differs from osmium's w\(expected.id)", sourceLocation: sourceLocation) }
            continue
        }
    }
    for (relation, expected) in zip(ours.relations, reference.relations) {
        let members = relation.members.map { "\($0.element)@\($0.role)" }
        guard relation.id.rawValue == expected.id, members == expected.members, relation.tags.dictionary == expected.tags
        else {
            mismatches += 1
            if mismatches <= 5 {
                Issue.record("relation \(relation.id) \(members) differs from osmium's r\(expected.id) \(expected.members)", sourceLocation: sourceLocation)
            }
            continue
        }
    }
    #expect(mismatches == 0, sourceLocation: sourceLocation)
}

/// Checks that two readings hold the same elements.
func expectSameElements(
    _ a: ElementCollector, _ b: ElementCollector, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.nodes == b.nodes, sourceLocation: sourceLocation)
    #expect(a.ways == b.ways, sourceLocation: sourceLocation)
    #expect(a.relations == b.relations, sourceLocation: sourceLocation)
}
