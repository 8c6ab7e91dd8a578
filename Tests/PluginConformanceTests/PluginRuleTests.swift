import FacilityKit
import MaternityRoomPlugin
import ParkPlugin
import PublicToiletPlugin
import PublicVenuePlugin
import Rules
import Testing

/// What the plugins' rule conditions say about sample facilities, evaluated by the Rules module
/// (three-valued: a missing field makes the answer unknown unless the rest decides it).
@Suite("Plugin rules")
struct PluginRuleTests {
    /// The filter and the requirement of an attribute rule, compiled.
    func attributeRule(_ rule: Rule) throws -> (filter: ConditionExpression?, require: ConditionExpression) {
        guard case .attribute(let facilities, let require) = rule.measure else {
            throw RuleShapeError(rule: rule.id)
        }
        return (try facilities.condition.map { try ConditionExpression(parsing: $0) }, try ConditionExpression(parsing: require))
    }

    struct RuleShapeError: Error { var rule: RuleID }

    func toilet(_ female: Int64, _ male: Int64, _ urinals: Int64?, highFootfall: Bool?) -> [String: AttributeValue] {
        var attributes: [String: AttributeValue] = ["female_stalls": .integer(female), "male_stalls": .integer(male)]
        attributes["urinals"] = urinals.map(AttributeValue.integer)
        attributes["high_footfall"] = highFootfall.map(AttributeValue.boolean)
        return attributes
    }

    /// Urinals count as male positions: 6 female against 2 + 2 meets 1.5:1 exactly, not 2:1.
    @Test(arguments: [
        (6, 2, 2, ConditionValue.boolean(true), ConditionValue.boolean(false)),
        (5, 2, 2, .boolean(false), .boolean(false)),
        (8, 2, 2, .boolean(true), .boolean(true)),
        (3, 2, 0, .boolean(true), .boolean(false)),
        (6, 2, nil, .unknown, .unknown),
    ] as [(Int64, Int64, Int64?, ConditionValue, ConditionValue)])
    func toiletStallRatios(female: Int64, male: Int64, urinals: Int64?, ordinary: ConditionValue, busy: ConditionValue)
        throws
    {
        let normal = try attributeRule(PublicToiletPlugin.femaleMaleRatio)
        let high = try attributeRule(PublicToiletPlugin.femaleMaleRatioHighFootfall)
        let attributes = toilet(female, male, urinals, highFootfall: nil)
        #expect(normal.require.evaluate(attributes) == ordinary)
        #expect(high.require.evaluate(attributes) == busy)
    }

    @Test func eachToiletFallsUnderOneRatioRule() throws {
        let normal = try #require(try attributeRule(PublicToiletPlugin.femaleMaleRatio).filter)
        let high = try #require(try attributeRule(PublicToiletPlugin.femaleMaleRatioHighFootfall).filter)
        for flag in [false, true] {
            let attributes = toilet(6, 2, 2, highFootfall: flag)
            #expect(normal.evaluate(attributes) == .boolean(!flag))
            #expect(high.evaluate(attributes) == .boolean(flag))
        }
        #expect(normal.evaluate([:]).isUnknown && high.evaluate([:]).isUnknown)
    }

    @Test func maternityRoomEquipmentAndSize() throws {
        let equipment = try attributeRule(MaternityRoomPlugin.equipmentComplete).require
        var full = Dictionary(uniqueKeysWithValues: MaternityRoomPlugin.Equipment.allCases.map {
            ($0.rawValue, AttributeValue.boolean(true))
        })
        #expect(equipment.evaluate(full) == .boolean(true))
        full["privacy_lock"] = nil
        #expect(equipment.evaluate(full) == .unknown)
        full["wash_basin"] = .boolean(false)
        #expect(equipment.evaluate(full) == .boolean(false))

        let size = try attributeRule(MaternityRoomPlugin.independentRoom).require
        #expect(size.evaluate(["independent": .boolean(true), "area_m2": .real(10)]) == .boolean(true))
        #expect(size.evaluate(["independent": .boolean(true), "area_m2": .real(9.5)]) == .boolean(false))
        #expect(size.evaluate(["independent": .boolean(false)]) == .boolean(false))
        #expect(size.evaluate(["independent": .boolean(true)]) == .unknown)
    }

    @Test func largeVenuesByAreaOrVisitors() throws {
        guard case .mandate(let venues, let hosts, let within) = PublicVenuePlugin.largeVenueMaternityRoom.measure else {
            Issue.record("not a mandate")
            return
        }
        #expect(hosts.map(\.kind) == [MaternityRoomPlugin.kind] && within == 100)
        let large = try ConditionExpression(parsing: try #require(venues.condition))
        #expect(large.evaluate(["floor_area_m2": .real(12_000)]) == .boolean(true))
        #expect(large.evaluate(["floor_area_m2": .real(10_000), "daily_visitors": .integer(10_000)]) == .boolean(false))
        #expect(large.evaluate(["floor_area_m2": .real(8_000), "daily_visitors": .integer(25_000)]) == .boolean(true))
        #expect(large.evaluate(["floor_area_m2": .real(8_000)]) == .unknown)
    }

    @Test func everyParkNeedsAPlayArea() throws {
        let rule = try attributeRule(ParkPlugin.playArea).require
        #expect(rule.evaluate(["playground_area_m2": .real(0)]) == .boolean(false))
        #expect(rule.evaluate(["playground_area_m2": .real(350)]) == .boolean(true))
        #expect(rule.evaluate([:]) == .unknown)
    }
}
