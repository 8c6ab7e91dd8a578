import Dispatch
import Foundation
import GeoCore
import Projection
import Testing
@testable import WalkNetwork

/// The cache is streamed to its file in chunks and hashed on the way: the same bytes as in memory.
@Suite struct CacheStreamingTests {
    @Test func theFileHoldsTheBytesOfCacheData() throws {
        // About 3.5 MB: several 1 MiB chunks, and arrays that start in the middle of one.
        let graph = try GridCity.make(nodesPerSide: 150, removedShare: 0.05, jitter: 0.2, midpoints: 1, seed: 5)
        let folder = try TestNetworks.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("grid.lcwn")
        try graph.write(to: url)
        let written = try Data(contentsOf: url)
        #expect(written.count > 3 << 20)
        #expect(written.count == graph.cacheByteCount)
        #expect(written == graph.cacheData())
        // Writing over an existing cache replaces it whole and leaves no temporary file behind.
        let small = try TestNetworks.graph([[(1, 0, 0), (2, 100, 0)]])
        try small.write(to: url)
        #expect(try Data(contentsOf: url) == small.cacheData())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["grid.lcwn"])
        let loaded = try WalkGraph(contentsOf: url)
        #expect(loaded.nodeCount == 2 && loaded.edgeCount == 1)
    }

    @Test func xxHash64InPiecesEqualsAtOnce() {
        var random = SplitMix64(seed: 3)
        let bytes = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let whole = bytes.withUnsafeBytes { XXHash64.hash($0) }
        for split in [[1], [31, 1], [32], [33, 7, 100], [5000, 4999], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]] {
            var hasher = XXHash64()
            var offset = 0
            var k = 0
            while offset < bytes.count {
                let count = min(split[k % split.count], bytes.count - offset)
                bytes[offset..<(offset + count)].withUnsafeBytes { hasher.update($0) }
                offset += count
                k += 1
            }
            #expect(hasher.digest() == whole, "pieces of \(split)")
        }
        // Short inputs, below one 32-byte stripe, hashed in pieces too.
        var short = XXHash64()
        Array("Nobody inspects".utf8).withUnsafeBytes { short.update($0) }
        Array(" the spammish repetition".utf8).withUnsafeBytes { short.update($0) }
        #expect(short.digest() == 0xFBCE_A83C_8A37_8BF1)
    }

    /// The graph's projection is made once and shared; it gives what a fresh transformer gives, from any
    /// number of tasks at once.
    @Test func metricProjectionIsSharedAndExact() throws {
        let graph = try GridCity.make(nodesPerSide: 20, removedShare: 0, jitter: 0.2, midpoints: 1, seed: 2)
        let places = Array(graph.nodeCoordinates.prefix(50))
        let fresh = try CoordinateTransformer(from: .wgs84, to: graph.metricCRS).transform(places)
        #expect(try graph.metricProjection.toMetric(places) == fresh)
        #expect(fresh == Array(graph.nodeMetricCoordinates.prefix(50)))
        let back = try graph.metricProjection.toGeographic(fresh)
        for (a, b) in zip(back, places) { #expect(abs(a.lon - b.lon) < 1e-9 && abs(a.lat - b.lat) < 1e-9) }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            outcomes.add((try? graph.metricProjection.toMetric(places)) == fresh)
        }
        #expect(outcomes.all)
        // A loaded graph sets its projection up on first use.
        let loaded = try WalkGraph(cacheData: graph.cacheData(), file: "x")
        #expect(try loaded.metricProjection.toMetric(places) == fresh)
    }
}

/// Results of concurrent checks.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Bool] = []
    func add(_ value: Bool) { lock.withLock { values.append(value) } }
    var all: Bool { lock.withLock { values.count == 8 && values.allSatisfy { $0 } } }
}
