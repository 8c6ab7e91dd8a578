import FacilityKit

extension RuleEvaluator {
    /// The share of a group's residents within walking distance of any matching facility, from the
    /// evidence's network and demand. Facilities outside the admin units serve residents inside.
    func coverage(
        _ filters: [FacilityFilter], group: PopulationGroupName, withinMeters: Double, perUnit: Bool
    ) throws(NotEvaluable) -> Measurement {
        var facilities: [FacilityRecord] = []
        var undecided: [FailingFeature] = []
        var seen: Set<FacilityID> = []
        // Any of the filters serves (a 托儿所 registered as a life-circle service or as childcare): the rule
        // needs data of one of the kinds, not of all.
        var firstMissing: NotEvaluable?
        var anyKindHasData = false
        for filter in filters {
            let selection: Selection
            do {
                selection = try selectNonEmpty(filter, inArea: false)
            } catch {
                firstMissing = firstMissing ?? error
                continue
            }
            anyKindHasData = true
            for facility in selection.matched where seen.insert(facility.id).inserted { facilities.append(facility) }
            undecided += undecidedFeatures(selection)
        }
        if !anyKindHasData, let firstMissing { throw firstMissing }
        let coverage: PopulationCoverage
        do {
            coverage = try evidence.coverage(of: facilities, group: group, withinMeters: withinMeters)
        } catch {
            throw NotEvaluable(error)
        }
        guard coverage.total.overall > 0 else { throw NotEvaluable(Reasons.noPopulationInDemand(group)) }
        let overall = coverage.covered.overall / coverage.total.overall
        let figures = evidence.units.map { unit in
            let total = coverage.total.byUnit[unit.id] ?? 0
            return Measurement.UnitFigure(
                unit: unit, measured: total > 0 ? (coverage.covered.byUnit[unit.id] ?? 0) / total : nil)
        }
        let kinds = filters.map { label($0.kind) }.uniqued()
        let kindText = LocalizedText(
            zh: kinds.map(\.zh).joined(separator: "或"), en: kinds.map(\.en).joined(separator: " or "))
        let share = Wording.percent(overall)
        var detail = LocalizedText(
            zh: "\(label(group).zh)中，步行 \(Wording.metres(withinMeters)) 米内有\(kindText.zh)的占 \(share.zh)"
                + "（\(Wording.whole(coverage.covered.overall)) / \(Wording.whole(coverage.total.overall)) 人，"
                + "\(facilities.count) 处设施）",
            en: "\(share.en) of \(label(group).en) live within \(Wording.metres(withinMeters)) m walk of a "
                + "\(kindText.en) (\(Wording.whole(coverage.covered.overall)) of \(Wording.whole(coverage.total.overall)); "
                + "\(facilities.count) facilities)")
        if coverage.unsnappedPopulation > 0 {
            let people = Wording.whole(coverage.unsnappedPopulation)
            detail =
                detail
                + LocalizedText(
                    zh: "；\(people) 人离路网太远、无法接入，计为未覆盖",
                    en: "; \(people) live too far from the network to be snapped and count as not covered")
        }
        if coverage.inPartsWithoutFacility.overall > 0 {
            detail = detail + Self.residentsCutOff(coverage.inPartsWithoutFacility, units: evidence.units)
        }
        if coverage.nearFragments > 0 { detail = detail + Self.nearFragments(coverage.nearFragments) }
        if !undecided.isEmpty {
            detail =
                detail
                + LocalizedText(
                    zh: "；\(undecided.count) 处设施缺少\(Wording.fields(Wording.missingFields(undecided)).zh)，未计入",
                    en: "; \(undecided.count) facilities lack \(Wording.fields(Wording.missingFields(undecided)).en) "
                        + "and are left out")
        }
        var measured = overall
        if perUnit {
            let judged = figures.compactMap { figure in figure.measured.map { (figure.unit, $0) } }
            guard let lowest = judged.min(by: { $0.1 < $1.1 }) else { throw NotEvaluable(Reasons.noUnits) }
            measured = lowest.1
            detail = detail + Self.lowestUnit(lowest.0, Wording.percent(lowest.1), of: judged.count)
        }
        return Measurement(
            measured: measured, detail: detail, units: figures, failing: undecided,
            uncovered: coverage.uncoveredLocations, meeting: facilities)
    }

    /// "; 1,234 live where no walk reaches one (新华街道 1,000, 花山镇 234)": residents on parts of the network
    /// without the facilities, with the units holding most of them.
    static func residentsCutOff(_ people: UnitFigures, units: [AdminUnit]) -> LocalizedText {
        let named = units.compactMap { unit in people.byUnit[unit.id].map { (unit.name, $0) } }
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        let list = named.prefix(5).map { "\($0.0) \(Wording.whole($0.1))" }.joined(separator: ", ")
            + (named.count > 5 ? ", …" : "")
        let inUnits = named.isEmpty ? LocalizedText(zh: "", en: "") : LocalizedText(zh: "（\(list)）", en: " (\(list))")
        return LocalizedText(
            zh: "；\(Wording.whole(people.overall)) 人所在的路网片区内没有这类设施，步行无法到达\(inUnits.zh)",
            en: "; \(Wording.whole(people.overall)) live on a part of the walking network with none of them, where no "
                + "walk reaches one\(inUnits.en)")
    }

    /// "; for 12 the nearest street is a fragment…": residents snapped past a fragment set aside.
    static func nearFragments(_ people: Double) -> LocalizedText {
        LocalizedText(
            zh: "；\(Wording.whole(people)) 人最近的道路是过小的零碎路段，已接入较大的路网片区",
            en: "; for \(Wording.whole(people)) the nearest street is a fragment too small to analyse, so they were "
                + "snapped to a larger part")
    }

    /// "; lowest of 10 units: 新华街道, 62.5 %" — for rules read in every unit.
    static func lowestUnit(_ unit: AdminUnit, _ value: LocalizedText, of count: Int) -> LocalizedText {
        LocalizedText(
            zh: "；按单元判断，\(count) 个单元中最低的是\(unit.name)（\(value.zh)）",
            en: "; read in every unit, the lowest of \(count) is \(unit.name) (\(value.en))")
    }
}
