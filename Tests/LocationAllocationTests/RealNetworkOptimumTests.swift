import FacilityRegistry
import Foundation
import GeoCore
import LocationAllocation
import OSMIngest
import Planner
import Projection
import TestSupport
import Testing
import WalkNetwork

/// Maximal covering on real networks against the exact optimum (issue 5, item 6).
///
/// Each instance is built from GeoData as `lifecircle network build` and `site-suggest` build it (see
/// ``RealInstance/all``): a walking network from OSM (© OpenStreetMap contributors, ODbL), population as
/// demand, existing facilities that stay, and the network's nodes thinned to a spacing as candidates, with the
/// walking distances from every candidate to the demand within 500 m. Each is committed as
/// `Instances/<name>.instance.json.gz`; `maximal_covering_optimum.py` solved them once with PuLP + CBC for 300
/// and 500 m and p = 5 and 10, into `Instances/maximal_covering_optimum.json`.
///
/// To write an instance again (after a deliberate change to how it is built), run this suite with
/// `LIFECIRCLE_WRITE_SITING_INSTANCE=1`, then the Python script.
@Suite("Maximal covering on real networks against CBC's optimum", .serialized)
struct RealNetworkOptimumTests {
    static let folder = Repository.root.appendingPathComponent("Tests/LocationAllocationTests/Instances")
    static let optimumFile = folder.appendingPathComponent("maximal_covering_optimum.json")

    @Test(arguments: RealInstance.all)
    func theCommittedInstanceIsWhatGeoDataGives(_ spec: RealInstance) throws {
        let text = try spec.build()
        if ProcessInfo.processInfo.environment["LIFECIRCLE_WRITE_SITING_INSTANCE"] == "1" {
            let gzip = try ToolRunner.run("gzip", ["-n", "-9", "-c"], stdin: Data(text.utf8))
            try #require(gzip.status == 0)
            try gzip.stdoutData.write(to: spec.file)
        }
        let committed = try spec.committedText()
        if committed != text {
            let mine = text.split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = committed.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(mine.count, theirs.count)).first { mine[$0] != theirs[$0] } ?? min(mine.count, theirs.count)
            func shown(_ lines: [Substring]) -> String { line < lines.count ? String(lines[line].prefix(200)) : "(end)" }
            let message =
                "the instance rebuilt from GeoData differs from \(spec.file.lastPathComponent) at line \(line + 1): "
                + "\(shown(mine)) vs \(shown(theirs))"
            Issue.record(Comment(rawValue: message))
        }
    }

    @Test(arguments: RealInstance.all)
    func greedyAndInterchangeAreWithinTwoPercentOfTheOptimum(_ spec: RealInstance) throws {
        let text = try spec.committedText()
        let instance = try JSONDecoder().decode(Instance.self, from: Data(text.utf8))
        let optimum = try JSONDecoder().decode(Optimum.self, from: Data(contentsOf: Self.optimumFile))
        let hash = try ToolRunner.run("sha256sum", [], stdin: Data(text.utf8))
        #expect(
            optimum.instance_sha256[instance.name] == hash.stdout.split(separator: " ").first.map(String.init),
            "the optimum was computed for another version of the instance: run maximal_covering_optimum.py")
        let reach = try CandidateReach(
            demandCount: instance.weights.count,
            rows: instance.candidates.map { candidate in
                zip(candidate.demand, candidate.distance_m).map { (demand: $0, distance: $1) }
            })
        let results = optimum.results.filter { $0.instance == instance.name }
        #expect(results.count == 4)
        for result in results {
            let problem = try CoveringProblem(
                weights: instance.weights, reach: reach,
                existingDistances: instance.existing_distance_m.map { $0 ?? .infinity },
                serviceDistance: result.service_distance_m)
            let label = "\(instance.name), \(result.service_distance_m) m, p = \(result.p)"
            #expect(abs(problem.coveredWeight - result.covered_before) < 1e-3, "\(label)")
            // CBC's sites cover what it says, by our count too.
            #expect(
                abs(problem.coveredWeight(with: result.sites) - problem.coveredWeight - result.optimal_gain) < 1e-3,
                "\(label)")
            let solved = try problem.maximalCovering(sites: result.p)
            let gain = solved.valueAfter - solved.valueBefore
            let greedyGain = solved.greedyValue - solved.valueBefore
            #expect(gain >= 0.98 * result.optimal_gain, "\(label): \(gain) of the optimal \(result.optimal_gain)")
            #expect(greedyGain >= (1 - 1 / M_E) * result.optimal_gain, "\(label): greedy \(greedyGain)")
            #expect(gain <= result.optimal_gain + 1e-6, "\(label): better than the optimum?")
            #expect(result.optimal_gain > 0, "\(label): the instance should leave something to cover")
        }
    }

    // MARK: The committed files

    struct Instance: Decodable {
        struct Candidate: Decodable {
            var id: String
            var demand: [Int]
            var distance_m: [Double]
        }

        var name: String
        var weights: [Double]
        var existing_distance_m: [Double?]
        var candidates: [Candidate]
    }

    struct Optimum: Decodable {
        struct Result: Decodable {
            var instance: String
            var service_distance_m: Double
            var p: Int
            var optimal_gain: Double
            var covered_before: Double
            var sites: [Int]
        }

        var instance_sha256: [String: String]
        var results: [Result]
    }
}

