public import FacilityKit

extension MaternityRoomPlugin {
    /// Every room has the whole equipment checklist.
    public static let equipmentComplete = Rule(
        id: RuleID(rawValue: "maternity_room.equipment_complete")!,
        title: LocalizedText(zh: "母婴室设施配置齐全", en: "Nursing rooms fully equipped"),
        measure: .attribute(
            facilities: FacilityFilter(kind: kind),
            require: Condition(Equipment.allCases.map(\.rawValue).joined(separator: " and "))),
        targets: TargetSchedule(value: 1),
        citations: [guidance(clause: "母婴室的设施配置：婴儿护理台、哺乳座椅、洗手台、电源插座、垃圾桶、私密门锁或门帘（条款号未核实）")],
        note: LocalizedText(
            zh: "婴儿护理台、哺乳座椅、洗手台、电源插座、垃圾桶、私密门锁或门帘六项均须具备。",
            en: "All six items: changing table, nursing seat, wash basin, power socket, waste bin, lockable door or curtain."))

    /// Every room is an independent room of at least 10 m².
    public static let independentRoom = Rule(
        id: RuleID(rawValue: "maternity_room.independent_10m2")!,
        title: LocalizedText(zh: "母婴室为独立房间且面积不小于10平方米", en: "Nursing rooms independent and at least 10 m²"),
        measure: .attribute(facilities: FacilityFilter(kind: kind), require: "independent and area_m2 >= 10"),
        targets: TargetSchedule(value: 1),
        citations: [guidance(clause: "独立母婴室的设置与面积（条款号未核实）")],
        note: LocalizedText(
            zh: "指导意见对建筑面积超过1万平方米或日人流量超过1万人的场所提出此要求；本规则检查所有登记的母婴室。",
            en: "The guidance asks this of venues over 10,000 m² or 10,000 visitors a day; the rule checks every registered room."))

    /// STANDARDS.md §2 has the guidance from a secondary source (◐), without clause numbers.
    private static func guidance(clause: String) -> Citation {
        Citation(document: CitedDocument.maternityFacilitiesGuidance, clause: clause, confidence: .secondary)
    }
}
