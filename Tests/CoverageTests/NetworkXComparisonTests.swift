import Coverage
import Foundation
import GeoCore
import OSMIngest
import TestSupport
import Testing
import WalkNetwork

/// Our multi-source Dijkstra against NetworkX's, on the real walking networks built from GeoData's OSM extracts.
@Suite("Shortest paths agree with NetworkX on real networks")
struct NetworkXComparisonTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("networkx_reference.py")

    @Test(arguments: ["sao_paulo.osm.pbf", "helsinki.osm.pbf", "monaco.osm.gz"])
    func nearestSourceDistancesMatch(extract: String) throws {
        let file = try OSMFile(url: Repository.geoData.appendingPathComponent("osm/\(extract)"))
        let profile = try WalkingProfile.load(named: "walk", in: Repository.geoData.appendingPathComponent("profiles"))
        let graph = try OSMNetworkSource(file: file, profile: profile).build().graph
        try #require(graph.nodeCount > 1000)

        // Every 97th node is a source, seeded exactly at the node.
        let sourceNodes = stride(from: 0, to: graph.nodeCount, by: 97).map { NodeIndex($0) }
        let sources = try sourceNodes.map { node in try #require(graph.snappedPoint(at: node)) }
        let ours = try NearestFacilitySearch(graph: graph).run(sources: sources, maxDistance: .infinity, k: 1)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var edges = "source,target,length_m\n"
        for edge in graph.edgeIndices {
            let (u, v) = graph.endpoints(of: edge)
            edges += "\(u.index),\(v.index),\(graph.length(of: edge))\n"
        }
        try edges.write(to: folder.file("edges.csv"), atomically: true, encoding: .utf8)
        try sourceNodes.map { String($0.index) }.joined(separator: "\n")
            .write(to: folder.file("sources.txt"), atomically: true, encoding: .utf8)
        let reference = try ToolRunner.run(
            "python3", [Self.script.path, folder.file("edges.csv").path, folder.file("sources.txt").path]
        ).checked().stdout

        var compared = 0
        var worst = 0.0
        var theirs: [Int: Double] = [:]
        for line in reference.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            theirs[Int(parts[0])!] = Double(parts[1])!
        }
        for node in graph.nodeIndices {
            let mine = ours.sources(of: node).first?.distance
            let reference = theirs[node.index]
            #expect((mine == nil) == (reference == nil), "node \(node.index): ours \(String(describing: mine)), NetworkX \(String(describing: reference))")
            if let mine, let reference {
                worst = max(worst, abs(mine - reference))
                compared += 1
            }
        }
        #expect(compared > 1000)
        // The search keeps distances in single precision (half the memory traffic): agreement to a millimetre.
        #expect(worst < 1e-3, "largest difference \(worst) m over \(compared) nodes")
    }
}
