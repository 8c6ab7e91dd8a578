import FacilityKit
import Foundation
import Rules
import Testing

/// Rule packs and plan profiles read from YAML: every mistake names the file, the line and the field.
@Suite("Rule packs and profiles from YAML")
struct RulePackLoadingTests {
    static let pack = """
        pack: test
        version: 1.0.0
        title: {zh: 测试, en: Test}
        rules:
          - id: test.toilet_ratio
            title: {zh: 厕位比, en: Stall ratio}
            measure: attribute
            facilities: {kind: public_toilet, where: "not high_footfall"}
            require: "female_stalls >= 1.5 * (male_stalls + urinals)"
            target: 1.0
            citations:
              - document: CJJ 14-2016 城市公共厕所设计标准
                clause: 女厕位与男厕位比例
                confidence: secondary
          - id: test.kindergarten_300m
            title: {zh: 幼儿园, en: Kindergarten}
            measure: coverage
            facilities: {kind: life_circle_service, where: "category == 'kindergarten'"}
            within_m: 300
            target: 0.9
            citations: [{document: GB 50180-2018, clause: 3.0.4, confidence: verified}]
          - id: test.places
            title: {zh: 托位, en: Places}
            measure: per_capita
            facilities: childcare
            supply_field: places
            targets: [{year: 2025, value: 4}, {year: 2030, value: 6}]
            citations: [{document: 花都儿童规划, clause: 主要目标 5, quote: 达到6个以上, confidence: verified}]

        """

