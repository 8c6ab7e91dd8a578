import FacilityKit
import GeoCore
import Rules

/// A small hand-checked world: 花都 (district) with two streets and three communities, and a few
/// facilities of each kind. Coordinates are metres on a plane so distances can be checked by hand.
///
///     D 花都区 (10,000)
///     ├── S1 新华街道 (6,000): C1 (3,000), C2 (3,000)
///     └── S2 秀全街道 (4,000): C3 (4,000)
enum World {
    static let units = [
        AdminUnit(id: AdminUnitID("D"), name: "花都区", level: "district", population: [.total: 10000]),
        AdminUnit(
            id: AdminUnitID("S1"), name: "新华街道", level: "street", parent: AdminUnitID("D"), population: [.total: 6000]),
        AdminUnit(
            id: AdminUnitID("S2"), name: "秀全街道", level: "street", parent: AdminUnitID("D"), population: [.total: 4000]),
        AdminUnit(
            id: AdminUnitID("C1"), name: "一社区", level: "community", parent: AdminUnitID("S1"),
            population: [.total: 3000]),
        AdminUnit(
            id: AdminUnitID("C2"), name: "二社区", level: "community", parent: AdminUnitID("S1"),
            population: [.total: 3000]),
        AdminUnit(
            id: AdminUnitID("C3"), name: "三社区", level: "community", parent: AdminUnitID("S2"),
            population: [.total: 4000]),
    ]

    typealias F = Fixtures

    /// Facilities by kind, with the community each lies in (nil: outside every unit).
    static let facilities: [(FacilityRecord, String?)] = [
        // 托育: 20 + 10 places inside, one without a count, one outside, one closed.
        (F.facility("K1", "childcare", ["places": .integer(20), "puhui": .boolean(true)]), "C1"),
        (F.facility("K2", "childcare", ["places": .integer(10), "puhui": .boolean(false)]), "C3"),
        (F.facility("K3", "childcare", ["puhui": .boolean(true)]), "C2"),
        (F.facility("K4", "childcare", ["places": .integer(15)]), nil),
        (F.facility("K5", "childcare", ["places": .integer(100)], closed: F.date(2020, 1, 1)), "C1"),
        // 儿童之家 in two of the three communities.
        (F.facility("H1", "children_home"), "C1"),
        (F.facility("H2", "children_home"), "C3"),
        // 母婴室: three inside, one outside; R1 names its venue, R2 is 80 m from V2.
        (F.facility("R1", "maternity_room", ["venue": .text("花都 广场")], at: (9000, 9000)), "C1"),
        (F.facility("R2", "maternity_room", at: (80, 0)), "C1"),
        (F.facility("R3", "maternity_room", at: (3000, 150)), "C3"),
        (F.facility("R4", "maternity_room", at: (50000, 0)), nil),
        // 公共场所: V1 hosts by name, V2 by distance, V3 lacks one (nearest 150 m), V4 is small, V5 lacks data.
        (
            F.facility(
                "V1", "public_venue", ["venue_type": .text("commercial"), "floor_area_m2": .real(20000)],
                at: (1000, 1000), name: "花都广场"), "C1"
        ),
        (
            F.facility(
                "V2", "public_venue", ["venue_type": .text("transport_hub"), "daily_visitors": .integer(15000)],
                at: (0, 0), name: "花都汽车站"), "C2"
        ),
        (
            F.facility(
                "V3", "public_venue",
                ["venue_type": .text("tourism"), "floor_area_m2": .real(12000), "daily_visitors": .integer(800)],
                at: (3000, 0), name: "芙蓉度假区"), "C3"
        ),
        (
            F.facility(
                "V4", "public_venue", ["floor_area_m2": .real(500), "daily_visitors": .integer(200)], at: (2000, 0),
                name: "便利店"), "C3"
        ),
        (F.facility("V5", "public_venue", ["venue_type": .text("commercial")], at: (2500, 0), name: "新商场"), "C3"),
        // 公厕 (urinals count as male positions).
        (
            F.facility(
                "T1", "public_toilet",
                [
                    "female_stalls": .integer(6), "male_stalls": .integer(2), "urinals": .integer(1),
                    "high_footfall": .boolean(false),
                ]), "C1"
        ),
        (
            F.facility(
                "T2", "public_toilet",
                [
                    "female_stalls": .integer(3), "male_stalls": .integer(2), "urinals": .integer(1),
                    "high_footfall": .boolean(false),
                ]), "C2"
        ),
        (
            F.facility(
                "T3", "public_toilet",
                ["female_stalls": .integer(4), "urinals": .integer(0), "high_footfall": .boolean(false)]), "C3"
        ),
        (
            F.facility(
                "T4", "public_toilet",
                [
                    "female_stalls": .integer(8), "male_stalls": .integer(2), "urinals": .integer(2),
                    "high_footfall": .boolean(true),
                ]), "C3"
        ),
        (
            F.facility(
                "T5", "public_toilet",
                ["female_stalls": .integer(1), "male_stalls": .integer(1), "urinals": .integer(0)]), "C1"
        ),
        (
            F.facility(
                "T6", "public_toilet",
                [
                    "female_stalls": .integer(0), "male_stalls": .integer(5), "urinals": .integer(5),
                    "high_footfall": .boolean(false),
                ]), nil
        ),
        // 生活圈: kindergartens near P1 and P2; a primary school (10-minute tier) next to P3.
        (F.facility("L1", "life_circle_service", ["category": .text("kindergarten")], at: (100, 0)), "C1"),
        (F.facility("L2", "life_circle_service", ["category": .text("kindergarten")], at: (1200, 0)), "C2"),
        (F.facility("L3", "life_circle_service", ["category": .text("primary_school")], at: (5000, 100)), "C3"),
        // 公园: the derived child_friendly needs a play area, shade and a toilet with a changing table.
        (
            F.facility(
                "P1", "park",
                [
                    "playground_area_m2": .real(300), "shade": .boolean(true),
                    "changing_table_toilet_nearby": .boolean(true),
                ]), "C1"
        ),
        (
            F.facility(
                "P2", "park",
                [
                    "playground_area_m2": .real(0), "shade": .boolean(true),
                    "changing_table_toilet_nearby": .boolean(true),
                ]), "C2"
        ),
    ]

