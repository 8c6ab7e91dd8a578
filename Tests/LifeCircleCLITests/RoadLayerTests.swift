import Foundation
import TestSupport
import Testing

/// `network build --roads` on a real road line layer: GeoData/roads holds Helsinki's walkable ways as a
/// GeoPackage in Finland's national grid (EPSG:3067) and as GeoJSON in Helsinki's city grid (EPSG:3879),
/// derived from the OSM extract (© OpenStreetMap contributors, ODbL) to stand in for an official layer.
/// The networks built from them must be the OSM network: the same nodes, edges and components, and the same
/// walking distances between the same places.
@Suite("Networks from a road line layer", .serialized)
struct RoadLayerTests {
    let cli: CommandRunner
    /// Registry stem → the summary `network build` printed.
    var summaries: [String: String] = [:]

    static let sources: [(stem: String, arguments: [String])] = [
        ("osm", ["--osm", Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path]),
        ("gpkg", ["--roads", Repository.geoData.appendingPathComponent("roads/helsinki_roads_etrs_tm35fin.gpkg").path]),
        ("geojson", ["--roads", Repository.geoData.appendingPathComponent("roads/helsinki_roads_gk25.geojson").path]),
    ]

    init() throws {
        cli = try CommandRunner()
        // 225 places on a 15 × 15 lattice over central Helsinki, one resident each: the points to compare at.
        var lines = ["id,lon,lat,population"]
        for i in 0..<15 {
            for j in 0..<15 {
                let lon = 24.936 + 0.016 * Double(j) / 14
                let lat = 60.165 + 0.013 * Double(i) / 14
                lines.append("p\(i * 15 + j),\(lon),\(lat),1")
            }
        }
        try cli.write("places.csv", lines.joined(separator: "\n") + "\n")
        for (stem, arguments) in Self.sources {
            let registry = cli.path("\(stem).gpkg")
            for step in [
                ["init"],
                ["import", "public_toilet", Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path,
                 "--crs", "EPSG:4326"],
                ["demand", "import", cli.path("places.csv"), "--population", "population", "--id", "id", "--crs", "EPSG:4326"],
                ["network", "build", "--lang", "en"] + arguments,
            ] {
                let result = try cli.run(step + ["--registry", registry])
                try #require(result.status == 0, "\(stem): \(step.joined(separator: " ")): \(result.stderr)")
                if step[0] == "network" { summaries[stem] = result.stdout }
            }
        }
    }

    /// Nodes, edges and components as `network build` reports them.
    private func counts(_ stem: String) throws -> (nodes: Int, edges: Int, components: Int, km: Double) {
        let text = try #require(summaries[stem])
        func number(before word: String) throws -> Double {
            let pattern = try Regex("([0-9.]+) \(word)")
            let match = try #require(text.firstMatch(of: pattern), "no '\(word)' in: \(text)")
            return try #require(Double(String(match.output[1].substring ?? "")))
        }
        return (Int(try number(before: "nodes")), Int(try number(before: "edges")),
                Int(try number(before: "connected parts")), try number(before: "km"))
    }

    @Test func theRoadLayersGiveTheOSMNetwork() throws {
        let osm = try counts("osm")
        #expect(osm.nodes > 3000)
        for stem in ["gpkg", "geojson"] {
            let roads = try counts(stem)
            #expect(roads.nodes == osm.nodes, "\(stem)")
            // GDAL joins a way's nodes across the few the extract lacks; OSM ways are cut there: ±0.1 %.
            #expect(abs(roads.edges - osm.edges) <= osm.edges / 1000 + 1, "\(stem): \(roads.edges) vs \(osm.edges)")
            #expect(roads.components == osm.components, "\(stem)")
            #expect(abs(roads.km - osm.km) <= 0.1, "\(stem): \(roads.km) km vs \(osm.km) km")
            // The layers QGIS opens say the same.
            let layers = try OgrReport(of: cli.path("\(stem).network.gpkg"))
            #expect(layers.layers["network_nodes"]?.featureCount == roads.nodes)
            #expect(layers.layers["network_edges"]?.featureCount == roads.edges)
        }
    }

    @Test func walkingDistancesAgreeWithTheOSMNetwork() throws {
        func distances(_ stem: String) throws -> [String: Double?] {
            let csv = cli.path("\(stem).csv")
            let result = try cli.run([
                "coverage", "--registry", cli.path("\(stem).gpkg"), "--distances-csv", csv,
            ])
            try #require(result.status == 0, "\(stem): \(result.stderr)")
            var found: [String: Double?] = [:]
            for line in try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                found[String(fields[0])] = Double(fields[2])
            }
            return found
        }
        let osm = try distances("osm")
        #expect(osm.count == 225)
        #expect(osm.values.count { $0 != nil } > 200)
        for stem in ["gpkg", "geojson"] {
            let roads = try distances(stem)
            #expect(roads.count == 225)
            var largest = 0.0
            for (id, distance) in osm {
                let other = try #require(roads[id], "\(stem): no row for \(id)")
                #expect((distance == nil) == (other == nil), "\(stem): \(id) reached on one network only")
                if let distance, let other { largest = max(largest, abs(distance - other)) }
            }
            // The GeoPackage keeps full precision; the GeoJSON's millimetre coordinates move lengths by less
            // than the CSV's centimetre rounding.
            #expect(largest <= 0.02, "\(stem): largest difference \(largest) m")
        }
    }
}
