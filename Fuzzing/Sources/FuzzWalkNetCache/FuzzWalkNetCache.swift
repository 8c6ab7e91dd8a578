import Foundation
import FuzzSupport
import GeoCore
import OSMIngest
import WalkNetwork

/// The `.walknet` cache reader (`WalkGraph+Cache`). A mutated cache nearly always fails its checksum, so
/// each input is read twice: as it is, and resealed (its length field and XXH64 made to match, as a writer
/// would) so the reader's checks of counts, offsets and coordinates are reached. A graph that loads is then
/// used as the analyses use it: snapped to, searched from, its polylines drawn.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    expectingErrors { try use(WalkGraph(cacheData: bytes, file: "input.walknet")) }
    if let sealed = resealed(bytes) {
        expectingErrors { try use(WalkGraph(cacheData: sealed, file: "input.walknet")) }
    }
    return 0
}

/// The cache's header says its length at bytes 16..<24; its last 8 bytes are the XXH64 of all before them.
private func resealed(_ bytes: Data) -> Data? {
    guard bytes.count >= 32 else { return nil }
    var sealed = bytes
    withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { sealed.replaceSubrange(16..<24, with: $0) }
    let checksum = sealed.prefix(sealed.count - 8).withUnsafeBytes { XXHash64.hash($0) }
    withUnsafeBytes(of: checksum.littleEndian) { sealed.replaceSubrange((sealed.count - 8)..<sealed.count, with: $0) }
    return sealed == bytes ? nil : sealed
}

private func use(_ graph: WalkGraph) throws {
    guard graph.nodeCount > 0 else { return }
    let start = graph.coordinate(of: NodeIndex(0))
    _ = try Snapper(graph: graph).snap(Coordinate(lon: start.x + 0.0005, lat: start.y + 0.0005))
    _ = try ReachabilitySearch(graph: graph).run(from: NodeIndex(0), maxDistance: 800)
    for edge in graph.edgeIndices.prefix(64) {
        _ = graph.polyline(of: edge)
        _ = graph.polyline(of: edge, from: 0, to: graph.length(of: edge) / 2)
    }
}

/// `FuzzWalkNetCache --make-seeds FOLDER [OSM FILE…]` writes seed caches instead of fuzzing: small synthetic
/// grids, and the networks of the given (small) OSM files built with the walk profile.
private func makeSeeds(in folder: URL, from osmFiles: [String]) throws -> CInt {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var graphs: [(String, WalkGraph)] = []
    for (side, midpoints) in [(2, 0), (3, 1), (5, 2)] {
        graphs.append(("grid\(side)", try GridCity.make(nodesPerSide: side, removedShare: 0.1, midpoints: midpoints)))
    }
    let profile = try WalkingProfile.load(named: "walk", in: Repository.geoData.appendingPathComponent("profiles"))
    for path in osmFiles {
        do {  // a cut-down extract may hold no walkable way: it gives no seed, and the others still do
            let build = try OSMNetworkSource(file: try OSMFile(path: path), profile: profile).build()
            graphs.append((URL(fileURLWithPath: path).lastPathComponent, build.graph))
        } catch {
            print("no seed from \(path): \(error)")
        }
    }
    for (name, graph) in graphs {
        try graph.write(to: folder.appendingPathComponent("\(name).walknet"))
    }
    print("wrote \(graphs.count) seed caches to \(folder.path)")
    return 0
}

@_cdecl("FuzzWalkNetCache_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    let arguments = CommandLine.arguments
    if arguments.count >= 3, arguments[1] == "--make-seeds" {
        do {
            return try makeSeeds(in: URL(fileURLWithPath: arguments[2]), from: Array(arguments.dropFirst(3)))
        } catch {
            print("FuzzWalkNetCache --make-seeds: \(error)")
            return 1
        }
    }
    return runLibFuzzer(argc, argv, testOneInput)
}
