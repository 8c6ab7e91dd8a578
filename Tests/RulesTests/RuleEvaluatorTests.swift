import FacilityKit
import GeoCore
import Rules
import Testing

/// Every measure on the hand-checked `World`, the paths that cannot be evaluated, per-unit splits
/// and targets by year.
@Suite("Rule evaluation")
struct RuleEvaluatorTests {
    typealias F = Fixtures

    static func evaluate(_ rule: Rule, in evidence: StaticRuleEvidence = World.evidence()) -> RuleResult {
        RuleEvaluator(evidence: evidence).evaluate(rule)
    }

    static func unit(_ result: RuleResult, _ id: String) -> UnitOutcome? {
        result.units.first { $0.unit.rawValue == id }
    }

    static func reason(_ result: RuleResult) -> LocalizedText? {
        if case .notEvaluable(let reason) = result.status { return reason }
        return nil
    }

    static let places = Rule(
        id: F.ruleID("t.places"), title: LocalizedText(zh: "托位", en: "Places"),
        measure: .perCapita(
            facilities: FacilityFilter(kind: F.kind("childcare")), supplyField: "places", group: .total, per: 1000,
            method: .unitTotals, perUnit: false),
        targets: TargetSchedule([.init(year: 2025, value: 4), .init(year: 2030, value: 6)]), citations: [F.citation])

    // MARK: per_capita

