import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Planner
import Rules
import Testing

/// Scenario files: what they say once parsed, and every kind of mistake with its line and field.
@Suite("Scenario files")
struct ScenarioFileTests {
    /// A childcare kind with a required whole number of places and an optional operator type.
    struct Childcare: FacilityPlugin {
        let descriptor = PluginDescriptor(
            id: PluginID(rawValue: "childcare")!, name: LocalizedText(zh: "托育", en: "Childcare"),
            version: SemanticVersion(1, 0, 0))
        let schema = AttributeSchema(fields: [
            FieldSpec(
                name: "places", label: LocalizedText(zh: "托位", en: "Places"), type: .integer, required: true,
                minimum: 0),
            FieldSpec(name: "public", label: LocalizedText(zh: "公办", en: "Public"), type: .boolean),
        ])
    }

    static let plugins: [any FacilityPlugin] = [Childcare()]
    static let childcare = PluginID(rawValue: "childcare")!

    static func parse(_ text: String) throws(YAMLProblem) -> Scenario {
        try Scenario(yaml: YAMLNode.parse(text, file: "plan.yaml"), plugins: plugins)
    }

    /// The problem a file raises; fails the test when it parses.
    static func problem(_ text: String) -> YAMLProblem? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryKindOfChange() throws {
        let scenario = try Self.parse(
            """
            scenario: 新建托育
            title: {zh: 新建托育机构, en: New childcare}
            changes:
              - {add: childcare, id: new-1, name: 新托育, at: [113.2201, 23.4012], crs: gcj02, attributes: {places: "６０", public: 是}}
              - {move: childcare, id: C-1, to: [113.21, 23.41]}
              - {close: childcare, id: C-2}
              - {close: childcare, id: C-3, on: 2025-06-30}
              - {update: childcare, id: C-4, attributes: {places: 80, public: ~}}
            """)
        #expect(scenario.name == "新建托育")
        #expect(scenario.title == LocalizedText(zh: "新建托育机构", en: "New childcare"))
        #expect(scenario.changes.map(\.verb) == ["add", "move", "close", "close", "update"])
        #expect(scenario.changes.map(\.line) == [4, 5, 6, 7, 8])
        guard case .add(let added) = scenario.changes[0].action else {
            Issue.record("expected an add")
            return
        }
        // Full-width digits and 是 read as an import reads cells.
        #expect(added.attributes == ["places": .integer(60), "public": .boolean(true)])
        // GCJ-02 is brought back to WGS 84: in Guangdong the offset is about 550 m west and 270 m north.
        #expect((0.004...0.007).contains(113.2201 - added.location.lon), "\(added.location)")
        #expect((0.001...0.004).contains(added.location.lat - 23.4012), "\(added.location)")
        #expect(scenario.changes[1].action == .move(to: Coordinate(lon: 113.21, lat: 23.41)))
        #expect(scenario.changes[2].action == .close(on: nil))
        #expect(scenario.changes[3].action == .close(on: CivilDate(year: 2025, month: 6, day: 30)))
        #expect(scenario.changes[4].action == .update(attributes: ["places": .integer(80), "public": nil]))
    }

