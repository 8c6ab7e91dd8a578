import Coverage
import Foundation
import GeoCore
import OSMIngest
import TestSupport
import Testing
import WalkNetwork

/// Every connected part of the network counts: on Andorra (a network of 47 parts, towns joined only by roads the
/// walk profile does not take), coverage distances against an oracle made of other tools (pyrosm's walking
/// network, shapely's snapping, NetworkX's Dijkstra; `pyrosm_reference.py`).
@Suite("Every part of the network counts, as an independent oracle says")
struct EveryPartCountsTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("pyrosm_reference.py")
    static let andorra = Repository.geoData.appendingPathComponent("osm/andorra.osm.pbf")
    static let maxSnap = 250.0

    /// A reproducible generator (SplitMix64), so the held-out places are the same on every run.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    /// Places around random nodes of the network, up to `spread` metres away in each direction.
    static func places(around graph: WalkGraph, count: Int, spread: Double, prefix: String, seed: UInt64)
        -> [CoverageAnalysis.Place]
    {
        var random = SplitMix(state: seed)
        return (0..<count).map { i in
            let node = NodeIndex(Int(random.next() * Double(graph.nodeCount)))
            let at = graph.coordinate(of: node)
            let north = (random.next() * 2 - 1) * spread
            let east = (random.next() * 2 - 1) * spread
            let location = Coordinate(
                lon: at.lon + east / (111_320 * cos(at.lat * .pi / 180)), lat: at.lat + north / 110_574)
            return CoverageAnalysis.Place(id: "\(prefix)\(i)", location: location)
        }
    }

    static func csv(_ places: [CoverageAnalysis.Place]) -> String {
        "id,lon,lat\n" + places.map { "\($0.id),\($0.location.lon),\($0.location.lat)" }.joined(separator: "\n") + "\n"
    }

    @Test(.enabled(if: ToolRunner.pythonModuleAvailable("pyrosm"), "needs pyrosm (scripts/setup.sh installs it)"))
    func andorraDistancesAgreeWithPyrosmAndNetworkX() throws {
        let profile = try WalkingProfile.load(named: "walk", in: Repository.geoData.appendingPathComponent("profiles"))
        let file = try OSMFile(url: Self.andorra)
        let graph = try OSMNetworkSource(file: file, profile: profile).build().graph
        #expect(graph.components.count > 10)
        var rejected: [Int64] = []
        try file.read(way: { way in
            if !profile.isWalkable(tag: { way.tags[$0] }) { rejected.append(way.id.rawValue) }
        })

        let facilities = Self.places(around: graph, count: 40, spread: 80, prefix: "f", seed: 7)
        let demand = Self.places(around: graph, count: 600, spread: 300, prefix: "d", seed: 11)
        let result = try CoverageAnalysis(
            graph: graph, thresholds: [1_000_000], maxSnapDistance: Self.maxSnap, searchBound: .infinity
        ).run(
            demand: demand.map { .init(place: $0, population: ["total": 1], adminUnit: nil) },
            facilities: ["facility": facilities])
        let ours = try #require(result.kinds["facility"]).entries.map(\.nearest)
        // Which places have their nearest street on a fragment set aside: as snapping to every part at once says.
        let anyPart = try Snapper(graph: graph, maxDistance: Self.maxSnap, components: .all).snap(demand.map(\.location))
        let nearFragment = anyPart.map { snap in
            snap.snappedPoint.map { !graph.keeps(component: graph.component(of: $0.edge), in: .analysed) } ?? false
        }
        #expect(result.demandOnFragment == nearFragment)
        #expect(nearFragment.contains(true), "no held-out place lies near a fragment: the check above tests nothing")

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try rejected.map(String.init).joined(separator: "\n").write(to: folder.file("rejected.txt"), atomically: true, encoding: .utf8)
        try Self.csv(facilities).write(to: folder.file("facilities.csv"), atomically: true, encoding: .utf8)
        try Self.csv(demand).write(to: folder.file("demand.csv"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run("python3", [
            Self.script.path, Self.andorra.path, "32631", folder.file("rejected.txt").path,
            folder.file("facilities.csv").path, folder.file("demand.csv").path, String(Self.maxSnap),
        ]).checked().stdout
        var theirs: [String: Double] = [:]
        for line in output.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if let distance = Double(fields[1]) { theirs[String(fields[0])] = distance }
        }

        var reached = 0, beyond: [String] = []
        var worst = 0.0
        for (i, place) in demand.enumerated() {
            guard let reference = theirs[place.id] else { continue }
            reached += 1
            guard let mine = ours[i] else {
                beyond.append("\(place.id) (oracle \(Int(reference)) m, ours none)")
                continue
            }
            if abs(mine - reference) > 2 { beyond.append("\(place.id) (oracle \(reference) m, ours \(mine) m)") }
            worst = max(worst, abs(mine - reference))
        }
        #expect(reached > 250, "the oracle reached only \(reached) places")
        #expect(beyond.isEmpty, "\(beyond.count) of \(reached) places differ by more than 2 m: \(beyond.prefix(10))")
        // The places outside the largest part are what the old behaviour lost: there must be some.
        let outsideLargest = demand.indices.filter { theirs[demand[$0].id] != nil && (result.demandParts[$0] ?? 0) != 0 }
        #expect(!outsideLargest.isEmpty)
        print("Andorra: \(reached) places reached by the oracle, \(outsideLargest.count) outside the largest part, "
              + "largest difference \(worst) m")
    }
}
