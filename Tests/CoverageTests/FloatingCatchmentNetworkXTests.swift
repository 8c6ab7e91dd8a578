import Coverage
import Foundation
import GeoCore
import OSMIngest
import TestSupport
import Testing
import WalkNetwork

/// Our 2SFCA, E2SFCA and Gaussian 2SFCA against an independent computation (NetworkX distances, the two steps
/// written out in Python) on Helsinki's real walking network, with the same places snapped onto the same edges.
@Suite("Floating catchment agrees with NetworkX on a real network")
struct FloatingCatchmentNetworkXTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("floating_catchment_reference.py")

    @Test(arguments: ["none", "240:1,480:0.68,800:0.22", "gaussian"])
    func accessibilityMatchesTheReference(decayName: String) throws {
        let file = try OSMFile(url: Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf"))
        let profile = try WalkingProfile.load(named: "walk", in: Repository.geoData.appendingPathComponent("profiles"))
        let graph = try OSMNetworkSource(file: file, profile: profile).build().graph

        // Places around random nodes, up to ~180 m off (some beyond the 60 m snap): 40 facilities, 600 homes, seeded.
        var random = SeededGenerator(seed: 2_030)
        func place() -> Coordinate {
            let node = graph.nodeCoordinates[Int(random.next() % UInt64(graph.nodeCount))]
            return Coordinate(
                lon: node.lon + (Double(random.next() % 1000) / 1000 - 0.5) * 0.0064,
                lat: node.lat + (Double(random.next() % 1000) / 1000 - 0.5) * 0.0032)
        }
        let supply = (0..<40).map { FloatingCatchment.Supply(id: "s\($0)", location: place(), amount: Double(random.next() % 90 + 10)) }
        let demand = (0..<600).map { FloatingCatchment.Demand(id: "d\($0)", location: place(), population: Double(random.next() % 400)) }
        let catchment = 800.0
        let decay: FloatingCatchment.Decay =
            switch decayName {
            case "none": .none
            case "gaussian": .gaussian
            default:
                .steps(decayName.split(separator: ",").map { step in
                    let parts = step.split(separator: ":").compactMap { Double($0) }
                    return .init(upTo: parts[0], weight: parts[1])
                })
            }
        let method = try FloatingCatchment(graph: graph, catchment: catchment, decay: decay, per: 1000, maxSnapDistance: 60)
        let snapper = try Snapper(graph: graph, maxDistance: 60)
        let supplyPoints = try snapper.snap(supply.map(\.location)).map(\.snappedPoint)
        let demandPoints = try snapper.snap(demand.map(\.location)).map(\.snappedPoint)
        let ours = try method.run(supply: supply, at: supplyPoints, demand: demand, at: demandPoints)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var edges = "source,target,length_m\n"
        for edge in graph.edgeIndices {
            let (u, v) = graph.endpoints(of: edge)
            edges += "\(u.index),\(v.index),\(graph.length(of: edge))\n"
        }
        try edges.write(to: folder.file("edges.csv"), atomically: true, encoding: .utf8)
        func rows(_ ids: [String], _ points: [SnappedPoint?], _ amounts: [Double], column: String) -> String {
            var text = "id,edge,offset_m,leg_m,\(column)\n"
            for (id, (point, amount)) in zip(ids, zip(points, amounts)) {
                text += point.map { "\(id),\($0.edge.index),\($0.offset),\($0.leg),\(amount)\n" } ?? "\(id),,,,\(amount)\n"
            }
            return text
        }
        try rows(supply.map(\.id), supplyPoints, supply.map(\.amount), column: "amount")
            .write(to: folder.file("supply.csv"), atomically: true, encoding: .utf8)
        try rows(demand.map(\.id), demandPoints, demand.map(\.population), column: "population")
            .write(to: folder.file("demand.csv"), atomically: true, encoding: .utf8)
        let reference = try ToolRunner.run(
            "python3",
            [Self.script.path, folder.path("edges.csv"), folder.path("supply.csv"), folder.path("demand.csv"), "800", "1000", decayName]
        ).checked().stdout

        var ratios: [String: Double] = [:]
        var access: [String: Double] = [:]
        for line in reference.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            try #require(parts.count == 3, "unexpected line \(line)")
            let value = try #require(Double(parts[2]))
            if parts[0] == "supply" { ratios[String(parts[1])] = value } else { access[String(parts[1])] = value }
        }
        // Enough of the run is real: most places snapped (not all), most facilities with residents in reach.
        #expect(ours.unsnappedDemand.count > 0 && ours.unsnappedDemand.count < 300)
        #expect(ours.ratios.compactMap { $0 }.count >= 20)
        #expect(access.count == demand.count)
        // Step weights and membership make 2SFCA and E2SFCA agree exactly; the Gaussian reads distances, which
        // our search adds up from single-precision edge lengths (2e-7 relative at worst here).
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 + 1e-6 * max(abs(a), abs(b)) }
        for (j, facility) in supply.enumerated() {
            #expect(ours.ratios[j].map { close($0, ratios[facility.id] ?? .nan) } ?? (ratios[facility.id] == nil),
                    "\(facility.id): ours \(String(describing: ours.ratios[j])), NetworkX \(String(describing: ratios[facility.id]))")
        }
        var reachingSomething = 0
        for (i, place) in demand.enumerated() {
            #expect(close(ours.accessibility[i], access[place.id] ?? .nan),
                    "\(place.id): ours \(ours.accessibility[i]), NetworkX \(String(describing: access[place.id]))")
            if ours.accessibility[i] > 0 { reachingSomething += 1 }
        }
        #expect(reachingSomething > 100)
    }
}
