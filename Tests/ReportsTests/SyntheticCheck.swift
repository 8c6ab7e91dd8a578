import FacilityKit
import GeoCore
import Rules
import TestSupport

@testable import Reports

/// A small synthetic check, made up for these tests (not real places or figures): one district
/// "合成区（测试）" of three square streets near Huadu, and one rule of every measure, status and
/// failing reason.
enum SyntheticCheck {
    static let westEdge = 113.20
    static let southEdge = 23.38
    /// Each street is 0.02° square (about 2 km).
    static let streetSize = 0.02

    static let district = AdminUnitID("T000")
    static let streets = [AdminUnitID("T001"), AdminUnitID("T002"), AdminUnitID("T003")]
    static let streetNames = ["合成甲街道（测试）", "合成乙街道（测试）", "合成丙街道（测试）"]
    /// Residents: the three streets add up to the district.
    static let streetPopulation = [500_000.0, 400_000.0, 273_000.0]
    static let streetChildren0to3 = [12_000.0, 10_000.0, 8_000.0]

    static let childcare = pluginID("childcare")
    static let maternityRoom = pluginID("maternity_room")
    static let publicToilet = pluginID("public_toilet")
    static let publicVenue = pluginID("public_venue")
    static let childrenHome = pluginID("children_home")
    static let kindergarten = pluginID("kindergarten")
    static let park = pluginID("park")

    /// A toilet whose name needs escaping in every format.
    static let awkwardName = "<b>\"东门\" 公厕 & 'west'</b> | 1"
    static let mandatedVenueCount = 60

    static func pluginID(_ text: String) -> PluginID {
        guard let id = PluginID(rawValue: text) else { preconditionFailure("'\(text)' is not a plugin id") }
        return id
    }

    static func ruleID(_ text: String) -> RuleID {
        guard let id = RuleID(rawValue: text) else { preconditionFailure("'\(text)' is not a rule id") }
        return id
    }

    static var asOf: CivilDate {
        guard let date = CivilDate(year: 2025, month: 6, day: 30) else { preconditionFailure("not a date") }
        return date
    }

    static func square(west: Double, south: Double, size: Double) -> Geometry {
        .polygon([
            [
                Coordinate(lon: west, lat: south), Coordinate(lon: west + size, lat: south),
                Coordinate(lon: west + size, lat: south + size), Coordinate(lon: west, lat: south + size),
                Coordinate(lon: west, lat: south),
            ]
        ])
    }

    /// A point inside street `index`, at fractions `fx`, `fy` of its width and height.
    static func point(inStreet index: Int, _ fx: Double, _ fy: Double) -> Coordinate {
        Coordinate(lon: westEdge + (Double(index) + fx) * streetSize, lat: southEdge + fy * streetSize)
    }

    static var units: [AdminUnit] {
        let width = 3 * streetSize
        var units = [
            AdminUnit(
                id: district, name: "合成区（测试）", level: "district",
                outline: .polygon([
                    [
                        Coordinate(lon: westEdge, lat: southEdge), Coordinate(lon: westEdge + width, lat: southEdge),
                        Coordinate(lon: westEdge + width, lat: southEdge + streetSize),
                        Coordinate(lon: westEdge, lat: southEdge + streetSize),
                        Coordinate(lon: westEdge, lat: southEdge),
                    ]
                ]),
                population: [
                    .total: streetPopulation.reduce(0, +),
                    PopulationGroupName("age_0_3"): streetChildren0to3.reduce(0, +),
                ],
                populationSource: "合成数据（测试）")
        ]
        for index in streets.indices {
            units.append(
                AdminUnit(
                    id: streets[index], name: streetNames[index], level: "street", parent: district,
                    outline: square(west: westEdge + Double(index) * streetSize, south: southEdge, size: streetSize),
                    population: [
                        .total: streetPopulation[index], PopulationGroupName("age_0_3"): streetChildren0to3[index],
                    ],
                    populationSource: "合成数据（测试）"))
        }
        return units
    }

