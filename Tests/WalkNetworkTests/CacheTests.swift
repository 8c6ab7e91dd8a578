import Foundation
import GeoCore
import Projection
import Testing
@testable import WalkNetwork

@Suite struct CacheTests {
    static func sample() throws -> WalkGraph {
        var builder = NetworkBuilder(provenance: ["source": "cache test", "note": "中文 works too"])
        for way in try GridCity.ways(nodesPerSide: 30, removedShare: 0.2, jitter: 0.3, midpoints: 2, seed: 4) {
            try builder.add(way)
        }
        try builder.add(
            wayID: 9_999,
            vertices: [WayVertex(TestNetworks.place(-500, -500)), WayVertex(TestNetworks.place(-400, -500))])
        return try builder.build()
    }

    static func expectIdentical(_ a: WalkGraph, _ b: WalkGraph) {
        #expect(a.nodeCount == b.nodeCount && a.edgeCount == b.edgeCount)
        #expect(a.nodeCoordinates == b.nodeCoordinates)
        #expect(a.nodeMetricCoordinates == b.nodeMetricCoordinates)
        #expect(a.edgeLengths == b.edgeLengths)
        #expect(a.components == b.components)
        #expect(a.metricCRS == b.metricCRS)
        #expect(a.provenance == b.provenance)
        for n in a.nodeIndices {
            #expect(a.externalID(of: n) == b.externalID(of: n))
            #expect(a.component(of: n) == b.component(of: n))
            #expect(
                a.neighbors(of: n).map { "\($0.node) \($0.edge) \($0.length)" }
                    == b.neighbors(of: n).map { "\($0.node) \($0.edge) \($0.length)" })
        }
        for e in a.edgeIndices {
            #expect(a.endpoints(of: e) == b.endpoints(of: e))
            #expect(a.wayID(of: e) == b.wayID(of: e))
            #expect(a.streetName(of: e) == b.streetName(of: e))
            #expect(a.polyline(of: e) == b.polyline(of: e))
            #expect(a.metricPolyline(of: e) == b.metricPolyline(of: e))
        }
    }

    @Test func roundTripGivesTheSameGraph() throws {
        let graph = try Self.sample()
        #expect(graph.components.count > 1)
        #expect(graph.nodeIndices.contains { graph.externalID(of: $0) == nil })
        let folder = try TestNetworks.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("network.lcwn")
        try graph.write(to: url)
        let loaded = try WalkGraph(contentsOf: url)
        Self.expectIdentical(graph, loaded)
        // Writing again gives the same bytes.
        #expect(loaded.cacheData() == graph.cacheData())
    }

    /// Street names (the ways' `name` tags) are kept in a names section (format 2) and survive the round trip;
    /// a graph without names is still written as format 1, the format older caches have, and read as before.
    @Test func streetNamesRoundTripAndUnnamedGraphsStayFormatOne() throws {
        var builder = NetworkBuilder()
        try builder.add(
            NetworkWay(id: 1, vertices: [WayVertex(TestNetworks.place(0, 0)), WayVertex(TestNetworks.place(100, 0))],
                       tags: ["highway": "residential", "name": "新华路"]))
        try builder.add(
            NetworkWay(id: 2, vertices: [WayVertex(TestNetworks.place(100, 0)), WayVertex(TestNetworks.place(100, 80)),
                                         WayVertex(TestNetworks.place(200, 80))], tags: ["highway": "footway"]))
        try builder.add(
            NetworkWay(id: 3, vertices: [WayVertex(TestNetworks.place(0, 0)), WayVertex(TestNetworks.place(0, -90))],
                       tags: ["highway": "residential", "name": "新华路"]))
        let named = try builder.build()
        let names = named.edgeIndices.map { (named.wayID(of: $0), named.streetName(of: $0)) }
        #expect(names.count == 3)
        for (way, name) in names { #expect(name == (way == 2 ? nil : "新华路"), "way \(way)") }
        #expect(named.streetNames == ["新华路"])
        let data = named.cacheData()
        #expect(data[8] == 2 && data[12] == 1, "format 2 with the names flag")
        let loaded = try WalkGraph(cacheData: data, file: "named")
        Self.expectIdentical(named, loaded)
        #expect(loaded.cacheData() == data)

        let unnamed = try Self.sample()
        let old = unnamed.cacheData()
        #expect(old[8] == 1 && old[12] == 0, "no names: format 1, as before")
        let reread = try WalkGraph(cacheData: old, file: "unnamed")
        #expect(reread.streetNames.isEmpty && reread.streetName(of: EdgeIndex(0)) == nil)

        // A name index past the table is refused, naming the edge.
        var bad = Array(data)
        let lastIndex = bad.count - 8 - 4
        for i in 0..<4 { bad[lastIndex + i] = i == 0 ? 5 : 0 }
        do {
            _ = try WalkGraph(cacheData: Self.sealed(bad), file: "bad")
            Issue.record("a bad name index was read")
        } catch {
            #expect("\(error)".contains("names street 5, but there are 1 names"))
        }
    }

    @Test func emptyProvenanceAndNoShapeVertices() throws {
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0)]])
        let loaded = try WalkGraph(cacheData: graph.cacheData(), file: "x")
        Self.expectIdentical(graph, loaded)
    }

    /// Re-seals bytes with a correct length and checksum, so the checks behind them are reached.
    static func sealed(_ bytes: [UInt8]) -> Data {
        var bytes = Array(bytes.dropLast(8))
        let total = UInt64(bytes.count + 8)
        withUnsafeBytes(of: total.littleEndian) { for i in 0..<8 { bytes[16 + i] = $0[i] } }
        let checksum = bytes.withUnsafeBytes { XXHash64.hash($0) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
        return Data(bytes)
    }

    @Test func damagedCachesAreRefusedWithAReason() throws {
        let good = Array(try Self.sample().cacheData())
        func reason(_ data: Data) -> String? {
            do {
                _ = try WalkGraph(cacheData: data, file: "net.lcwn")
                return nil
            } catch {
                return "\(error)"
            }
        }
        var flipped = good
        flipped[flipped.count / 2] ^= 0x40
        #expect(reason(Data(flipped))?.contains("checksum does not match") == true)
        #expect(reason(Data(good.prefix(good.count - 100)))?.contains("truncated") == true)
        #expect(reason(Data(good.prefix(5)))?.contains("not a LifeCircle network cache") == true)
        #expect(reason(Data("hello".utf8))?.contains("not a LifeCircle network cache") == true)
        #expect(reason(Data())?.contains("not a LifeCircle network cache") == true)
        var old = good
        old[8] = 0
        #expect(reason(Self.sealed(old))?.contains("cache format version 0; this lifecircle reads versions 1 to 2") == true)
        // A correct checksum over impossible content: an edge to a node that does not exist.
        var graph = try Self.sample()
        let header = 8 + 4 + 4 + 8 + 24
        let definition = 4 + graph.metricCRS.definition.utf8.count
        let provenance = 4 + graph.provenance.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.utf8.count }
        let edgeSources = header + definition + provenance + 40 * graph.nodeCount
        var badEdge = good
        for i in 0..<4 { badEdge[edgeSources + i] = 0x7F }
        #expect(reason(Self.sealed(badEdge))?.contains("edge 0 joins nodes") == true)
        var hugeCount = good
        hugeCount[24 + 7] = 0x10
        #expect(reason(Self.sealed(hugeCount))?.contains("impossibly large") == true)
        var badCount = good
        badCount[24] &+= 1
        #expect(reason(Self.sealed(badCount))?.contains("need") == true)
        graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0)]])
        // Every truncation of a small cache fails cleanly, none crashes.
        let small = Array(graph.cacheData())
        for length in 0..<small.count {
            #expect(reason(Data(small.prefix(length))) != nil)
            if length >= 24, length != small.count - 8 {
                #expect(reason(Self.sealed(Array(small.prefix(length)) + [UInt8](repeating: 0, count: 8))) != nil)
            }
        }
    }

    @Test func unreadableAndUnwritablePlacesAreNamed() throws {
        #expect {
            try WalkGraph(contentsOf: URL(fileURLWithPath: "/nonexistent/net.lcwn"))
        } throws: { "\($0)".hasPrefix("/nonexistent/net.lcwn: no walking network here") }
        let graph = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0)]])
        #expect {
            try graph.write(to: URL(fileURLWithPath: "/nonexistent/folder/net.lcwn"))
        } throws: { "\($0)".hasPrefix("/nonexistent/folder/net.lcwn: cannot write the network cache") }
    }

    @Test func xxHash64MatchesTheReference() {
        // Values from libxxhash 0.8.1 (XXH64, seed 0).
        func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { XXHash64.hash($0) } }
        #expect(hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        let long = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } } + Array("xyz".utf8)
        #expect(hash(long) == 0xE921_A1B4_5BD7_79F8)
    }
}
