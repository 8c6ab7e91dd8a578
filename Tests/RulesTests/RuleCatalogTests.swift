import FacilityKit
import Foundation
import Rules
import TestSupport
import Testing

/// Gathering rules from plugins and packs, and resolving a profile into its rules.
@Suite("Rule catalog")
struct RuleCatalogTests {
    /// A catalog of the contract's plugin rules and the test pack, and a profile read from `profileText`.
    static func resolve(_ profileText: String, fields: [PluginID: Set<String>] = Contract.fields) throws -> [Rule] {
        let pack = try Fixtures.withFile(RulePackLoadingTests.pack) { url in try RulePack(contentsOf: url) }
        let catalog = try RuleCatalog(pluginRules: Contract.rules, packs: [pack])
        return try Fixtures.withFile(profileText) { url in
            try catalog.resolve(try PlanProfile(contentsOf: url), knownFields: fields)
        }
    }

    @Test func aProfileResolvesInItsOrderThenTheExtendedPack() throws {
        let rules = try Self.resolve(RulePackLoadingTests.profile)
        #expect(
            rules.map(\.id.rawValue) == [
                "test.places", "test.toilet_ratio", "test.children_home", "test.kindergarten_300m",
            ])
        // Targets and citations replaced…
        #expect(rules[0].targets.step(for: 2024) == .init(year: 2025, value: 4))
        #expect(rules[0].targets.step(for: 2026) == .init(year: 2030, value: 6))
        #expect(rules[0].citations.map(\.clause) == ["重点工程（四）"])
        // …or added before the rule's own.
        #expect(rules[1].citations.map(\.clause) == ["策略措施 9", "女厕位与男厕位比例"])
        #expect(rules[1].targets == TargetSchedule(value: 1))
    }

    @Test func useChangesFiltersDistancesAndIDs() throws {
        let profile = """
            profile: overrides
            version: 1.0.0
            title: 改写
            rules:
              - use: public_venue.large_venue_maternity_room
                where: "venue_type in [medical, commercial] and floor_area_m2 > 10000"
                host_where: independent
                within_m: 50
              - use: test.kindergarten_300m
                id: test.kindergarten_500m
                within_minutes: 7.5
                per_unit: true
                group: age_0_14
                title: {zh: 幼儿园500米, en: Kindergarten 500 m}
              - use: test.kindergarten_300m
            """
        let rules = try Self.resolve(profile)
        #expect(
            rules.map(\.id.rawValue) == [
                "public_venue.large_venue_maternity_room", "test.kindergarten_500m", "test.kindergarten_300m",
            ])
        #expect(
            rules[0].measure
                == .mandate(
                    venues: FacilityFilter(
                        kind: Fixtures.kind("public_venue"),
                        where: "venue_type in [medical, commercial] and floor_area_m2 > 10000"),
                    hosts: [FacilityFilter(kind: Fixtures.kind("maternity_room"), where: "independent")], withinMeters: 50)
        )
        #expect(
            rules[1].measure
                == .coverage(
                    facilities: [
                        FacilityFilter(kind: Fixtures.kind("life_circle_service"), where: "category == 'kindergarten'")
                    ],
                    group: PopulationGroupName("age_0_14"), withinMeters: 500, perUnit: true))
        #expect(rules[1].title.en == "Kindergarten 500 m")
        guard case .coverage(_, _, let original, _) = rules[2].measure else {
            Issue.record("expected a coverage rule")
            return
        }
        #expect(original == 300)
    }

    /// A mandate may accept several kinds of host (a toilet with a family toilet, or a 第三卫生间 of its own):
    /// each filter read and checked where it was written; a kind no plugin registers is not an error.
    @Test func aMandateTakesAListOfHosts() throws {
        let profile = """
            profile: hosts
            version: 1.0.0
            title: 第三卫生间
            rules:
              - id: test.family_toilet
                title: {zh: 商场建设第三卫生间, en: Malls have a family toilet}
                measure: mandate
                venues: {kind: public_venue, where: "venue_type == 'commercial'"}
                host:
                  - {kind: public_toilet, where: family_toilet}
                  - {kind: family_toilet}
                within_m: 100
                target: 1
                citations: [{document: 花都妇女规划, clause: 策略措施 9, confidence: verified}]
            """
        let rules = try Self.resolve(profile)
        #expect(
            rules.first?.measure
                == .mandate(
                    venues: FacilityFilter(kind: Fixtures.kind("public_venue"), where: "venue_type == 'commercial'"),
                    hosts: [
                        FacilityFilter(kind: Fixtures.kind("public_toilet"), where: "family_toilet"),
                        FacilityFilter(kind: Fixtures.kind("family_toilet")),
                    ], withinMeters: 100))
        #expect(rules.first?.kinds.map(\.rawValue) == ["public_venue", "public_toilet", "family_toilet"])

        let typo = profile.replacingOccurrences(of: "where: family_toilet}", with: "where: family_toliet}")
        #expect {
            _ = try Self.resolve(typo)
        } throws: { error in
            "\(error)".contains("field 'rules[0].host[0].where': column 1: unknown field 'family_toliet' (did you mean 'family_toilet'?)")
        }
    }

    @Test func duplicateIDsNameBothOrigins() throws {
        let text = RulePackLoadingTests.pack.replacingOccurrences(
            of: "id: test.toilet_ratio", with: "id: park.play_area")
        try Fixtures.withFile(text) { url in
            let pack = try RulePack(contentsOf: url)
            let line = Fixtures.line(of: "- id: park.play_area", in: text)
            #expect {
                _ = try RuleCatalog(pluginRules: Contract.rules, packs: [pack])
            } throws: { error in
                let ok =
                    "\(error)"
                    == "rule 'park.play_area' is defined twice: by plugin 'park' and by rule pack 'test' (\(url.path):\(line)); "
                    + "rule ids must be unique (a profile changes a rule with 'use: park.play_area', it does not define it again)"
                if !ok { Issue.record("got: \(error)") }
                return ok
            }
        }
    }

    @Test func twoPacksOfOneNameAreRefused() throws {
        let folder = try TemporaryFolder(prefix: "rules-catalog")
        defer { folder.remove() }
        try folder.write(RulePackLoadingTests.pack, to: "a.yaml")
        try folder.write(RulePackLoadingTests.pack.replacingOccurrences(of: "test.", with: "other."), to: "b.yaml")
        #expect {
            _ = try RulePack.loadAll(in: folder.url)
        } throws: { error in
            "\(error)"
                == "rule pack 'test' is defined twice: in \(folder.path("a.yaml")) and in \(folder.path("b.yaml"))"
        }
    }

    /// Mistakes found when a profile is resolved, at the line of the profile that makes them.
    static func resolveMistakes() -> [(String, String, String)] {
        [
            (
                "- use: test.places", "- use: test.place",
                "field 'rules[0].use': no rule 'test.place' in the plugins or rule packs; did you mean 'test.places'?"
            ),
            (
                "- use: [test.toilet_ratio]", "- use: [public_toilet.female_male_ration]",
                "field 'rules[1].use': no rule 'public_toilet.female_male_ration' in the plugins or rule packs; did you mean 'public_toilet.female_male_ratio'?"
            ),
            (
                "extends: [test]", "extends: [tset]",
                "field 'extends': no rule pack 'tset' (did you mean 'test'?); packs: test"
            ),
            (
                "facilities: {kind: children_home}", "facilities: {kind: children_home, where: \"staffd\"}",
                "field 'rules[2].facilities.where': column 1: unknown field 'staffd' (did you mean 'staffed'?); the fields are: area_m2, community, staffed in \"staffd\""
            ),
            (
                "- use: [test.toilet_ratio]", "- use: [test.toilet_ratio]\n    host_where: independent",
                "field 'rules[1].host_where': rule 'test.toilet_ratio' measures attribute, which has no host"
            ),
            (
                "- use: [test.toilet_ratio]", "- use: [test.toilet_ratio]\n    where: \"female_stals > 0\"",
                "field 'rules[1].where': column 1: unknown field 'female_stals' (did you mean 'female_stalls'?); the fields are: accessible_stalls, changing_table, family_toilet, female_stalls, high_footfall, male_stalls, toilet_class, unisex_stalls, urinals, venue in \"female_stals > 0\""
            ),
            (
                "    add_citations: [{document: 花都妇女规划, clause: 策略措施 9, confidence: verified}]",
                "    citations: [{document: 花都妇女规划, clause: 策略措施 9, confidence: verified}]\n    target: 2",
                "field 'rules[1].target': a share is between 0 and 1 (0.9 means 90 %), got 2.0"
            ),
            (
                "- use: [test.toilet_ratio]", "- use: [test.toilet_ratio]\n  - use: test.toilet_ratio",
                "rule 'test.toilet_ratio' appears twice in the profile (first from plan profile 'test-2021-2030' (FILE:10)); give the second one its own id (use: … with id: …)"
            ),
            (
                "- id: test.children_home", "- id: test.kindergarten_300m",
                "rule 'test.kindergarten_300m' is already defined by rule pack 'test' (PACK:15); reuse it with use: test.kindergarten_300m, or give this rule its own id"
            ),
        ]
    }

    @Test(arguments: resolveMistakes())
    func resolvingNamesTheProfileLine(original: String, replacement: String, expected: String) throws {
        let text = RulePackLoadingTests.profile.replacingOccurrences(of: original, with: replacement)
        #expect(text != RulePackLoadingTests.profile)
        let pack = try Fixtures.withFile(RulePackLoadingTests.pack, named: "pack.yaml") { url in
            try RulePack(contentsOf: url)
        }
        let catalog = try RuleCatalog(pluginRules: Contract.rules, packs: [pack])
        let fragment = replacement.split(separator: "\n").last.map(String.init) ?? replacement
        try Fixtures.withFile(text) { url in
            let profile = try PlanProfile(contentsOf: url)
            #expect {
                _ = try catalog.resolve(profile, knownFields: Contract.fields)
            } throws: { error in
                var line = Fixtures.line(of: fragment.trimmingCharacters(in: .whitespaces), in: text)
                if expected.hasPrefix("rule 'test.toilet_ratio' appears twice") {
                    line = Fixtures.line(of: "- use: test.toilet_ratio", in: text)
                }
                if expected.hasPrefix("rule 'test.kindergarten_300m' is already") {
                    line = Fixtures.line(of: "- id: test.kindergarten_300m", in: text)
                }
                let message = expected.replacingOccurrences(of: "FILE", with: url.path)
                    .replacingOccurrences(of: "PACK", with: pack.file)
                let ok = "\(error)" == "\(url.path):\(line): \(message)"
                if !ok { Issue.record("expected line \(line): \(message)\ngot: \(error)") }
                return ok
            }
        }
    }

    @Test func kindsWithoutAPluginAreAllowedAndTheirConditionsStillParse() throws {
        let profile = """
            profile: unknown-kinds
            version: 1.0.0
            title: 无插件
            rules:
              - id: t.beds
                title: 床位
                measure: per_capita
                facilities: {kind: paediatric_ward, where: "beds > 0"}
                supply_field: beds
                group: age_0_14
                target: 3.17
                citations: [{document: d, clause: c, confidence: verified}]
            """
        let rules = try Self.resolve(profile)
        #expect(rules.first?.kinds == [Fixtures.kind("paediatric_ward")])
    }

    @Test func aPluginRuleWithABadConditionIsReportedWithItsPlugin() throws {
        var plugins = Contract.rules
        plugins[Fixtures.kind("park")] = [
            Contract.attribute("park.play_area", "park", where: nil, require: "playground_area > 0")
        ]
        let catalog = try RuleCatalog(pluginRules: plugins, packs: [])
        let profile = "profile: p\nversion: 1.0.0\ntitle: p\nrules:\n  - use: park.play_area\n"
        try Fixtures.withFile(profile) { url in
            #expect {
                _ = try catalog.resolve(try PlanProfile(contentsOf: url), knownFields: Contract.fields)
            } throws: { error in
                let ok = "\(error)".hasPrefix(
                    "\(url.path):5: field 'require': rule 'park.play_area' (from plan profile 'p' (\(url.path):5)): column 1: "
                        + "unknown field 'playground_area' (did you mean 'playground_area_m2'?)")
                if !ok { Issue.record("got: \(error)") }
                return ok
            }
        }
    }
}