    @Test(arguments: [
        ("changes:\n  - {add: kindergarden, id: a, name: x, at: [1, 2]}", 2, "changes[0].add", "unknown facility kind"),
        (
            "changes:\n  - {add: childcare, id: a, name: x, at: [1, 2], attributes: {colour: red, places: 1}}", 2,
            "changes[0].attributes.colour", "has no field 'colour'"
        ),
        (
            "changes:\n  - add: childcare\n    id: a\n    name: x\n    at: [1, 2]\n    attributes: {places: many}", 6,
            "changes[0].attributes.places", "'many' is not a whole number"
        ),
        (
            "changes:\n  - {add: childcare, id: a, name: x, at: [1, 2], attributes: {places: -3}}", 2,
            "changes[0].attributes.places", "below the minimum"
        ),
        ("changes:\n  - {add: childcare, id: a, name: x, at: [1, 2]}", 2, "changes[0].attributes.places", "required"),
        (
            "changes:\n  - add: childcare\n    id: a\n    name: x\n    at: [113.2]\n    attributes: {places: 1}", 5,
            "changes[0].at", "expected [longitude, latitude]"
        ),
        (
            "changes:\n  - {add: childcare, id: a, name: x, at: [1, north], attributes: {places: 1}}", 2,
            "changes[0].at[1]", "expected a number"
        ),
        (
            "changes:\n  - {add: childcare, id: a, name: x, at: [1, 2], crs: EPSG:999999, attributes: {places: 1}}", 2,
            "changes[0].crs", "not a coordinate system"
        ),
        (
            "changes:\n  - {add: childcare, id: a, name: x, at: [200, 95], attributes: {places: 1}}", 2,
            "changes[0].at", "not a valid longitude/latitude"
        ),
        ("changes:\n  - {move: childcare, close: childcare, id: a}", 2, "changes[0]", "more than one change"),
        ("changes:\n  - {id: a}", 2, "changes[0]", "says no change"),
        ("changes:\n  - move: childcare\n    id: a\n    too: [1, 2]", 4, "changes[0]", "unknown key 'too'"),
        ("changes:\n  - {close: childcare}", 2, "changes[0].id", "is required"),
        ("changes:\n  - {close: childcare, id: a, on: next week}", 2, "changes[0].on", "is not a date"),
        ("changes:\n  - {update: childcare, id: a, attributes: {}}", 2, "changes[0].attributes", "sets no field"),
        ("changes: []", 1, "changes", "lists no changes"),
        ("scenario: x\nchanges:\n  - {close: childcare, id: a}\n  - oops", 4, "changes[1]", "expected a change"),
    ])
    func mistakesNameTheLineAndField(text: String, line: Int, field: String, reason: String) throws {
        let source = text.hasPrefix("scenario:") ? text : "scenario: x\n" + text
        let problem = try #require(Self.problem(source), "no problem found in:\n\(source)")
        #expect(problem.file == "plan.yaml")
        #expect(problem.line == line + (text.hasPrefix("scenario:") ? 0 : 1), "\(problem)")
        #expect(problem.field == field, "\(problem)")
        #expect(problem.reason.contains(reason), "\(problem)")
        #expect(problem.description.hasPrefix("plan.yaml:\(problem.line): field '\(field)': "))
    }

    /// Two stored centres, C-1 and C-2, in an in-memory registry.
    static func store() throws -> InMemoryFacilityStore {
        let store = InMemoryFacilityStore()
        let plugin = Childcare()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        try store.insert(
            ["C-1", "C-2"].enumerated().map { index, id in
                FacilityRecord(
                    id: FacilityID(rawValue: id), kind: childcare, name: id,
                    location: Coordinate(lon: 113.2 + Double(index) / 100, lat: 23.4),
                    attributes: ["places": .integer(20)])
            }, actor: "test")
        return store
    }