    /// Residents as points: P1 (0, 0) 1,000 in C1; P2 (1,000, 0) 500 in C2; P3 (5,000, 0) 2,000 in C3.
    static let demand: [(location: Coordinate, unit: AdminUnitID, people: Double)] = [
        (Coordinate(x: 0, y: 0), AdminUnitID("C1"), 1000),
        (Coordinate(x: 1000, y: 0), AdminUnitID("C2"), 500),
        (Coordinate(x: 5000, y: 0), AdminUnitID("C3"), 2000),
    ]

    static func planar(_ a: Coordinate, _ b: Coordinate) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    /// Coverage as the crow flies over the demand points, per community and its street and district.
    static let coverage: StaticRuleEvidence.CoverageAnswer = { facilities, group, within throws(EvidenceUnavailable) in
        guard group == .total else { throw EvidenceUnavailable(zh: "没有该人群", en: "no such group") }
        var covered = UnitFigures(overall: 0), total = UnitFigures(overall: 0)
        var uncovered: [Coordinate] = []
        for point in demand {
            let chain = [
                point.unit, point.unit.rawValue == "C3" ? AdminUnitID("S2") : AdminUnitID("S1"), AdminUnitID("D"),
            ]
            let reached = facilities.contains { planar($0.location, point.location) <= within }
            total.overall += point.people
            if reached { covered.overall += point.people } else { uncovered.append(point.location) }
            for unit in chain {
                total.byUnit[unit, default: 0] += point.people
                covered.byUnit[unit, default: 0] += reached ? point.people : 0
            }
        }
        return PopulationCoverage(covered: covered, total: total, uncoveredLocations: uncovered)
    }

    static func evidence(
        asOf: CivilDate = Fixtures.date(2024), units: [AdminUnit] = units, without kinds: Set<String> = [],
        withCoverage: Bool = true, catchment: StaticRuleEvidence.CatchmentAnswer? = nil
    ) -> StaticRuleEvidence {
        var byKind: [PluginID: [FacilityRecord]] = [:]
        var placement: [PluginID: [FacilityID: AdminUnitID]] = [:]
        for kind in [
            "childcare", "children_home", "maternity_room", "public_venue", "public_toilet", "life_circle_service",
            "park", "playground",
        ]
        where !kinds.contains(kind) {
            byKind[Fixtures.kind(kind)] = []
        }
        for (facility, unit) in facilities where byKind[facility.kind] != nil {
            byKind[facility.kind, default: []].append(facility)
            if let unit { placement[facility.kind, default: [:]][facility.id] = AdminUnitID(unit) }
        }
        return StaticRuleEvidence(
            asOf: asOf, units: units, facilities: byKind, placement: placement,
            labels: [
                Fixtures.kind("public_toilet"): LocalizedText(zh: "公厕", en: "public toilets"),
                Fixtures.kind("maternity_room"): LocalizedText(zh: "母婴室", en: "nursing room"),
                Fixtures.kind("public_venue"): LocalizedText(zh: "公共场所", en: "venues"),
            ],
            derive: { kind, attributes in
                guard kind.rawValue == "park" else { return [:] }
                guard case .real(let area)? = attributes["playground_area_m2"],
                    case .boolean(let shade)? = attributes["shade"],
                    case .boolean(let toilet)? = attributes["changing_table_toilet_nearby"]
                else { return [:] }
                return ["child_friendly": .boolean(area > 0 && shade && toilet)]
            },
            coverage: withCoverage ? coverage : nil, catchment: catchment, distance: planar)
    }
}