/// How a committed instance is made from GeoData.
struct RealInstance: Sendable, CustomTestStringConvertible {
    var name: String
    var about: String
    var osm: String
    /// The population file, its total column and id column, and the grid cell polygons are spread over
    /// (nil: points as they are).
    var population: String
    var populationColumn: String
    var idColumn: String
    var cellSize: Double?
    /// A CSV of existing facilities in EPSG:4326 (nil: none).
    var existing: String?
    var nodeSpacing: Double
    var cutoff = 500.0

    var testDescription: String { name }

    static let all = [
        RealInstance(
            name: "helsinki",
            about: "central Helsinki's walking network; demand: the HSY 2020 population grid (CC BY 4.0) spread over "
                + "50 m cells; existing: the 17 public toilets of GeoData/samples",
            osm: "osm/helsinki.osm.pbf", population: "population/helsinki_grid_2020.gpkg", populationColumn: "population",
            idColumn: "id", cellSize: 50, existing: "samples/helsinki_toilets_gbk.csv", nodeSpacing: 30),
        RealInstance(
            name: "sao_paulo",
            about: "central São Paulo's walking network; demand: the 323 H3 cells of the r5py sample data (MIT) at "
                + "their centroids; no existing facility",
            osm: "osm/sao_paulo.osm.pbf", population: "population/sao_paulo_hexgrid.csv", populationColumn: "population",
            idColumn: "id", cellSize: nil, existing: nil, nodeSpacing: 60),
    ]

    var file: URL { RealNetworkOptimumTests.folder.appendingPathComponent("\(name).instance.json.gz") }

    func committedText() throws -> String {
        let result = try ToolRunner.run("gzip", ["-dc", file.path])
        try #require(result.status == 0, "cannot read \(file.path): \(result.stderr)")
        return result.stdout
    }

    /// Builds the instance and writes it as text: JSON, one candidate per line, distances in centimetres and
    /// weights in thousandths.
    func build() throws -> String {
        let geoData = Repository.geoData
        let wgs84 = try CRS(parsing: "EPSG:4326")
        let profile = try WalkingProfile.load(named: "walk", in: geoData.appendingPathComponent("profiles"))
        let graph = try OSMNetworkSource(file: try OSMFile(url: geoData.appendingPathComponent(osm)), profile: profile)
            .build().graph
        let demand = try DemandImporter(
            options: .init(
                population: populationColumn, id: idColumn, polygons: cellSize.map { .grid(cellSize: $0) } ?? .centroid)
        ).read(InputTable.read(contentsOf: geoData.appendingPathComponent(population)), crs: wgs84)
        var existingPlaces: [Coordinate] = []
        if let existing {
            let table = try InputTable.read(contentsOf: geoData.appendingPathComponent(existing))
            existingPlaces = try table.rows.compactMap { row -> Coordinate? in
                if case .point(let c) = try table.geometry(of: row, crs: wgs84) { return c }
                return nil
            }
            try #require(existingPlaces.count == table.rows.count)
        }
        let candidates = try SiteCandidate.networkNodes(of: graph, spacing: nodeSpacing)
        let instance = try SitingInstance(
            graph: graph, demand: demand.map(\.location), candidates: candidates, existing: existingPlaces,
            cutoff: cutoff, maxSnapDistance: 250)

        func number(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        func quoted(_ text: String) -> String { "\"\(text.replacingOccurrences(of: "\"", with: "\\\""))\"" }
        let description =
            "\(about) (GeoData/\(osm), walk profile, © OpenStreetMap contributors, ODbL); candidates: nodes of the "
            + "largest connected part at least \(Int(nodeSpacing)) m apart; distances in metres, walked to "
            + "\(Int(cutoff)) m"
        var lines = [
            "{\"name\": \(quoted(name)),",
            " \"about\": \(quoted(description)),",
            " \"network\": {\"nodes\": \(graph.nodeCount), \"edges\": \(graph.edgeCount)},",
            " \"cutoff_m\": \(number(cutoff, 0)),",
            " \"demand_ids\": [\(demand.map { quoted($0.id) }.joined(separator: ", "))],",
            " \"weights\": [\(demand.map { number($0.count(.total), 3) }.joined(separator: ", "))],",
            " \"existing_distance_m\": [\(instance.existingDistances.map { $0.isFinite ? number($0, 2) : "null" }.joined(separator: ", "))],",
            " \"candidates\": [",
        ]
        let reach = instance.reach
        for (index, candidate) in candidates.enumerated() {
            let row = reach.row(index)
            lines.append(
                "  {\"id\": \(quoted(candidate.id)), \"demand\": [\(row.map { String($0.demand) }.joined(separator: ", "))], "
                    + "\"distance_m\": [\(row.map { number($0.distance, 2) }.joined(separator: ", "))]}"
                    + (index == candidates.count - 1 ? "" : ","))
        }
        lines += [" ]", "}", ""]
        return lines.joined(separator: "\n")
    }
}