    static var kinds: [FacilityKindLayer] {
        var generator = SeededGenerator(seed: 20_250_630)
        func scattered(_ count: Int) -> [Coordinate] {
            (0..<count).map { _ in
                point(
                    inStreet: Int.random(in: 0..<3, using: &generator),
                    Double.random(in: 0.05...0.95, using: &generator),
                    Double.random(in: 0.05...0.95, using: &generator))
            }
        }
        return [
            FacilityKindLayer(
                kind: childcare, name: LocalizedText(zh: "托育机构", en: "childcare centre"),
                fieldLabels: ["places": LocalizedText(zh: "托位", en: "places")], locations: scattered(25)),
            FacilityKindLayer(
                kind: maternityRoom, name: LocalizedText(zh: "母婴室", en: "maternity room"), locations: scattered(7)),
            FacilityKindLayer(
                kind: publicToilet, name: LocalizedText(zh: "公厕", en: "public toilet"),
                fieldLabels: [
                    "female_stalls": LocalizedText(zh: "女厕位", en: "female stalls"),
                    "urinals": LocalizedText(zh: "小便器", en: "urinals"),
                ],
                locations: scattered(40)),
            FacilityKindLayer(kind: publicVenue, name: LocalizedText(zh: "公共场所", en: "public venue")),
            FacilityKindLayer(
                kind: childrenHome, name: LocalizedText(zh: "儿童之家", en: "children's home"), locations: scattered(3)),
            FacilityKindLayer(
                kind: kindergarten, name: LocalizedText(zh: "幼儿园", en: "kindergarten"), locations: scattered(12)),
        ]
    }

    static let populationGroups: [PopulationGroupName: LocalizedText] = [
        .total: LocalizedText(zh: "常住人口", en: "residents"),
        PopulationGroupName("age_0_3"): LocalizedText(zh: "0–3岁儿童", en: "children 0–3"),
    ]

    // MARK: Rules

    /// Per capita, failing: 2.0 托位 per 1,000 against 4 by 2025 (6 by 2030); 1,173,000 residents,
    /// so 2 × 1,173,000 ÷ 1,000 = 2,346 托位 short. Street 乙 is 3 short per 1,000: 1,200 托位.
    static var placesPerThousand: RuleResult {
        let rule = Rule(
            id: ruleID("childcare.places_per_1000"),
            title: LocalizedText(zh: "每千人口托位数", en: "Childcare places per 1,000 residents"),
            measure: .perCapita(
                facilities: FacilityFilter(kind: childcare), supplyField: "places", group: .total, per: 1000,
                method: .unitTotals, perUnit: true),
            targets: TargetSchedule([.init(year: 2030, value: 6), .init(year: 2025, value: 4)]),
            citations: [
                Citation(
                    document: "花都区儿童发展规划（2021—2030年）", clause: "二、（五）健康 策略措施 8",
                    quote: "到2025年每千人口拥有3岁以下婴幼儿托位数达到4个", confidence: .secondary)
            ])
        return RuleResult(
            rule: rule, status: .failed, quantity: .perCapita, measured: 2.0, target: .init(year: 2025, value: 4),
            shortfall: 2.0,
            detail: LocalizedText(zh: "25 个托育机构共 2,346 个托位", en: "25 childcare centres with 2,346 places"),
            units: [
                UnitOutcome(unit: streets[0], name: streetNames[0], measured: 4.5, passed: true),
                UnitOutcome(unit: streets[1], name: streetNames[1], measured: 1.0, passed: false, shortfall: 3.0),
                UnitOutcome(unit: streets[2], name: streetNames[2], measured: nil, passed: nil),
            ])
    }

    /// Per capita by two-step floating catchment, passing, with a standing target.
    static var placesFloatingCatchment: RuleResult {
        let rule = Rule(
            id: ruleID("childcare.places_2sfca"),
            title: LocalizedText(zh: "步行可达托位（两步移动搜索法）", en: "Reachable childcare places (2SFCA)"),
            measure: .perCapita(
                facilities: FacilityFilter(kind: childcare, where: "public_benefit"), supplyField: "places",
                group: PopulationGroupName("age_0_3"), per: 1000, method: .twoStepFloatingCatchment(withinMeters: 1000),
                perUnit: false),
            targets: TargetSchedule(value: 5.5),
            citations: [
                Citation(
                    document: "乐昌市儿童发展规划（2021—2030年）", clause: "健康 主要目标 9",
                    quote: "每千人口拥有3岁以下婴幼儿托位数达到5.5个", confidence: .verified)
            ])
        return RuleResult(rule: rule, status: .passed, quantity: .perCapita, measured: 5.8, target: .init(value: 5.5))
    }

