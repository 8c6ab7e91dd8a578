import FacilityKit
import Foundation
import Rules
import TestSupport
import Testing

@testable import Reports

@Suite("JSON report")
struct JSONReportTests {
    let report = SyntheticCheck.report
    static let schema = Repository.root.appendingPathComponent("Docs/schemas/check-report.schema.json")

    /// Validates a JSON file against the committed schema with Python's jsonschema (draft 2020-12,
    /// formats checked); returns the errors it printed, one per line.
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        if len(sys.argv) > 3:
            exec(sys.argv[3])
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path), error.message)
        sys.exit(1 if errors else 0)
        """

    static func validate(_ data: Data, change: String? = nil) throws -> ToolResult {
        let folder = try TemporaryFolder(prefix: "reports-json")
        defer { folder.remove() }
        let file = folder.file("report.json")
        try data.write(to: file)
        return try ToolRunner.run("python3", ["-c", validator, schema.path, file.path] + (change.map { [$0] } ?? []))
    }

    @Test("the report validates against the committed schema with jsonschema")
    func validatesAgainstSchema() throws {
        let result = try Self.validate(try report.renderJSON())
        #expect(result.status == 0, "jsonschema: \(result.output)")
        let minimal = CheckReport(result: SyntheticCheck.checkResult([]))
        let empty = try Self.validate(try minimal.renderJSON())
        #expect(empty.status == 0, "jsonschema: \(empty.output)")
    }

    @Test("the schema refuses what the format does not allow")
    func schemaIsStrict() throws {
        let data = try report.renderJSON()
        let changes = [
            "document['rules'][0]['status'] = 'ok'",
            "del document['rules'][7]['not_evaluable_reason']",
            "document['rules'][4]['failing'][2]['reason'] = {'kind': 'missing_data'}",
            "document['as_of'] = '2025-02-30'",
            "document['rules'][0]['title'] = {'zh': '只有中文'}",
            "document['extra'] = 1",
        ]
        for change in changes {
            let result = try Self.validate(data, change: change)
            #expect(result.status == 1, "the schema accepted: \(change)")
        }
    }

    @Test("two renders give the same bytes")
    func deterministic() throws {
        let first = try report.renderJSON()
        let second = try SyntheticCheck.report.renderJSON()
        #expect(first == second)
        #expect(first.count > 10_000)
    }

    @Test("the document carries both languages, the figures and every failing feature")
    func content() throws {
        let data = try report.renderJSON()
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["format"] as? String == "lifecircle-check-report")
        #expect(document["as_of"] as? String == "2025-06-30")
        #expect(document["verdict"] as? String == "failed")
        let counts = try #require(document["counts"] as? [String: Int])
        #expect(counts == ["passed": 2, "failed": 5, "not_evaluable": 1, "total": 8])
        let rules = try #require(document["rules"] as? [[String: Any]])
        #expect(
            rules.map { $0["status"] as? String } == [
                "failed", "passed", "passed", "failed", "failed", "failed", "failed", "not_evaluable",
            ])
        let places = rules[0]
        #expect((places["title"] as? [String: String])?["en"] == "Childcare places per 1,000 residents")
        #expect(places["measured"] as? Double == 2)
        #expect((places["target"] as? [String: Any])?["year"] as? Int == 2025)
        let amount = try #require(places["shortfall_amount"] as? [String: Any])
        #expect(amount["amount"] as? Double == 2346)
        #expect(amount["basis"] as? Double == 1_173_000)
        #expect((amount["unit"] as? [String: String]) == ["zh": "托位", "en": "places"])
        let units = try #require(places["units"] as? [[String: Any]])
        #expect(units[1]["supply_shortfall"] as? Double == 1200)
        #expect(units[2]["measured"] is NSNull)
        let mandate = try #require(rules[5]["failing"] as? [[String: Any]])
        #expect(mandate.count == SyntheticCheck.mandatedVenueCount)
        #expect(
            (mandate[0]["reason"] as? [String: String]) == [
                "kind": "lacks_required_facility", "required_kind": "maternity_room",
            ])
        let park = rules[7]
        #expect(park["measured"] is NSNull)
        #expect((park["not_evaluable_reason"] as? [String: String])?["zh"] == SyntheticCheck.noNetworkReason.zh)
        let coverage = try #require(rules[6]["uncovered_locations"] as? [[Double]])
        #expect(coverage.count == 200)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"花都区儿童发展规划（2021—2030年）\""), "non-ASCII text is written as it is")
    }

    @Test("numbers are written with fixed precision")
    func precision() throws {
        var outcome = SyntheticCheck.placesFloatingCatchment
        outcome.measured = 5.812345678912
        let data = try CheckReport(result: SyntheticCheck.checkResult([outcome])).renderJSON()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"measured\" : 5.812346"))
        var nonFinite = SyntheticCheck.placesFloatingCatchment
        nonFinite.measured = .nan
        let cleaned = try CheckReport(result: SyntheticCheck.checkResult([nonFinite])).renderJSON()
        #expect(String(decoding: cleaned, as: UTF8.self).contains("\"measured\" : null"))
    }
}