    @Test func applyingWritesEachChangeAuditedAsScenario() throws {
        let store = try Self.store()
        let scenario = try Self.parse(
            """
            scenario: x
            changes:
              - {add: childcare, id: N-1, name: 新, at: [113.25, 23.42], attributes: {places: 60}}
              - {move: childcare, id: C-1, to: [113.21, 23.41]}
              - {close: childcare, id: C-2}
              - {update: childcare, id: N-1, attributes: {places: 80}}
            """)
        let day = try #require(CivilDate(year: 2025, month: 12, day: 31))
        let applied = try scenario.apply(to: store, plugins: Self.plugins, closingOn: day)
        #expect(applied.map { $0.before?.id.rawValue } == [nil, "C-1", "C-2", "N-1"])
        #expect(
            try store.facility(kind: Self.childcare, id: FacilityID(rawValue: "N-1"))?.attributes["places"]
                == .integer(80))
        #expect(
            try store.facility(kind: Self.childcare, id: FacilityID(rawValue: "C-1"))?.location
                == Coordinate(lon: 113.21, lat: 23.41))
        #expect(try store.facility(kind: Self.childcare, id: FacilityID(rawValue: "C-2"))?.closed == day)
        #expect(try store.facilities(kind: Self.childcare, in: nil, asOf: day).map(\.id.rawValue) == ["C-1", "N-1"])
        let trail = try store.auditTrail(kind: Self.childcare, id: nil).filter { $0.actor == "scenario" }
        #expect(trail.map(\.action) == [.insert, .update, .close, .update])
    }

    @Test(arguments: [
        ("{move: childcare, id: C-9, to: [113.2, 23.4]}", "no facility with id 'C-9'"),
        (
            "{add: childcare, id: C-1, name: again, at: [113.2, 23.4], attributes: {places: 1}}",
            "already has a facility"
        ),
        ("{update: childcare, id: C-1, attributes: {places: ~}}", "field 'places'"),
    ])
    func changesThatDoNotFitTheRegistryNameTheirLineAndWriteNothing(change: String, reason: String) throws {
        let store = try Self.store()
        let before = try store.facilities(kind: Self.childcare, in: nil, asOf: nil)
        let scenario = try Self.parse("scenario: x\nchanges:\n  - {close: childcare, id: C-2}\n  - \(change)")
        let day = try #require(CivilDate(year: 2025, month: 12, day: 31))
        #expect {
            _ = try scenario.apply(to: store, plugins: Self.plugins, closingOn: day)
        } throws: { error in
            guard let problem = error as? YAMLProblem else { return false }
            return problem.line == 4 && problem.field == "changes[1]" && problem.reason.contains(reason)
        }
        #expect(try store.facilities(kind: Self.childcare, in: nil, asOf: nil) == before)
    }

    @Test func readsCandidateSitesAsTheAddsTheyBecome() throws {
        let scenario = try Self.parse(
            """
            scenario: 托育选址
            changes:
              - {close: childcare, id: C-2}
            candidates:
              kind: childcare
              choose: 2
              within_m: 300
              group: age_0_3
              sites:
                - {id: S-1, name: 候选1, at: [113.2201, 23.4012], crs: gcj02, attributes: {places: 60}}
                - {id: S-2, name: 候选2, at: [113.23, 23.41], attributes: {places: 40, public: 是}}
                - id: S-3
                  name: 候选3
                  at: [113.24, 23.42]
                  attributes: {places: 80}
            """)
        #expect(scenario.changes.map(\.verb) == ["close"])
        let candidates = try #require(scenario.candidates)
        #expect(candidates.kind == Self.childcare)
        #expect(candidates.choose == 2)
        #expect(candidates.within == 300)
        #expect(candidates.group == .age0to3)
        #expect(candidates.line == 5)
        #expect(candidates.sites.map(\.id.rawValue) == ["S-1", "S-2", "S-3"])
        #expect(candidates.sites.map(\.verb) == ["add", "add", "add"])
        #expect(candidates.sites.map(\.line) == [10, 11, 12])
        #expect(candidates.sites.map(\.path) == ["candidates.sites[0]", "candidates.sites[1]", "candidates.sites[2]"])
        guard case .add(let first) = candidates.sites[0].action, case .add(let second) = candidates.sites[1].action
        else {
            Issue.record("expected adds")
            return
        }
        // The same reading as an `add` change: GCJ-02 back to WGS 84, cells parsed by the schema.
        #expect((0.004...0.007).contains(113.2201 - first.location.lon), "\(first.location)")
        #expect(first.attributes == ["places": .integer(60)])
        #expect(second.attributes == ["places": .integer(40), "public": .boolean(true)])
        #expect(second.location == Coordinate(lon: 113.23, lat: 23.41))

        // Candidates alone make a scenario; the group defaults to everyone.
        let alone = try Self.parse(
            """
            scenario: x
            candidates:
              kind: childcare
              choose: 1
              within_m: 500
              sites:
                - {id: S-1, name: 候选1, at: [113.22, 23.40], attributes: {places: 60}}
            """)
        #expect(alone.changes.isEmpty)
        #expect(alone.candidates?.group == .total)
    }

    static let site = "{id: S-1, name: s, at: [113.2, 23.4], attributes: {places: 1}}"

    @Test(arguments: [
        (
            "candidates:\n  kind: nursery\n  choose: 1\n  within_m: 300\n  sites: [\(site)]", 2,
            "candidates.kind", "unknown facility kind"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 0\n  within_m: 300\n  sites: [\(site)]", 3,
            "candidates.choose", "1 or more"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 2\n  within_m: 300\n  sites: [\(site)]", 3,
            "candidates.choose", "only 1 are offered"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 1\n  within_m: -5\n  sites: [\(site)]", 4,
            "candidates.within_m", "more than 0 metres"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 1\n  within_m: 300\n  group: babies\n  sites: [\(site)]", 5,
            "candidates.group", "unknown population group 'babies'"
        ),
        ("candidates:\n  kind: childcare\n  choose: 1\n  within_m: 300", 2, "candidates.sites", "is required"),
        (
            "candidates:\n  kind: childcare\n  choose: 1\n  within_m: 300\n  sites: [\(site), \(site)]", 5,
            "candidates.sites[1].id", "already has id 'S-1'"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 1\n  within_m: 300\n  sites:\n"
                + "    - {id: S-1, name: s, at: [113.2, 23.4], attributes: {places: lots}}", 6,
            "candidates.sites[0].attributes.places", "'lots' is not a whole number"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 1\n  within_m: 300\n  sites:\n"
                + "    - {id: S-1, name: s, to: [113.2, 23.4], attributes: {places: 1}}", 6,
            "candidates.sites[0]", "unknown key 'to'"
        ),
        (
            "candidates:\n  kind: childcare\n  choose: 1\n  within_m: 300\n  radius: 5\n  sites: [\(site)]", 5,
            "candidates", "unknown key 'radius'"
        ),
    ])
    func candidateMistakesNameTheLineAndField(text: String, line: Int, field: String, reason: String) throws {
        try mistakesNameTheLineAndField(text: text, line: line, field: field, reason: reason)
    }
}