    /// Presence, passing in every street.
    static var childrenHomePresence: RuleResult {
        let rule = Rule(
            id: ruleID("children_home.presence"),
            title: LocalizedText(zh: "儿童之家覆盖", en: "Children's homes in every unit"),
            measure: .presence(facilities: FacilityFilter(kind: childrenHome), unitLevel: "street"),
            targets: TargetSchedule(value: 1),
            citations: [
                Citation(document: "中国儿童发展纲要（2021—2030年）", clause: "（七）儿童与环境 策略措施", confidence: .verified)
            ])
        return RuleResult(
            rule: rule, status: .passed, quantity: .share, measured: 1, target: .init(value: 1),
            units: streets.indices.map {
                UnitOutcome(unit: streets[$0], name: streetNames[$0], measured: 1, passed: true)
            })
    }

    /// Count, failing: 7 母婴室 against at least 10.
    static var maternityRoomCount: RuleResult {
        let rule = Rule(
            id: ruleID("maternity_room.count"),
            title: LocalizedText(zh: "母婴室数量", en: "Number of maternity rooms"),
            measure: .count(facilities: FacilityFilter(kind: maternityRoom), perUnit: false),
            targets: TargetSchedule([.init(year: 2025, value: 10)]),
            citations: [
                Citation(
                    document: "乐昌市妇女发展规划（2021—2030年）", clause: "妇女与环境 策略措施",
                    quote: "公共场所母婴室不少于10个", confidence: .unverified)
            ],
            note: LocalizedText(zh: "目标数字待核实原文。", en: "The figure awaits a check against the source."))
        return RuleResult(
            rule: rule, status: .failed, quantity: .count, measured: 7, target: .init(year: 2025, value: 10),
            shortfall: 3)
    }

    /// Attribute, failing: two toilets fail the ratio, one lacks stall counts.
    static var toiletRatio: RuleResult {
        let rule = Rule(
            id: ruleID("public_toilet.female_male_ratio"),
            title: LocalizedText(zh: "公厕女男厕位比", en: "Female to male stalls in public toilets"),
            measure: .attribute(
                facilities: FacilityFilter(kind: publicToilet),
                require: "female_stalls >= 1.5 * (male_stalls + urinals)"),
            targets: TargetSchedule(value: 1),
            citations: [
                Citation(
                    document: "城市公共厕所设计标准 CJJ 14-2016", clause: "4.1.2", quote: "女厕位与男厕位（含小便站位）的比例",
                    confidence: .secondary)
            ])
        return RuleResult(
            rule: rule, status: .failed, quantity: .share, measured: 0.6, target: .init(value: 1), shortfall: 0.4,
            detail: LocalizedText(zh: "5 座公厕中 3 座达标", en: "3 of 5 toilets meet it"),
            failing: [
                FailingFeature(
                    facility: FacilityID("WC-001"), kind: publicToilet, name: awkwardName,
                    location: point(inStreet: 0, 0.3, 0.4), reason: .fails, unit: streets[0]),
                FailingFeature(
                    facility: FacilityID("WC-002"), kind: publicToilet, name: "合成乙公厕（测试）",
                    location: point(inStreet: 1, 0.6, 0.5), reason: .fails, unit: streets[1]),
                FailingFeature(
                    facility: FacilityID("WC-003"), kind: publicToilet, name: "合成丙公厕（测试）",
                    location: point(inStreet: 2, 0.5, 0.7), reason: .missingData(fields: ["female_stalls", "urinals"]),
                    unit: streets[2]),
            ])
    }

    /// Mandate, failing: 60 large venues host no 母婴室 (more than a table lists).
    static var venueMandate: RuleResult {
        let rule = Rule(
            id: ruleID("maternity_room.venue_mandate"),
            title: LocalizedText(zh: "大型公共场所配建母婴室", en: "Large venues host a maternity room"),
            measure: .mandate(
                venues: FacilityFilter(kind: publicVenue, where: "floor_area_m2 > 10000 or daily_visitors > 10000"),
                hosts: [FacilityFilter(kind: maternityRoom)], withinMeters: 50),
            targets: TargetSchedule(value: 1),
            citations: [
                Citation(
                    document: "关于加快推进母婴设施建设的指导意见（国卫指导发〔2016〕63号）", clause: "二、（一）",
                    quote: "建筑面积超过1万平方米或日客流量超过1万人的公共场所应当建立独立的母婴室", confidence: .secondary),
                Citation(document: "花都区妇女发展规划（2021—2030年）", clause: "妇女与环境 8", confidence: .unverified),
            ])
        var generator = SeededGenerator(seed: 63)
        let failing = (1...mandatedVenueCount).map { number in
            let street = number % 3
            return FailingFeature(
                facility: FacilityID("V-\(number)"), kind: publicVenue, name: "合成商场\(number)号（测试）",
                location: point(
                    inStreet: street, Double.random(in: 0.1...0.9, using: &generator),
                    Double.random(in: 0.1...0.9, using: &generator)),
                reason: .lacksRequiredFacility(kind: maternityRoom), unit: streets[street])
        }
        return RuleResult(
            rule: rule, status: .failed, quantity: .share, measured: 0.4, target: .init(value: 1), shortfall: 0.6,
            failing: failing)
    }

