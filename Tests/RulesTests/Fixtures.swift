import FacilityKit
import Foundation
import GeoCore
import Rules
import TestSupport
import Testing

/// Small helpers shared by the Rules tests.
enum Fixtures {
    static func kind(_ id: String) -> PluginID { PluginID(rawValue: id)! }
    static func ruleID(_ id: String) -> RuleID { RuleID(rawValue: id)! }
    static func date(_ year: Int, _ month: Int = 6, _ day: Int = 30) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }

    static func facility(
        _ id: String, _ kind: String, _ attributes: [String: AttributeValue] = [:],
        at point: (x: Double, y: Double) = (0, 0),
        name: String? = nil, closed: CivilDate? = nil
    ) -> FacilityRecord {
        FacilityRecord(
            id: FacilityID(id), kind: Self.kind(kind), name: name ?? id, location: Coordinate(x: point.x, y: point.y),
            attributes: attributes, closed: closed)
    }

    static let citation = Citation(document: "测试文件", clause: "第 1 条", confidence: .verified)

    static func rule(_ id: String, _ measure: RuleMeasure, target: Double) -> Rule {
        Rule(
            id: ruleID(id), title: LocalizedText(zh: id, en: id), measure: measure,
            targets: TargetSchedule(value: target), citations: [citation])
    }

    /// The 1-based line of the first line of `text` containing `fragment`.
    static func line(of fragment: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(fragment) }) else {
            Issue.record("'\(fragment)' is not in the fixture")
            return 0
        }
        return index + 1
    }

    /// Writes `text` to a temporary file, runs `body` with its URL, and removes the folder.
    @discardableResult
    static func withFile<T>(_ text: String, named name: String = "fixture.yaml", _ body: (URL) throws -> T) throws -> T
    {
        let folder = try TemporaryFolder(prefix: "rules-tests")
        defer { folder.remove() }
        return try body(try folder.write(text, to: name))
    }

    /// Expects `body` to throw an error whose text is `"<file>:<line>: <rest>"`.
    static func expectProblem(
        _ expected: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (URL) throws -> Void, text: String
    ) throws {
        try withFile(text) { url in
            #expect(sourceLocation: sourceLocation) {
                try body(url)
            } throws: { error in
                let message = "\(error)"
                let ok = message == "\(url.path):\(line): \(expected)"
                if !ok {
                    Issue.record("expected line \(line): \(expected)\ngot: \(message)", sourceLocation: sourceLocation)
                }
                return ok
            }
        }
    }
}

/// The plugin kinds, fields and rules of the shared contract between the plugin author and the
/// rule-pack author (the bundled Swift plugins implement it; `PluginConformanceTests` checks them).
/// Stand-ins so the Rules tests resolve the shipped profiles without depending on the plugins.
enum Contract {
    static let fields: [PluginID: Set<String>] = [
        Fixtures.kind("maternity_room"): [
            "venue", "venue_type", "area_m2", "independent", "changing_table", "nursing_seat", "wash_basin",
            "power_socket", "waste_bin", "privacy_lock", "opening_hours",
        ],
        Fixtures.kind("public_toilet"): [
            "female_stalls", "male_stalls", "urinals", "unisex_stalls", "accessible_stalls", "family_toilet",
            "changing_table", "high_footfall", "toilet_class", "venue",
        ],
        Fixtures.kind("park"): [
            "park_area_m2", "playground_area_m2", "min_age", "max_age", "shade", "changing_table_toilet_nearby",
            "child_friendly",
        ],
        Fixtures.kind("playground"): ["area_m2", "min_age", "max_age", "shade", "devices"],
        Fixtures.kind("childcare"): ["places", "min_age_months", "max_age_months", "puhui", "community"],
        Fixtures.kind("children_home"): ["community", "area_m2", "staffed"],
        Fixtures.kind("life_circle_service"): ["category", "tier"],
        Fixtures.kind("public_venue"): ["venue_type", "floor_area_m2", "daily_visitors"],
    ]

    static func attribute(_ id: String, _ kind: String, where filter: Condition?, require: Condition) -> Rule {
        Fixtures.rule(
            id, .attribute(facilities: FacilityFilter(kind: Fixtures.kind(kind), where: filter), require: require),
            target: 1)
    }

    static let rules: [PluginID: [Rule]] = [
        Fixtures.kind("public_toilet"): [
            attribute(
                "public_toilet.female_male_ratio", "public_toilet", where: "not high_footfall",
                require: "female_stalls >= 1.5 * (male_stalls + urinals)"),
            attribute(
                "public_toilet.female_male_ratio_high_footfall", "public_toilet", where: "high_footfall",
                require: "female_stalls >= 2 * (male_stalls + urinals)"),
        ],
        Fixtures.kind("maternity_room"): [
            attribute(
                "maternity_room.equipment_complete", "maternity_room", where: nil,
                require:
                    "changing_table and nursing_seat and wash_basin and power_socket and waste_bin and privacy_lock"),
            attribute(
                "maternity_room.independent_10m2", "maternity_room", where: nil,
                require: "independent and area_m2 >= 10"),
        ],
        Fixtures.kind("park"): [attribute("park.play_area", "park", where: nil, require: "playground_area_m2 > 0")],
        Fixtures.kind("childcare"): [
            Rule(
                id: Fixtures.ruleID("childcare.places_per_1000"), title: LocalizedText(zh: "托位", en: "Places"),
                measure: .perCapita(
                    facilities: FacilityFilter(kind: Fixtures.kind("childcare")), supplyField: "places", group: .total,
                    per: 1000, method: .unitTotals, perUnit: false),
                targets: TargetSchedule([.init(year: 2025, value: 4.5)]), citations: [Fixtures.citation])
        ],
        Fixtures.kind("children_home"): [
            Fixtures.rule(
                "children_home.presence",
                .presence(facilities: FacilityFilter(kind: Fixtures.kind("children_home")), unitLevel: "community"),
                target: 1)
        ],
        Fixtures.kind("public_venue"): [
            Fixtures.rule(
                "public_venue.large_venue_maternity_room",
                .mandate(
                    venues: FacilityFilter(
                        kind: Fixtures.kind("public_venue"), where: "floor_area_m2 > 10000 or daily_visitors > 10000"),
                    hosts: [FacilityFilter(kind: Fixtures.kind("maternity_room"))], withinMeters: 100),
                target: 1)
        ],
    ]
}
