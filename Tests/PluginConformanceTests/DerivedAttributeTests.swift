import FacilityKit
import LifeCircleServicePlugin
import ParkPlugin
import Testing

/// The logic of the derived attributes, case by case.
@Suite("Derived attributes")
struct DerivedAttributeTests {
    /// Every combination of the three inputs, known and missing: child-friendly only when all three
    /// hold, unknown whenever one is missing.
    static let childFriendlyCases: [(playArea: AttributeValue?, shade: Bool?, toilet: Bool?)] = {
        var cases: [(AttributeValue?, Bool?, Bool?)] = []
        for playArea in [nil, .real(0), .real(120.5), .integer(40)] as [AttributeValue?] {
            for shade in [nil, false, true] as [Bool?] {
                for toilet in [nil, false, true] as [Bool?] { cases.append((playArea, shade, toilet)) }
            }
        }
        return cases
    }()

    @Test(arguments: childFriendlyCases)
    func childFriendlyTruthTable(playArea: AttributeValue?, shade: Bool?, toilet: Bool?) {
        var attributes: [String: AttributeValue] = ["park_area_m2": .real(52_000), "min_age": .integer(3)]
        attributes["playground_area_m2"] = playArea
        attributes["shade"] = shade.map(AttributeValue.boolean)
        attributes["changing_table_toilet_nearby"] = toilet.map(AttributeValue.boolean)
        let derived = ParkPlugin().derivedAttributes(from: attributes)["child_friendly"]
        if let area = playArea?.numericValue, let shade, let toilet {
            #expect(derived == .boolean(area > 0 && shade && toilet))
        } else {
            #expect(derived == nil)
        }
    }

    @Test func typedAttributesWinOverDerivedOnes() {
        let park = ParkPlugin()
        let attributes: [String: AttributeValue] = [
            "playground_area_m2": .real(300), "shade": .boolean(true), "changing_table_toilet_nearby": .boolean(false),
        ]
        #expect(park.attributesWithDerived(attributes)["child_friendly"] == .boolean(false))
        #expect(park.attributesWithDerived(attributes).count == 4)
    }

    /// GB 50180-2018 Appendix B as the shared contract lists it: tier by category.
    static let tiers: [(LifeCircleServicePlugin.Category, Int)] =
        [
            "kindergarten", "nursery", "community_service_station", "culture_station", "small_sports_ground",
            "outdoor_fitness", "children_play", "elderly_activity", "public_toilet",
        ].map { (LifeCircleServicePlugin.Category(rawValue: $0)!, 5) }
        + ["primary_school", "medium_sports_ground", "fresh_market", "community_shop"].map {
            (LifeCircleServicePlugin.Category(rawValue: $0)!, 10)
        }
        + [
            "middle_school", "large_sports_ground", "community_health_centre", "clinic", "elderly_home",
            "culture_centre", "street_office",
        ].map { (LifeCircleServicePlugin.Category(rawValue: $0)!, 15) }

    @Test func everyCategoryHasItsTier() {
        #expect(Self.tiers.count == LifeCircleServicePlugin.Category.allCases.count)
        let plugin = LifeCircleServicePlugin()
        for (category, minutes) in Self.tiers {
            #expect(category.tier.rawValue == minutes, "\(category)")
            #expect(plugin.derivedAttributes(from: ["category": .text(category.rawValue)]) == ["tier": .integer(Int64(minutes))])
        }
    }

    @Test func tiersWalkTheirDistances() {
        #expect(LifeCircleServicePlugin.Tier.allCases.map(\.walkingDistanceMeters) == [300, 500, 1000])
        #expect(LifeCircleServicePlugin.Tier.fiveMinutes < .fifteenMinutes)
    }

    @Test func aCategoryParsedFromAListCellGetsItsTier() throws {
        let plugin = LifeCircleServicePlugin()
        let field = try #require(plugin.schema.field(named: "category"))
        for (cell, minutes) in [("幼儿园", 5), ("Primary school", 10), ("社区卫生服务中心", 15), ("street_office", 15)] {
            let value = try #require(try field.parse(cell))
            #expect(plugin.derivedAttributes(from: ["category": value])["tier"] == .integer(Int64(minutes)), "\(cell)")
        }
    }

    @Test func noTierWithoutAKnownCategory() {
        let plugin = LifeCircleServicePlugin()
        #expect(plugin.derivedAttributes(from: [:]).isEmpty)
        #expect(plugin.derivedAttributes(from: ["category": .text("stadium")]).isEmpty)
        #expect(plugin.derivedAttributes(from: ["category": .integer(5)]).isEmpty)
    }
}
