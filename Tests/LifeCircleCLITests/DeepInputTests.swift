import Foundation
import TestSupport
import Testing

/// Input built to exhaust the stack or the memory (deep nesting, endless chains, gigabytes of garbage) is
/// refused with a message naming the file and the place, never a crash: each of these killed the tool with
/// SIGSEGV, or took gigabytes, before the parsers were bounded.
@Suite("Deep and oversized input is refused, not crashed on")
struct DeepInputTests {
    /// Conditions as a fault tester writes them: 12k parentheses, 16k terms of `or` and of `+`, 21k `not`.
    static let deepConditions: [(name: String, text: String)] = [
        ("parentheses", String(repeating: "(", count: 12_000) + "daily_visitors > 1" + String(repeating: ")", count: 12_000)),
        ("or", (0..<16_000).map { "daily_visitors > \($0)" }.joined(separator: " or ")),
        ("plus", "daily_visitors" + String(repeating: " + 1", count: 16_000) + " > 0"),
        ("not", String(repeating: "not ", count: 21_000) + "daily_visitors > 1"),
    ]

    /// Exited with a code of its own (not killed by a signal, which `Process` reports as 128 + n or as the
    /// signal number), with every fragment in the message.
    func expectRefused(_ result: CommandRunner.Result, saying fragments: [String], code: Int32 = 65) {
        #expect(result.status == code, "exit \(result.status): \(result.stderr.prefix(2000))")
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "expected «\(fragment)» in: \(result.stderr.prefix(2000))")
        }
    }

    @Test("a deep condition in a manifest plugin", arguments: deepConditions)
    func deepConditionInAManifest(condition: (name: String, text: String)) throws {
        let cli = try CommandRunner()
        try FileManager.default.createDirectory(atPath: cli.path("plugins"), withIntermediateDirectories: true)
        let example = try Repository.example("family_toilet.yaml")
        let original = "venue_type in [tourism, commercial, transport_hub, service_area] and daily_visitors > 10000"
        try #require(example.contains(original))
        try cli.write("plugins/family_toilet.yaml", example.replacingOccurrences(of: original, with: condition.text))
        let result = try cli.run(["plugins", "list", "--plugins", cli.path("plugins")])
        expectRefused(result, saying: ["family_toilet.yaml", "column ", "more than 128"])
    }

    @Test("a deep condition in a plan profile", arguments: deepConditions)
    func deepConditionInAProfile(condition: (name: String, text: String)) throws {
        let cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
        let profile = try String(
            contentsOf: Repository.geoData.appendingPathComponent("plans/huadu-2021-2030.yaml"), encoding: .utf8)
        let original =
            "venue_type in [medical, transport_hub, culture_sports, public_service, commercial, tourism] and (floor_area_m2 > 10000 or daily_visitors > 10000)"
        try #require(profile.contains(original))
        let lines = profile.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains(original) }) + 1
        try cli.write("deep.yaml", profile.replacingOccurrences(of: original, with: condition.text))
        let result = try cli.run(["check", "--profile", cli.path("deep.yaml"), "-o", cli.path("report")])
        expectRefused(result, saying: ["deep.yaml:\(line)", "column ", "more than 128"])
    }

    /// 100,000 nested flow sequences: Yams composes recursively, so the depth is checked before it runs.
    @Test func deepYAMLManifestProfileAndScenario() throws {
        let cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
        let deep = "id: deep\nfields: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            + "\n"
        try FileManager.default.createDirectory(atPath: cli.path("plugins"), withIntermediateDirectories: true)
        try cli.write("plugins/deep.yaml", deep)
        expectRefused(
            try cli.run(["plugins", "list", "--plugins", cli.path("plugins")]),
            saying: ["deep.yaml:2", "nests too deep"])
        try cli.write("profile.yaml", deep)
        expectRefused(
            try cli.run(["check", "--profile", cli.path("profile.yaml"), "-o", cli.path("report")]),
            saying: ["profile.yaml:2", "nests too deep"])
        try cli.write("scenario.yaml", deep)
        let scenario = try cli.run(["scenario", cli.path("scenario.yaml"), "--profile", "national"])
        #expect(scenario.status != 0 && scenario.status < 128, "exit \(scenario.status)")
        #expect(scenario.stderr.contains("scenario.yaml:2"), "\(scenario.stderr.prefix(2000))")
        #expect(scenario.stderr.contains("nests too deep"), "\(scenario.stderr.prefix(2000))")
    }

    /// 100,000 nested arrays in a feature's geometry.
    @Test func deepGeoJSON() throws {
        let cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
        let feature = "{\"type\": \"Feature\", \"properties\": {\"name\": \"x\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
        let deep =
            "{\"type\": \"FeatureCollection\", \"features\": [\n" + feature + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}}]}\n"
        try cli.write("deep.geojson", deep)
        // The collection, its features, the feature and the geometry are 4 levels: the 125th '[' is the 129th.
        expectRefused(
            try cli.run(["import", "maternity_room", cli.path("deep.geojson")]),
            saying: ["deep.geojson", "line 2, column \(feature.count + 125)", "nest more than 128 deep"])
    }
}
