import FacilityKit
import Foundation
import Rules
import TestSupport
import Testing

/// The shipped pack (`GeoData/rules/`) and the three plan profiles (`GeoData/plans/`) load and resolve
/// against the contract's plugin rules and fields.
@Suite("GeoData rule packs and plan profiles")
struct GeoDataRulesTests {
    static let rulesFolder = Repository.geoData.appendingPathComponent("rules")
    static let plansFolder = Repository.geoData.appendingPathComponent("plans")

    static func catalog() throws -> RuleCatalog {
        try RuleCatalog(pluginRules: Contract.rules, packsIn: rulesFolder)
    }

    static func resolved(_ name: String) throws -> [Rule] {
        try catalog().resolve(try PlanProfile.locate(name, in: plansFolder), knownFields: Contract.fields)
    }

    @Test func theNationalPackHasEveryTierCategoryAtItsDistance() throws {
        let packs = try RulePack.loadAll(in: Self.rulesFolder)
        #expect(packs.map(\.name) == ["national"])
        let lifeCircle = packs[0].rules.filter { $0.id.rawValue.hasPrefix("national.life_circle.") }
        #expect(lifeCircle.count == 9 + 4 + 7)
        var categoriesByDistance: [Double: [String]] = [:]
        for rule in lifeCircle {
            // The first filter is the life-circle category; a second may name the kind that registers the same
            // facilities on its own (托儿所 ↔ childcare, 儿童活动场地 ↔ playground, 公共厕所 ↔ public_toilet).
            guard case .coverage(let filters, .total, let within, false) = rule.measure,
                filters[0].kind.rawValue == "life_circle_service", let condition = filters[0].condition,
                filters.dropFirst().allSatisfy({ $0.condition == nil }),
                filters.dropFirst().map(\.kind.rawValue).allSatisfy(["childcare", "playground", "public_toilet"].contains)
            else {
                Issue.record("\(rule.id): \(rule.measure)")
                continue
            }
            // Each rule names one category of its own tier: a higher tier does not stand in for a lower one.
            let category = condition.text.replacingOccurrences(of: "category == ", with: "")
                .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            categoriesByDistance[within, default: []].append(category)
            #expect(rule.targets == TargetSchedule(value: 1))
            #expect(rule.citations.map(\.confidence) == [.verified, .unverified])
        }
        #expect(categoriesByDistance[300]?.count == 9)
        #expect(
            categoriesByDistance[500] == ["primary_school", "medium_sports_ground", "fresh_market", "community_shop"])
        #expect(categoriesByDistance[1000]?.contains("community_health_centre") == true)
        #expect(categoriesByDistance[1000]?.count == 7)
    }

    @Test func theThreeProfilesLoad() throws {
        let profiles = try PlanProfile.loadAll(in: Self.plansFolder)
        #expect(profiles.map(\.id).sorted() == ["huadu-2021-2030", "lechang-2021-2030", "national"])
        #expect(
            profiles.first { $0.id == "huadu-2021-2030" }?.region == PlanProfile.Region(name: "花都区", adcode: "440114"))
        #expect(
            profiles.first { $0.id == "lechang-2021-2030" }?.region == PlanProfile.Region(name: "乐昌市", adcode: "440281")
        )
        #expect {
            _ = try PlanProfile.locate("huadu-2020-2030", in: Self.plansFolder)
        } throws: { error in
            "\(error)".hasPrefix(
                "no plan profile 'huadu-2020-2030' in \(Self.plansFolder.path) (did you mean 'huadu-2021-2030'?)")
        }
    }

    @Test(arguments: ["national", "lechang-2021-2030", "huadu-2021-2030"])
    func everyProfileResolvesWithCitedRules(name: String) throws {
        let rules = try Self.resolved(name)
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            #expect(!rule.citations.isEmpty, "\(rule.id) cites nothing")
            for step in rule.targets.steps where rule.measuresShare {
                #expect((0...1).contains(step.value), "\(rule.id): share target \(step.value)")
            }
        }
        // Every life-circle tier rule of the national pack is part of every profile.
        #expect(rules.filter { $0.id.rawValue.hasPrefix("national.life_circle.") }.count == 20)
    }

    @Test func huaduHasItsYearsAndVenues() throws {
        let rules = try Self.resolved("huadu-2021-2030")
        let byID = Dictionary(uniqueKeysWithValues: rules.map { ($0.id.rawValue, $0) })
        let places = try #require(byID["childcare.places_per_1000"])
        #expect(places.targets.step(for: 2024)?.value == 4)
        #expect(places.targets.step(for: 2026)?.value == 6)
        #expect(places.citations.allSatisfy { $0.document == "广州市花都区儿童发展规划（2021—2030年）" })
        #expect(byID["children_home.presence"]?.targets == TargetSchedule(value: 1))
        guard case .mandate(let venues, _, _)? = byID["public_venue.large_venue_maternity_room"]?.measure else {
            Issue.record("no 母婴室 mandate")
            return
        }
        #expect(
            venues.condition?.text.hasPrefix(
                "venue_type in [medical, transport_hub, culture_sports, public_service, commercial, tourism] and (")
                == true)
        #expect(byID["huadu.science_venues_streets"]?.targets.steps == [.init(year: 2030, value: 0.7)])
        // A public toilet with a family toilet, or the plugin guide's 第三卫生间 kind.
        guard case .mandate(_, let hosts, 100)? = byID["huadu.family_toilet_mandate"]?.measure else {
            Issue.record("no 第三卫生间 mandate")
            return
        }
        #expect(hosts == [
            FacilityFilter(kind: Fixtures.kind("public_toilet"), where: "family_toilet"),
            FacilityFilter(kind: Fixtures.kind("family_toilet")),
        ])
        #expect(byID["huadu.paediatric_beds"]?.kinds == [Fixtures.kind("paediatric_ward")])
        let kindergarten = try #require(byID["national.life_circle.5min.kindergarten"])
        #expect(kindergarten.citations.first?.document == "广州市花都区妇女发展规划（2021—2030年）")
        #expect(kindergarten.citations.count == 3)
        // The toilet ratios cite 花都's plan, not 乐昌's.
        #expect(byID["public_toilet.female_male_ratio"]?.citations.contains { $0.document.contains("乐昌") } == false)
    }

    @Test func lechangHasItsOwnNumbersAndVenues() throws {
        let byID = Dictionary(uniqueKeysWithValues: try Self.resolved("lechang-2021-2030").map { ($0.id.rawValue, $0) })
        #expect(byID["childcare.places_per_1000"]?.targets == TargetSchedule(value: 5.5))
        #expect(byID["children_home.presence"]?.targets.steps.isEmpty == true)
        #expect(byID["lechang.maternity_room_count"]?.targets == TargetSchedule(value: 10))
        #expect(byID["lechang.minor_protection_stations"]?.targets == TargetSchedule(value: 0.5))
        guard case .mandate(let venues, _, _)? = byID["public_venue.large_venue_maternity_room"]?.measure else {
            Issue.record("no 母婴室 mandate")
            return
        }
        #expect(
            venues.condition?.text.hasPrefix("venue_type in [transport_hub, culture_sports, public_service] or ")
                == true)
    }

    /// With no data at all, no rule of any profile passes: each says why it cannot be evaluated.
    @Test(arguments: ["national", "lechang-2021-2030", "huadu-2021-2030"])
    func withoutDataNothingPasses(name: String) throws {
        let rules = try Self.resolved(name)
        let registered = Dictionary(uniqueKeysWithValues: Contract.fields.keys.map { ($0, [FacilityRecord]()) })
        let evidence = StaticRuleEvidence(asOf: Fixtures.date(2024), facilities: registered)
        let profile = try PlanProfile.locate(name, in: Self.plansFolder)
        let result = RuleEvaluator(evidence: evidence).evaluate(profile: profile.summary, rules: rules)
        #expect(!result.allPassed)
        for outcome in result.results {
            guard case .notEvaluable(let reason) = outcome.status else {
                Issue.record("\(outcome.rule.id) is \(outcome.status) without data")
                continue
            }
            #expect(!reason.zh.isEmpty && !reason.en.isEmpty)
        }
    }
}
