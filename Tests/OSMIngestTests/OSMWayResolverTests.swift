import Foundation
import GeoCore
import OSMIngest
import Testing

@Suite("Resolving ways to coordinates")
struct OSMWayResolverTests {
    /// The highways a simple walking filter takes (the network's profiles are richer; these tests are
    /// about the reading, not the rules).
    static let walkable: Set<String> = [
        "footway", "pedestrian", "path", "steps", "living_street", "residential", "service", "unclassified",
        "tertiary", "secondary", "primary", "track", "cycleway",
    ]

    static func isWalkable(_ tags: OSMTags) -> Bool { tags["highway"].map(walkable.contains) ?? false }
    static func isWalkable(_ tags: [String: String]) -> Bool { tags["highway"].map(walkable.contains) ?? false }

    /// The pieces an independent computation on osmium's reading expects: runs of at least two
    /// consecutive nodes that the file holds and `keep` accepts.
    static func expectedPieces(_ reference: OPLDataset, keep: (Coordinate) -> Bool) -> [(Int64, [Int64])] {
        let nodes = reference.nodesByID
        var pieces: [(Int64, [Int64])] = []
        for way in reference.ways where isWalkable(way.tags) {
            var run: [Int64] = []
            for ref in way.refs + [Int64.min] {
                if let node = nodes[ref], keep(node.coordinate) {
                    run.append(ref)
                } else {
                    if run.count >= 2 { pieces.append((way.id, run)) }
                    run = []
                }
            }
        }
        return pieces
    }

    @Test("São Paulo: every walkable way whole, with osmium's coordinates, in two passes")
    func wholeWays() throws {
        let reference = try Osmium.elements(of: SampleFiles.saoPaulo)
        let nodes = reference.nodesByID
        let file = try OSMFile(path: SampleFiles.saoPaulo)
        var ways: [OSMResolvedWay] = []
        var passes: Set<Int> = []
        let resolution = try OSMWayResolver().resolve(file, where: Self.isWalkable, progress: { passes.insert($0.pass) }) {
            ways.append($0)
        }
        let expected = reference.ways.filter { Self.isWalkable($0.tags) }
        #expect(expected.count > 5_000)  // the README: about 5 264 walkable by a simple filter
        #expect(resolution.waysMatched == expected.count)
        #expect(resolution.waysWhole == expected.count && resolution.waysCut == 0 && resolution.waysDropped.isEmpty)
        #expect(resolution.nodesMissing == 0 && resolution.nodesOutsideClip == 0)
        #expect(resolution.nodesReferenced == Set(expected.flatMap(\.refs)).count)
        #expect(ways.count == expected.count && resolution.pieces == expected.count)
        #expect(passes == [1, 2])
        for (way, reference) in zip(ways, expected) {
            #expect(way.id.rawValue == reference.id && way.isWhole && way.piece == 0)
            #expect(way.nodeIDs.map(\.rawValue) == reference.refs)
            #expect(way.coordinates == reference.refs.map { nodes[$0]!.coordinate })
            #expect(way.tags.dictionary == reference.tags)
        }
    }

    @Test("a clip keeps the runs of nodes inside it: a way that leaves and comes back gives two pieces")
    func clipped() throws {
        let reference = try Osmium.elements(of: SampleFiles.saoPaulo)
        // West of the middle of the extract, and outside a block in the middle of that half.
        let clip: (Coordinate) -> Bool = { c in
            c.lon < -46.645 && !(c.lon > -46.68 && c.lon < -46.67 && c.lat > -23.55 && c.lat < -23.54)
        }
        var pieces: [OSMResolvedWay] = []
        let resolution = try OSMWayResolver(clip: clip).resolve(try OSMFile(path: SampleFiles.saoPaulo), where: Self.isWalkable) {
            pieces.append($0)
        }
        let expected = Self.expectedPieces(reference, keep: clip)
        #expect(pieces.count == expected.count)
        #expect(pieces.map(\.id.rawValue) == expected.map(\.0))
        #expect(pieces.map { $0.nodeIDs.map(\.rawValue) } == expected.map(\.1))
        #expect(pieces.allSatisfy { $0.coordinates.allSatisfy(clip) && $0.coordinates.count == $0.nodeIDs.count })
        #expect(resolution.waysCut > 0 && resolution.waysWhole > 0 && !resolution.waysDropped.isEmpty)
        #expect(resolution.nodesOutsideClip > 0)
        // Pieces of one way are numbered in order; some way leaves the area and comes back.
        let byWay = Dictionary(grouping: pieces, by: \.id)
        #expect(byWay.values.allSatisfy { $0.map(\.piece) == Array(0..<$0.count) })
        #expect(byWay.values.contains { $0.count >= 2 })
        #expect(resolution.waysWhole + resolution.waysCut + resolution.waysDropped.count == resolution.waysMatched)
    }

    @Test("nodes missing from an extract cut the ways that use them, and are counted")
    func missingNodes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("cut.osm.pbf")
        // The "simple" strategy keeps ways that cross the box but only the nodes inside it.
        try Osmium.run(["extract", "-s", "simple", "-b", "-46.66,-23.56,-46.62,-23.52", SampleFiles.saoPaulo, "-o", path])
        let reference = try Osmium.elements(of: path)
        let present = Set(reference.nodes.map(\.id))
        let missing = Set(reference.ways.filter { Self.isWalkable($0.tags) }.flatMap(\.refs)).subtracting(present)
        #expect(!missing.isEmpty)

        var pieces: [OSMResolvedWay] = []
        let resolution = try OSMWayResolver().resolve(try OSMFile(path: path), where: Self.isWalkable) { pieces.append($0) }
        #expect(resolution.nodesMissing == missing.count)
        let expected = Self.expectedPieces(reference) { _ in true }
        #expect(pieces.map(\.id.rawValue) == expected.map(\.0))
        #expect(pieces.map { $0.nodeIDs.map(\.rawValue) } == expected.map(\.1))
        #expect(resolution.waysCut > 0)
    }

    @Test("Monaco's XML resolves like its PBF conversion")
    func xmlAndPBFAgree() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pbf = scratch.path("monaco.osm.pbf")
        try Osmium.run(["cat", SampleFiles.monaco, "-o", pbf])
        var fromXML: [OSMResolvedWay] = []
        var fromPBF: [OSMResolvedWay] = []
        let a = try OSMWayResolver().resolve(try OSMFile(path: SampleFiles.monaco), where: Self.isWalkable) { fromXML.append($0) }
        let b = try OSMWayResolver().resolve(try OSMFile(path: pbf), where: Self.isWalkable) { fromPBF.append($0) }
        #expect(a == b && fromXML == fromPBF)
        #expect(fromXML.count > 500)
    }

    @Test("errors of the filter and of the body reach the caller unchanged")
    func errorsPassThrough() throws {
        struct Stop: Error {}
        let file = try OSMFile(path: SampleFiles.saoPaulo)
        #expect(throws: Stop.self) { try OSMWayResolver().resolve(file, where: { _ in throw Stop() }) { _ in } }
        #expect(throws: Stop.self) { try OSMWayResolver().resolve(file, where: Self.isWalkable) { _ in throw Stop() } }
    }
}
