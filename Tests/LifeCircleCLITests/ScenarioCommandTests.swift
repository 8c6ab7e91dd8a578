import Foundation
import TestSupport
import Testing

/// `lifecircle scenario` on Helsinki's real data (OSM © OpenStreetMap contributors; population grid © HSY,
/// CC BY 4.0): two toilets added where residents have none within 300 m, one closed; the diff must be what
/// the registry would say if the same changes were made for real.
@Suite("Scenario command on GeoData", .serialized)
struct ScenarioCommandTests {
    let cli: CommandRunner
    static let asOf = "2026-01-01"
    static let rule = "national.life_circle.5min.public_toilet"
    /// The centres of two populous cells of the Helsinki grid (ids 86 and 46, 1,774 and 1,074 residents) that
    /// no toilet reaches within 300 m walk (443 m and 473 m, by `lifecircle coverage`).
    static let newToilets = [
        (id: "new-1", lon: 24.9572133, lat: 60.1732319), (id: "new-2", lon: 24.9347119, lat: 60.1642473),
    ]
    static let closed = "node/103678074"

    init() throws {
        cli = try CommandRunner()
        for step in [
            ["init"],
            ["network", "build", "--osm", Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf").path],
            [
                "demand", "import",
                Repository.geoData.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
                "--population", "population", "--id", "id",
            ],
            [
                "import", "public_toilet",
                Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path,
                "--crs", "EPSG:4326",
            ],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
        let adds = Self.newToilets.map { toilet in
            "  - {add: public_toilet, id: \(toilet.id), name: 新公厕 \(toilet.id), at: [\(toilet.lon), \(toilet.lat)], "
                + "attributes: {female_stalls: 3, male_stalls: 2}}"
        }
        try cli.write(
            "toilets.yaml",
            """
            scenario: 新增2处公厕
            title: {zh: 新增2处公厕并关闭1处, en: Two new public toilets and one closed}
            changes:
            \(adds.joined(separator: "\n"))
              - {close: public_toilet, id: "\(Self.closed)"}
            """)
    }

    /// The share of residents within 300 m of a toilet, as `lifecircle coverage` computes it on a registry.
    private func coverageShare(registry: String) throws -> Double {
        let result = try cli.run([
            "coverage", "--kinds", "public_toilet", "--thresholds", "300", "--as-of", Self.asOf, "--json",
            "--registry", registry,
        ])
        try #require(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let rows = try #require(document["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["group"] as? String == "total" && $0["admin_unit"] == nil })
        return try #require(row["share"] as? Double)
    }

    @Test func theDiffIsWhatTheSameChangesMadeForRealGive() throws {
        let registry = cli.path("registry.gpkg")
        let original = try Data(contentsOf: URL(fileURLWithPath: registry))
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted()

        let run = try cli.run([
            "scenario", "toilets.yaml", "--profile", "national", "--as-of", Self.asOf, "-o", cli.path("out"), "--lang",
            "en",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("5-minute tier: a public toilet within 300 m walk"))
        // The user's registry is untouched, byte for byte, and nothing was left beside it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == original)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted()
                == (filesBefore + ["out"]).sorted())

        let json = try Data(contentsOf: URL(fileURLWithPath: cli.path("out/scenario.json")))
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let rules = try #require(document["rules"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == Self.rule })
        let before = try #require(rule["measured_before"] as? Double)
        let after = try #require(rule["measured_after"] as? Double)
        #expect(after > before, "two toilets in uncovered places must raise the share (\(before) → \(after))")
        #expect(abs((rule["change"] as? Double ?? .nan) - (after - before)) < 2e-6)
        #expect((document["changes"] as? [[String: Any]])?.map { $0["action"] as? String } == ["add", "add", "close"])

        // The same changes made for real on a copy: import the two toilets, close the third.
        for suffix in [".gpkg", ".walknet", ".demand.gpkg"] {
            try FileManager.default.copyItem(atPath: cli.path("registry\(suffix)"), toPath: cli.path("real\(suffix)"))
        }
        let csv =
            ["id,name,lon,lat,female_stalls,male_stalls"]
            + Self.newToilets.map { "\($0.id),新公厕 \($0.id),\($0.lon),\($0.lat),3,2" }
        try cli.write("new.csv", csv.joined(separator: "\n") + "\n")
        let imported = try cli.run([
            "import", "public_toilet", cli.path("new.csv"), "--crs", "EPSG:4326",
            "--registry", cli.path("real.gpkg"),
        ])
        try #require(imported.status == 0, "\(imported.stderr)")
        let closed = try cli.run([
            "close", "public_toilet", Self.closed, "--on", Self.asOf, "--registry", cli.path("real.gpkg"),
        ])
        try #require(closed.status == 0, "\(closed.stderr)")
        #expect(abs(try coverageShare(registry: registry) - before) < 1e-6)
        #expect(abs(try coverageShare(registry: cli.path("real.gpkg")) - after) < 1e-6)

        // GDAL reads the changed facilities; the report pages are there.
        let layers = try OgrReport(of: cli.path("out/scenario.gpkg"))
        #expect(layers.layers["scenario_changes"]?.featureCount == 3)
        let html = try String(contentsOfFile: cli.path("out/scenario.html"), encoding: .utf8)
        #expect(html.contains("<td class=\"change change-up\">+1.5 pp</td>"))
        let markdown = try String(contentsOfFile: cli.path("out/scenario.md"), encoding: .utf8)
        #expect(markdown.contains("`\(Self.rule)`"))
        // The inputs both sides share, with the demand's source, as in a check's report.
        #expect(markdown.contains("| demand | registry.demand.gpkg |") && markdown.contains("helsinki\\_grid\\_2020.gpkg"))

        // Deterministic: a second run writes the same JSON.
        let again = try cli.run(["scenario", "toilets.yaml", "--profile", "national", "--as-of", Self.asOf, "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdoutBytes == json)
    }

    /// Three candidate toilets: the two uncovered cell centres above and a third place in the centre.
    static let candidateSites = newToilets + [(id: "new-3", lon: 24.9450, lat: 60.1690)]

    /// The parsed JSON a command printed.
    private func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
    }

    /// The rules of a scenario report, re-encoded with sorted keys, for comparing two runs.
    private func rules(_ document: [String: Any]) throws -> Data {
        let rules = try #require(document["rules"] as? [[String: Any]])
        return try JSONSerialization.data(withJSONObject: rules, options: [.sortedKeys])
    }

    @Test func candidatesAddTheSiteSiteSuggestPicksAndDiffLikeAPlainAdd() throws {
        // What `site-suggest` picks from the three sites as a file of points.
        let csv =
            ["id,lon,lat"] + Self.candidateSites.map { "\($0.id),\($0.lon),\($0.lat)" }
        try cli.write("candidates.csv", csv.joined(separator: "\n") + "\n")
        let suggestion = try json(
            cli.run([
                "site-suggest", "public_toilet", "-p", "1", "--within", "300",
                "--candidates", cli.path("candidates.csv"), "--id", "id", "--crs", "EPSG:4326", "--as-of", Self.asOf,
                "--json", "-o", cli.path("sites.gpkg"),
            ]))
        let suggested = try #require(suggestion["sites"] as? [[String: Any]])
        try #require(suggested.count == 1)
        let pick = try #require(suggested[0]["site_id"] as? String)
        let gain = try #require(suggested[0]["gain"] as? Double)
        #expect(gain > 0)

        let sites = Self.candidateSites.map { site in
            "    - {id: \(site.id), name: 候选 \(site.id), at: [\(site.lon), \(site.lat)], "
                + "attributes: {female_stalls: 3, male_stalls: 2}}"
        }
        try cli.write(
            "candidates.yaml",
            """
            scenario: 公厕选址
            candidates:
              kind: public_toilet
              choose: 1
              within_m: 300
              group: total
              sites:
            \(sites.joined(separator: "\n"))
            """)
        let chosen = try json(
            cli.run(["scenario", "candidates.yaml", "--profile", "national", "--as-of", Self.asOf, "--json"]))
        let section = try #require(chosen["candidates"] as? [String: Any])
        let offered = try #require(section["sites"] as? [[String: Any]])
        #expect(offered.map { $0["id"] as? String } == Self.candidateSites.map(\.id))
        let picked = offered.filter { $0["chosen"] as? Bool == true }
        #expect(picked.map { $0["id"] as? String } == [pick])
        #expect(abs((picked.first?["newly_covered"] as? Double ?? .nan) - gain) < 1e-5)
        #expect((chosen["changes"] as? [[String: Any]])?.map { $0["id"] as? String } == [pick])

        // The same site as a plain `add` gives the same rules before and after.
        let site = try #require(Self.candidateSites.first { $0.id == pick })
        try cli.write(
            "plain.yaml",
            """
            scenario: 公厕选址
            changes:
              - add: public_toilet
                id: \(site.id)
                name: 候选 \(site.id)
                at: [\(site.lon), \(site.lat)]
                attributes: {female_stalls: 3, male_stalls: 2}
            """)
        let plain = try json(
            cli.run(["scenario", "plain.yaml", "--profile", "national", "--as-of", Self.asOf, "--json"]))
        #expect(try rules(chosen) == rules(plain))

        // The report pages list the offer.
        let pages = try cli.run([
            "scenario", "candidates.yaml", "--profile", "national", "--as-of", Self.asOf, "-o", cli.path("cand"),
        ])
        #expect(pages.status == 0, "\(pages.stderr)")
        let markdown = try String(contentsOfFile: cli.path("cand/scenario.md"), encoding: .utf8)
        #expect(markdown.contains("候选选址：3 处中选 1 处"), "\(markdown)")
        #expect(markdown.contains("是（第 1 位）"))
    }

    @Test func aBadScenarioFileNamesFileLineAndField() throws {
        try cli.write(
            "bad.yaml",
            """
            scenario: 错误
            changes:
              - {close: public_toilet, id: "\(Self.closed)"}
              - {add: public_toilet, id: x, name: 新, at: [24.95, 60.17], attributes: {female_stalls: many}}
            """)
        let bad = try cli.run(["scenario", "bad.yaml", "--profile", "national", "--as-of", Self.asOf])
        #expect(bad.status == 65)
        #expect(
            bad.stderr.contains(
                "bad.yaml:4: field 'changes[1].attributes.female_stalls': 'many' is not a whole number"),
            "\(bad.stderr)")

        try cli.write(
            "missing.yaml", "scenario: x\nchanges:\n  - {move: public_toilet, id: node/1, to: [24.95, 60.17]}\n")
        let missing = try cli.run(["scenario", "missing.yaml", "--profile", "national", "--as-of", Self.asOf])
        #expect(missing.status == 65)
        #expect(
            missing.stderr.contains(
                "missing.yaml:3: field 'changes[0]': kind 'public_toilet' has no facility with id 'node/1'"),
            "\(missing.stderr)")
    }
}