    /// Coverage, failing: 72% of children 0–3 within 300 m against 90% by 2030; 0.18 × 30,000 = 5,400
    /// children to cover. Uncovered residents as dots in street 丙.
    static var kindergartenCoverage: RuleResult {
        let rule = Rule(
            id: ruleID("kindergarten.coverage_300m"),
            title: LocalizedText(zh: "幼儿园5分钟步行覆盖", en: "Kindergartens within a 5-minute walk"),
            measure: .coverage(
                facilities: [FacilityFilter(kind: kindergarten)], group: PopulationGroupName("age_0_3"),
                withinMeters: 300, perUnit: true),
            targets: TargetSchedule([.init(year: 2030, value: 0.9)]),
            citations: [
                Citation(
                    document: "城市居住区规划设计标准 GB 50180-2018", clause: "3.0.4",
                    quote: "5分钟生活圈居住区 步行距离300m", confidence: .verified)
            ])
        var generator = SeededGenerator(seed: 300)
        let uncovered = (0..<200).map { _ in
            point(
                inStreet: 2, Double.random(in: 0.02...0.98, using: &generator),
                Double.random(in: 0.02...0.98, using: &generator))
        }
        return RuleResult(
            rule: rule, status: .failed, quantity: .share, measured: 0.72, target: .init(year: 2030, value: 0.9),
            shortfall: 0.18,
            units: [
                UnitOutcome(unit: streets[0], name: streetNames[0], measured: 0.95, passed: true),
                UnitOutcome(unit: streets[1], name: streetNames[1], measured: 0.91, passed: true),
                UnitOutcome(unit: streets[2], name: streetNames[2], measured: 0.2, passed: false, shortfall: 0.7),
            ],
            uncoveredLocations: uncovered)
    }

    static let noNetworkReason = LocalizedText(
        zh: "没有步行网络：先运行 lifecircle network build", en: "No walking network: run lifecircle network build first")

    /// Not evaluable: no walking network.
    static var parkCoverage: RuleResult {
        let rule = Rule(
            id: ruleID("park.coverage_500m"),
            title: LocalizedText(zh: "儿童友好公园步行覆盖", en: "Child-friendly parks within walking distance"),
            measure: .coverage(
                facilities: [FacilityFilter(kind: park, where: "child_friendly")], group: .total, withinMeters: 500,
                perUnit: false),
            targets: TargetSchedule(value: 0.8),
            citations: [
                Citation(document: "城市儿童友好空间建设导则（试行）", clause: "社区级", confidence: .secondary)
            ])
        return RuleResult(rule: rule, status: .notEvaluable(reason: noNetworkReason), quantity: .share)
    }

    static var results: [RuleResult] {
        [
            placesPerThousand, placesFloatingCatchment, childrenHomePresence, maternityRoomCount, toiletRatio,
            venueMandate, kindergartenCoverage, parkCoverage,
        ]
    }

    static func checkResult(_ results: [RuleResult] = results) -> CheckResult {
        CheckResult(
            profile: ProfileSummary(
                id: "synthetic-test",
                title: LocalizedText(zh: "合成测试方案（2021—2030）", en: "Synthetic test profile (2021–2030)"),
                version: SemanticVersion(1, 2, 0)),
            asOf: asOf,
            results: results,
            provenance: [
                Provenance(role: "registry", name: "synthetic.gpkg", detail: "2025-06-30"),
                Provenance(role: "plugin", name: "childcare", detail: "1.0.0"),
                Provenance(role: "profile", name: "synthetic-test", detail: "1.2.0"),
            ])
    }

    /// The full report: every status, measure and failing reason.
    static var report: CheckReport {
        CheckReport(result: checkResult(), units: units, kinds: kinds, populationGroups: populationGroups)
    }
}