    @Test func perCapitaSumsSupplyInTheUnits() throws {
        let result = Self.evaluate(Self.places)
        // 20 + 10 places (K3 has no count, K4 lies outside, K5 is closed) for 10,000 residents.
        #expect(result.quantity == .perCapita)
        #expect(result.measured == 3)
        #expect(result.target == .init(year: 2025, value: 4))
        #expect(result.status == .failed)
        #expect(result.shortfall == 1)
        #expect(Self.unit(result, "S1")?.measured.map { ($0 * 1000).rounded() } == 3333)
        #expect(Self.unit(result, "S2")?.measured == 2.5)
        #expect(Self.unit(result, "C1")?.measured.map { ($0 * 1000).rounded() } == 6667)
        #expect(Self.unit(result, "C1")?.passed == true)
        #expect(Self.unit(result, "C2")?.measured == 0)
        #expect(Self.unit(result, "C2")?.shortfall == 4)
        #expect(result.units.count == 6)
        #expect(result.failing.map(\.facility.rawValue) == ["K3"])
        #expect(result.failing.first?.reason == .missingData(fields: ["places"]))
        #expect(result.failing.first?.unit == AdminUnitID("C2"))
        #expect(result.detail?.zh == "3 个childcare共 30 places，“total”人口 10,000 人，每 1,000 人 3.00；1 个缺少 places，按 0 计")
        #expect(
            result.detail?.en
                == "30 places in 3 childcare for 10,000 residents (total): 3.00 per 1,000; 1 lack places and count as 0"
        )
    }

    /// As of 2024 the 2025 step applies; as of 2026 the 2030 one; after the last year, the last.
    @Test(arguments: [
        (F.date(2024, 6, 30), 4.0, 1.0), (F.date(2025, 12, 31), 4.0, 1.0), (F.date(2026, 1, 1), 6.0, 3.0),
        (F.date(2031, 1, 1), 6.0, 3.0),
    ])
    func targetsApplyByYear(asOf: CivilDate, target: Double, shortfall: Double) {
        let result = Self.evaluate(Self.places, in: World.evidence(asOf: asOf))
        #expect(result.target?.value == target)
        #expect(result.shortfall == shortfall)
    }

    @Test func perUnitRulesPassOnlyWhenEveryUnitDoes() {
        var rule = Self.places
        rule.measure = .perCapita(
            facilities: FacilityFilter(kind: F.kind("childcare")), supplyField: "places", group: .total, per: 1000,
            method: .unitTotals, perUnit: true)
        rule.targets = TargetSchedule(value: 2.5)
        let result = Self.evaluate(rule)
        // S2 and C3 reach 2.5 and D 3.0, but C2 has none: the lowest unit decides.
        #expect(result.measured == 0)
        #expect(result.status == .failed)
        #expect(result.shortfall == 2.5)
        #expect(result.units.filter { $0.passed == false }.map(\.unit.rawValue) == ["C2"])
        #expect(result.detail?.en.hasSuffix("; read in every unit, the lowest of 6 is 二社区 (0.00)") == true)
        rule.measure = .perCapita(
            facilities: FacilityFilter(kind: F.kind("childcare")), supplyField: "places", group: .total, per: 1000,
            method: .unitTotals, perUnit: false)
        #expect(Self.evaluate(rule).status == .passed)
    }

    @Test func perCapitaNeedsUnitsAndTheirPopulation() {
        let noUnits = Self.evaluate(Self.places, in: World.evidence(units: []))
        #expect(Self.reason(noUnits)?.en.hasPrefix("No admin units: import the 街道/社区 boundaries") == true)
        #expect(noUnits.measured == nil)
        var infants = Self.places
        infants.measure = .perCapita(
            facilities: FacilityFilter(kind: F.kind("childcare")), supplyField: "places",
            group: PopulationGroupName("age_0_3"),
            per: 1000, method: .unitTotals, perUnit: false)
        let noPopulation = Self.evaluate(infants)
        #expect(Self.reason(noPopulation)?.zh.hasPrefix("行政单元没有“age_0_3”人口数") == true)
        #expect(noPopulation.status != .passed)
    }

    @Test func twoStepFloatingCatchmentSharesSupplyOverTheNetwork() {
        let catchment: StaticRuleEvidence.CatchmentAnswer = { supply, group, within, per throws(EvidenceUnavailable) in
            // Facilities outside the units serve residents inside: K4's 15 places are passed on.
            let total = supply.reduce(0) { $0 + $1.amount }
            return UnitFigures(overall: total / 10, byUnit: [AdminUnitID("D"): total / 10])
        }
        var rule = Self.places
        rule.measure = .perCapita(
            facilities: FacilityFilter(kind: F.kind("childcare")), supplyField: "places", group: .total, per: 1000,
            method: .twoStepFloatingCatchment(withinMeters: 1000), perUnit: false)
        let result = Self.evaluate(rule, in: World.evidence(catchment: catchment))
        #expect(result.measured == 4.5)
        #expect(result.status == .passed)
        #expect(Self.unit(result, "D")?.measured == 4.5)
        #expect(Self.unit(result, "S1")?.measured == nil)
        #expect(result.detail?.zh.hasPrefix("两步移动搜索法（步行 1,000 米）：4 个childcare") == true)
        let withoutNetwork = Self.evaluate(rule)
        #expect(Self.reason(withoutNetwork)?.en.hasPrefix("No walking network or demand") == true)
    }

    // MARK: presence

    @Test func presenceCountsUnitsOfALevel() {
        let rule = F.rule(
            "t.homes", .presence(facilities: FacilityFilter(kind: F.kind("children_home")), unitLevel: "community"),
            target: 1)
        let result = Self.evaluate(rule)
        #expect(result.quantity == .share)
        #expect(result.measured == 2.0 / 3)
        #expect(result.status == .failed)
        #expect(result.shortfall.map { ($0 * 3).rounded() } == 1)
        #expect(result.units.map(\.unit.rawValue) == ["C1", "C2", "C3"])
        #expect(result.units.map(\.passed) == [true, false, true])
        #expect(result.detail?.zh == "3 个社区中 2 个有children_home（66.7%）；没有的：二社区")
        let streets = F.rule(
            "t.streets", .presence(facilities: FacilityFilter(kind: F.kind("children_home")), unitLevel: "street"),
            target: 1)
        #expect(Self.evaluate(streets).status == .passed)
        let villages = F.rule(
            "t.villages", .presence(facilities: FacilityFilter(kind: F.kind("children_home")), unitLevel: "village"),
            target: 1)
        #expect(
            Self.reason(Self.evaluate(villages))?.en
                == "No admin units of level 'village' (there are: district, street, community): import them with "
                + "lifecircle admin import … --level village")
    }

    @Test func aPlanWithoutANumberShowsTheFigureButIsNeverPassed() {
        var rule = F.rule(
            "t.homes", .presence(facilities: FacilityFilter(kind: F.kind("children_home")), unitLevel: "community"),
            target: 1)
        rule.targets = TargetSchedule([])
        let result = Self.evaluate(rule)
        #expect(result.measured == 2.0 / 3)
        #expect(Self.reason(result)?.zh == "规划未给出数值目标：此处只列出实测值，供逐年对比")
        #expect(result.units.allSatisfy { $0.passed == nil })
    }

    // MARK: count

    @Test func countTakesTheFacilitiesInsideTheUnits() {
        let rule = F.rule(
            "t.rooms", .count(facilities: FacilityFilter(kind: F.kind("maternity_room")), perUnit: false), target: 10)
        let result = Self.evaluate(rule)
        #expect(result.quantity == .count)
        #expect(result.measured == 3)
        #expect(result.shortfall == 7)
        #expect(result.detail == LocalizedText(zh: "共 3 个母婴室", en: "3 nursing room in all"))
        #expect(Self.unit(result, "S1")?.measured == 2)
        // Without units the area is everything registered: R4 counts too.
        #expect(Self.evaluate(rule, in: World.evidence(units: [])).measured == 4)
        let everyUnit = F.rule(
            "t.rooms", .count(facilities: FacilityFilter(kind: F.kind("maternity_room")), perUnit: true), target: 1)
        let perUnit = Self.evaluate(everyUnit)
        #expect(perUnit.measured == 0)
        #expect(perUnit.units.filter { $0.passed == false }.map(\.name) == ["二社区"])
    }

    // MARK: attribute

    static let ratio = F.rule(
        "t.ratio",
        .attribute(
            facilities: FacilityFilter(kind: F.kind("public_toilet"), where: "not high_footfall"),
            require: "female_stalls >= 1.5 * (male_stalls + urinals)"),
        target: 1)

    @Test func attributeRulesListFailingAndMissingData() throws {
        let result = Self.evaluate(Self.ratio)
        // T1 meets it, T2 fails, T3 lacks male_stalls; T4 is high-footfall; T5 cannot be placed; T6 is outside.
        #expect(result.measured == 1.0 / 3)
        #expect(result.status == .failed)
        #expect(result.failing.map(\.facility.rawValue) == ["T2", "T3", "T5"])
        #expect(
            result.failing.map(\.reason) == [
                .fails, .missingData(fields: ["male_stalls"]), .missingData(fields: ["high_footfall"]),
            ])
        #expect(result.detail?.zh == "3 个公厕中 1 个符合（33.3%），1 个缺少 male_stalls；另有 1 个缺少 high_footfall，无法判断是否适用")
        #expect(
            result.detail?.en
                == "public toilets: 1 of 3 meet it (33.3 %); 1 lack male_stalls; 1 more lack high_footfall, so whether it applies is not known"
        )
        #expect(Self.unit(result, "C1")?.measured == 1)
        #expect(Self.unit(result, "S1")?.measured == 0.5)
        #expect(Self.unit(result, "C3")?.measured == 0)
        let high = F.rule(
            "t.high",
            .attribute(
                facilities: FacilityFilter(kind: F.kind("public_toilet"), where: "high_footfall"),
                require: "female_stalls >= 2 * (male_stalls + urinals)"),
            target: 1)
        #expect(Self.evaluate(high).status == .passed)
    }

    @Test func attributeRulesWithNothingToCheckAreNotEvaluable() {
        let rule = F.rule(
            "t.class1",
            .attribute(
                facilities: FacilityFilter(kind: F.kind("public_toilet"), where: "toilet_class == 'class1'"),
                require: "female_stalls >= 2 * (male_stalls + urinals)"),
            target: 1)
        let result = Self.evaluate(rule)
        #expect(
            Self.reason(result)?.en
                == "None of the 5 public toilets is known to meet \"toilet_class == 'class1'\" (5 lack the data to tell): "
                + "fill it in and check again")
        #expect(result.failing.count == 5)
    }

    @Test func derivedAttributesAreRead() {
        let rule = F.rule(
            "t.friendly", .attribute(facilities: FacilityFilter(kind: F.kind("park")), require: "child_friendly"),
            target: 1)
        let result = Self.evaluate(rule)
        #expect(result.measured == 0.5)
        #expect(result.failing.map(\.facility.rawValue) == ["P2"])
    }

    // MARK: mandate

    static func mandate(_ venues: Condition) -> Rule {
        F.rule(
            "t.mandate",
            .mandate(
                venues: FacilityFilter(kind: F.kind("public_venue"), where: venues),
                hosts: [FacilityFilter(kind: F.kind("maternity_room"))], withinMeters: 100),
            target: 1)
    }

    @Test func mandatesListTheVenuesLackingTheHost() {
        let result = Self.evaluate(Self.mandate("floor_area_m2 > 10000 or daily_visitors > 10000"))
        // V1 hosts by name (spaces aside), V2 by distance (80 m), V3's nearest room is 150 m off;
        // V4 is too small; V5 lacks both figures.
        #expect(result.measured == 2.0 / 3)
        #expect(result.failing.map(\.facility.rawValue) == ["V3", "V5"])
        #expect(
            result.failing.map(\.reason) == [
                .lacksRequiredFacility(kind: F.kind("maternity_room")),
                .missingData(fields: ["daily_visitors", "floor_area_m2"]),
            ])
        #expect(result.failing.first?.name == "芙蓉度假区")
        #expect(result.failing.first?.location == Coordinate(x: 3000, y: 0))
        #expect(
            result.detail?.zh
                == "3 个须设母婴室的公共场所中 2 个已设（场所内或 100 米内）（66.7%）；另有 1 个公共场所缺少 daily_visitors、floor_area_m2，无法判断是否须设")
        #expect(Self.unit(result, "C3")?.passed == false)
        #expect(Self.unit(result, "C1")?.passed == true)
    }

    @Test func theTwoPlansMandateDifferentVenues() {
        // 花都: listed types, each only when large. 乐昌: transport, culture/sports and public service whatever
        // their size, and any other large venue.
        let huadu = Self.evaluate(
            Self.mandate(
                Condition(
                    "venue_type in [medical, transport_hub, culture_sports, public_service, commercial, tourism] "
                        + "and (floor_area_m2 > 10000 or daily_visitors > 10000)")))
        #expect(huadu.measured == 2.0 / 3)
        #expect(huadu.failing.map(\.facility.rawValue) == ["V3", "V5"])
        let lechang = Self.evaluate(
            Self.mandate(
                "venue_type in [transport_hub, culture_sports, public_service] or floor_area_m2 > 10000 or daily_visitors > 10000"
            ))
        // V4 has no type: it might be a transport venue, so it is listed as lacking data.
        #expect(lechang.failing.map(\.facility.rawValue) == ["V3", "V4", "V5"])
        #expect(lechang.failing[1].reason == .missingData(fields: ["venue_type"]))
    }

    // MARK: coverage

    static func coverage(_ filter: Condition, perUnit: Bool = false) -> Rule {
        F.rule(
            "t.coverage",
            .coverage(
                facilities: [FacilityFilter(kind: F.kind("life_circle_service"), where: filter)], group: .total,
                withinMeters: 300, perUnit: perUnit),
            target: 0.9)
    }

    @Test func coverageIsTheShareOfResidentsWithinReach() {
        let result = Self.evaluate(Self.coverage("category == 'kindergarten'"))
        // P1 (1,000) and P2 (500) have a kindergarten within 300 m; P3 (2,000) has only a primary school.
        #expect(result.measured == 1500.0 / 3500)
        #expect(result.status == .failed)
        #expect(result.uncoveredLocations == [Coordinate(x: 5000, y: 0)])
        #expect(Self.unit(result, "C1")?.measured == 1)
        #expect(Self.unit(result, "C3")?.measured == 0)
        #expect(
            result.detail?.en
                == "42.9 % of residents (total) live within 300 m walk of a life_circle_service (1,500 of 3,500; 2 facilities)"
        )
        // A higher tier stands in only where the rule names it.
        let eitherTier = Self.evaluate(Self.coverage("category in [kindergarten, primary_school]"))
        #expect(eitherTier.measured == 1)
        #expect(eitherTier.status == .passed)
        let perUnit = Self.evaluate(Self.coverage("category == 'kindergarten'", perUnit: true))
        #expect(perUnit.measured == 0)
        #expect(perUnit.detail?.zh.hasSuffix("按单元判断，6 个单元中最低的是秀全街道（0.0%）") == true)
    }

    @Test func coverageWithoutNetworkOrGroupIsNotEvaluable() {
        let noNetwork = Self.evaluate(
            Self.coverage("category == 'kindergarten'"), in: World.evidence(withCoverage: false))
        #expect(Self.reason(noNetwork)?.zh.hasPrefix("没有步行路网或人口分布") == true)
        var women = Self.coverage("category == 'kindergarten'")
        women.measure = .coverage(
            facilities: [FacilityFilter(kind: F.kind("life_circle_service"))], group: PopulationGroupName("women"),
            withinMeters: 300, perUnit: false)
        #expect(Self.reason(Self.evaluate(women))?.en == "no such group")
    }

    // MARK: what cannot be evaluated

    @Test func kindsWithoutAPluginOrFacilitiesAreNotEvaluable() {
        let beds = Rule(
            id: F.ruleID("t.beds"), title: LocalizedText(zh: "床位", en: "Beds"),
            measure: .perCapita(
                facilities: FacilityFilter(kind: F.kind("paediatric_ward")), supplyField: "beds",
                group: PopulationGroupName("age_0_14"), per: 1000, method: .unitTotals, perUnit: false),
            targets: TargetSchedule(value: 3.17), citations: [F.citation])
        let noPlugin = Self.evaluate(beds)
        #expect(Self.reason(noPlugin)?.en.hasPrefix("No plugin for the facility kind 'paediatric_ward'") == true)
        #expect(noPlugin.target?.value == 3.17)
        let playgrounds = F.rule(
            "t.playgrounds",
            .attribute(facilities: FacilityFilter(kind: F.kind("playground")), require: "area_m2 >= 100"),
            target: 1)
        #expect(
            Self.reason(Self.evaluate(playgrounds))?.zh
                == "登记库中没有 2024-06-30 开放的playground（在所查行政单元内）：用 lifecircle import playground 文件 --crs … 导入清单")
        let rooms = Self.evaluate(
            Self.mandate("daily_visitors > 10000"), in: World.evidence(without: ["maternity_room"]))
        #expect(Self.reason(rooms)?.en.hasPrefix("No plugin for the facility kind 'maternity_room'") == true)
    }

    @Test func aCheckPassesOnlyWhenEveryRuleIsEvaluatedAndPasses() {
        let evaluator = RuleEvaluator(evidence: World.evidence())
        let profile = ProfileSummary(
            id: "t", title: LocalizedText(zh: "测试", en: "Test"), version: SemanticVersion(1, 0, 0))
        let high = F.rule(
            "t.high",
            .attribute(
                facilities: FacilityFilter(kind: F.kind("public_toilet"), where: "high_footfall"),
                require: "female_stalls >= 2 * (male_stalls + urinals)"),
            target: 1)
        let read = [Provenance(role: "profile", name: "t", detail: "1.0.0")]
        let passing = evaluator.evaluate(profile: profile, rules: [high], provenance: read)
        #expect(passing.allPassed)
        #expect(passing.asOf == F.date(2024))
        #expect(passing.provenance == read)
        var noNumber = high
        noNumber.targets = TargetSchedule([])
        let withUnjudged = evaluator.evaluate(profile: profile, rules: [high, noNumber])
        #expect(!withUnjudged.allPassed)
        #expect(withUnjudged.results.map(\.rule.id.rawValue) == ["t.high", "t.high"])
    }
}