    @Test func aPackLoads() throws {
        let pack = try Fixtures.withFile(Self.pack) { url in try RulePack(contentsOf: url) }
        #expect(pack.name == "test")
        #expect(pack.version == SemanticVersion(1, 0, 0))
        #expect(pack.rules.map(\.id.rawValue) == ["test.toilet_ratio", "test.kindergarten_300m", "test.places"])
        let ratio = pack.rules[0]
        #expect(
            ratio.measure
                == .attribute(
                    facilities: FacilityFilter(kind: Fixtures.kind("public_toilet"), where: "not high_footfall"),
                    require: "female_stalls >= 1.5 * (male_stalls + urinals)"))
        #expect(
            ratio.citations == [
                Citation(document: "CJJ 14-2016 城市公共厕所设计标准", clause: "女厕位与男厕位比例", confidence: .secondary)
            ])
        #expect(
            pack.rules[1].measure
                == .coverage(
                    facilities: [
                        FacilityFilter(kind: Fixtures.kind("life_circle_service"), where: "category == 'kindergarten'")
                    ],
                    group: .total, withinMeters: 300, perUnit: false))
        #expect(pack.rules[1].targets == TargetSchedule(value: 0.9))
        #expect(
            pack.rules[2].measure
                == .perCapita(
                    facilities: FacilityFilter(kind: Fixtures.kind("childcare")), supplyField: "places", group: .total,
                    per: 1000, method: .unitTotals, perUnit: false))
        #expect(pack.rules[2].targets.steps == [.init(year: 2025, value: 4), .init(year: 2030, value: 6)])
        #expect(pack.rules[2].citations[0].quote == "达到6个以上")
    }

    @Test func minutesBecomeMetresAtTheWalkingSpeed() throws {
        let text = Self.pack.replacingOccurrences(of: "within_m: 300", with: "within_minutes: 15")
        let fast = Self.pack.replacingOccurrences(of: "within_m: 300", with: "within_minutes: 10\n    speed_kmh: 4.5")
        let rules = try [text, fast].map { text in
            try Fixtures.withFile(text) { url in try RulePack(contentsOf: url).rules[1] }
        }
        guard case .coverage(_, _, let fifteen, _) = rules[0].measure,
            case .coverage(_, _, let ten, _) = rules[1].measure
        else {
            Issue.record("expected coverage rules")
            return
        }
        #expect(fifteen == 1000)
        #expect(ten == 750)
    }

    /// Each kind of mistake, at its line and field.
    static func mistakes() -> [(String, String, String, String)] {
        [
            (
                "within_m: 300", "within_m: far", "within_m: far",
                "field 'rules[1].within_m': expected a number, got 'far'"
            ),
            (
                "measure: coverage", "measure: reach", "measure: reach",
                "field 'rules[1].measure': unknown measure 'reach'; use one of: coverage, per_capita, presence, count, attribute, mandate"
            ),
            (
                "supply_field: places", "suply_field: places", "suply_field",
                "field 'rules[2]': unknown key 'suply_field' for a per_capita rule (did you mean 'supply_field'?); expected one of: "
                    + "citations, facilities, group, id, measure, method, note, per, per_unit, speed_kmh, supply_field, target, targets, "
                    + "title, within_m, within_minutes"
            ),
            (
                "target: 0.9", "target: 90", "target: 90",
                "field 'rules[1].target': a share is between 0 and 1 (0.9 means 90 %), got 90.0"
            ),
            (
                "\"not high_footfall\"", "\"not high_footfall or\"", "not high_footfall or",
                "field 'rules[0].facilities.where': column 21: expected a value after 'or' in \"not high_footfall or\""
            ),
            (
                "\"female_stalls >= 1.5 * (male_stalls + urinals)\"",
                "\"female_stalls >= 1.5 * (male_stalls + urinals\"",
                "require:",
                "field 'rules[0].require': column 46: expected ')' to close the '(' at column 24, found the end in "
                    + "\"female_stalls >= 1.5 * (male_stalls + urinals\""
            ),
            (
                "confidence: secondary", "confidence: sure", "confidence: sure",
                "field 'rules[0].citations[0].confidence': unknown confidence 'sure'; use verified (✔ read in the source), "
                    + "secondary (◐ seen in a secondary source) or unverified (✱)"
            ),
            (
                "    citations: [{document: 花都儿童规划, clause: 主要目标 5, quote: 达到6个以上, confidence: verified}]\n", "",
                "- id: test.places",
                "field 'rules[2].citations': is required: every rule cites its document, clause, quote and confidence"
            ),
            (
                "{year: 2030, value: 6}", "{year: 2025, value: 6}", "targets:",
                "field 'rules[2].targets[1].year': year 2025 is given twice"
            ),
            (
                "facilities: childcare", "facilities: Childcare", "facilities: Childcare",
                "field 'rules[2].facilities': 'Childcare' is not a facility kind: use the plugin id in lower snake case, e.g. maternity_room"
            ),
            (
                "id: test.places", "id: Test Places", "id: Test Places",
                "field 'rules[2].id': 'Test Places' is not a rule id: lower case words joined by '.', '_' or '-', e.g. huadu.childcare_places"
            ),
            (
                "within_m: 300", "within_m: 300\n    within_minutes: 5", "within_m: 300",
                "field 'rules[1].within_m': give within_m or within_minutes, not both"
            ),
            (
                "supply_field: places", "supply_field: places\n    method: gravity", "method: gravity",
                "field 'rules[2].method': unknown method 'gravity'; use unit_totals or two_step_floating_catchment"
            ),
            (
                "supply_field: places", "supply_field: places\n    method: two_step_floating_catchment",
                "- id: test.places",
                "field 'rules[2].within_m': is required for two_step_floating_catchment: give within_m or within_minutes"
            ),
            (
                "target: 1.0", "target: 1.0\n    targets: [{value: 1}]", "target: 1.0",
                "field 'rules[0].target': give target or targets, not both"
            ),
            (
                "title: {zh: 托位, en: Places}", "title: {zh: 托位, en: Places", "measure: per_capita",
                "is not valid YAML: did not find expected ',' or '}'"
            ),
            ("version: 1.0.0", "version: one", "version: one", "field 'version': 'one' is not a version like 1.0.0"),
        ]
    }

    @Test(arguments: mistakes())
    func mistakesNameFileLineAndField(original: String, replacement: String, lineOf: String, expected: String) throws {
        let text = Self.pack.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.pack)
        try Fixtures.expectProblem(
            expected, line: Fixtures.line(of: lineOf, in: text), { url in _ = try RulePack(contentsOf: url) },
            text: text)
    }

    static let profile = """
        profile: test-2021-2030
        version: 1.0.0
        title: {zh: 测试规划, en: Test plan}
        region: {name: 花都区, adcode: 440114}
        extends: [test]
        rules:
          - use: test.places
            targets: [{year: 2025, value: 4}, {year: 2030, value: 6}]
            citations: [{document: 花都儿童规划, clause: 重点工程（四）, confidence: verified}]
          - use: [test.toilet_ratio]
            add_citations: [{document: 花都妇女规划, clause: 策略措施 9, confidence: verified}]
          - id: test.children_home
            title: {zh: 儿童之家, en: Children's homes}
            measure: presence
            facilities: {kind: children_home}
            unit_level: community
            target: 1
            citations: [{document: 花都儿童规划, clause: 主要目标 10, confidence: verified}]

        """

    @Test func aProfileLoads() throws {
        let profile = try Fixtures.withFile(Self.profile) { url in try PlanProfile(contentsOf: url) }
        #expect(profile.id == "test-2021-2030")
        #expect(profile.region == PlanProfile.Region(name: "花都区", adcode: "440114"))
        #expect(profile.extends == ["test"])
        #expect(profile.entries.count == 3)
        #expect(profile.summary.title.en == "Test plan")
    }

    static func profileMistakes() -> [(String, String, String, String)] {
        [
            (
                "    citations: [{document: 花都儿童规划, clause: 重点工程（四）, confidence: verified}]\n", "",
                "- use: test.places",
                "field 'rules[0].citations': is required: a profile that sets its own target cites the clause that sets it "
                    + "(citations: replaces the rule's own, which were for its old value)"
            ),
            (
                "adcode: 440114", "adcode: 4401", "region:",
                "field 'region.adcode': '4401' is not a 6-digit administrative division code, e.g. 440114"
            ),
            (
                "  - use: [test.toilet_ratio]", "  - uses: [test.toilet_ratio]", "uses:",
                "field 'rules[1]': give either use: <rule id> to reuse a rule, or a full rule with id, measure, …"
            ),
            (
                "add_citations:", "add_citation:", "add_citation:",
                "field 'rules[1]': unknown key 'add_citation' in a use: entry (a full rule has no use:) (did you mean 'add_citations'?); "
                    + "expected one of: add_citations, citations, group, host_where, id, note, per_unit, speed_kmh, target, targets, "
                    + "title, unit_level, use, where, within_m, within_minutes"
            ),
            (
                "  - use: [test.toilet_ratio]", "  - use: [test.toilet_ratio, test.places]\n    id: test.renamed",
                "id: test.renamed",
                "field 'rules[1].id': a new id fits one reused rule, not a list"
            ),
            (
                "extends: [test]", "extend: [test]", "extend:",
                "unknown key 'extend' in a plan profile (did you mean 'extends'?); expected one of: extends, profile, region, rules, title, version"
            ),
        ]
    }

    @Test(arguments: profileMistakes())
    func profileMistakesNameFileLineAndField(original: String, replacement: String, lineOf: String, expected: String)
        throws
    {
        let text = Self.profile.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.profile)
        try Fixtures.expectProblem(
            expected, line: Fixtures.line(of: lineOf, in: text), { url in _ = try PlanProfile(contentsOf: url) },
            text: text)
    }
}
