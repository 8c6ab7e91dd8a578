import FacilityKit

extension RuleEvaluator {
    /// Supply (the sum of a field, or the number of facilities) per `per` residents of a group:
    /// summed in the admin units, or shared out by two-step floating catchment on the network.
    func perCapita(
        _ filter: FacilityFilter, supplyField: String?, group: PopulationGroupName, per: Double,
        method: PerCapitaMethod, perUnit: Bool
    ) throws(NotEvaluable) -> Measurement {
        let twoStep: Double?
        if case .twoStepFloatingCatchment(let within) = method { twoStep = within } else { twoStep = nil }
        let selection = try selectNonEmpty(filter, inArea: twoStep == nil)
        var failing = undecidedFeatures(selection)
        var supply: [(facility: FacilityRecord, amount: Double)] = []
        var lacking = 0
        for facility in selection.matched {
            guard let supplyField else {
                supply.append((facility, 1))
                continue
            }
            if let amount = evidence.attributes(of: facility)[supplyField]?.numericValue {
                supply.append((facility, amount))
            } else {
                lacking += 1
                failing.append(feature(facility, reason: .missingData(fields: [supplyField])))
            }
        }
        let kind = label(filter.kind)
        let supplyName = supplyField.map { evidence.label(ofField: $0, of: filter.kind) ?? LocalizedText(zh: $0, en: $0) }
            ?? LocalizedText(zh: "处", en: "facilities")
        var figures: [Measurement.UnitFigure]
        var overall: Double
        var detail: LocalizedText
        if let within = twoStep {
            let result: UnitFigures
            do {
                result = try evidence.floatingCatchment(supply: supply, group: group, withinMeters: within, per: per)
            } catch {
                throw NotEvaluable(error)
            }
            overall = result.overall
            figures = evidence.units.map { Measurement.UnitFigure(unit: $0, measured: result.byUnit[$0.id]) }
            detail = LocalizedText(
                zh: "两步移动搜索法（步行 \(Wording.metres(within)) 米）：\(selection.matched.count) 个\(kind.zh)，"
                    + "每 \(Wording.whole(per)) 名\(label(group).zh)可及 \(Wording.rate(overall)) \(supplyName.zh)",
                en: "Two-step floating catchment (\(Wording.metres(within)) m walk) over \(selection.matched.count) "
                    + "\(kind.en): \(Wording.rate(overall)) \(supplyName.en) within reach per \(Wording.whole(per)) "
                    + label(group).en)
        } else {
            guard !evidence.units.isEmpty else { throw NotEvaluable(Reasons.noUnits, failing: failing) }
            let amounts = supply.map { ($0.facility, $0.amount, unitChain(of: $0.facility)) }
            figures = evidence.units.map { unit in
                guard let population = unit.population[group], population > 0 else {
                    return Measurement.UnitFigure(unit: unit, measured: nil)
                }
                let total = amounts.filter { $0.2.contains(unit.id) }.reduce(0) { $0 + $1.1 }
                return Measurement.UnitFigure(unit: unit, measured: total / population * per)
            }
            let counted = topUnits.filter { ($0.population[group] ?? 0) > 0 }
            guard !counted.isEmpty else { throw NotEvaluable(Reasons.noPopulation(group), failing: failing) }
            let countedIDs = Set(counted.map(\.id))
            let population = counted.reduce(0) { $0 + ($1.population[group] ?? 0) }
            let total = amounts.filter { !$0.2.isDisjoint(with: countedIDs) }.reduce(0) { $0 + $1.1 }
            overall = total / population * per
            detail = LocalizedText(
                zh: "\(selection.matched.count) 个\(kind.zh)共 \(Wording.whole(total)) \(supplyName.zh)，"
                    + "\(label(group).zh) \(Wording.whole(population)) 人，每 \(Wording.whole(per)) 人 \(Wording.rate(overall))",
                en: "\(Wording.whole(total)) \(supplyName.en) in \(selection.matched.count) \(kind.en) for "
                    + "\(Wording.whole(population)) \(label(group).en): \(Wording.rate(overall)) per \(Wording.whole(per))"
            )
            let without = evidence.units.count - figures.filter { $0.measured != nil }.count
            if without > 0 {
                detail =
                    detail
                    + LocalizedText(
                        zh: "；\(without) 个行政单元没有该人群人口数，未计入",
                        en: "; \(without) admin units have no population for the group and are left out")
            }
        }
        if lacking > 0, let supplyField {
            detail =
                detail
                + LocalizedText(
                    zh: "；\(lacking) 个缺少 \(supplyField)，按 0 计",
                    en: "; \(lacking) lack \(supplyField) and count as 0")
        }
        if !selection.undecided.isEmpty {
            detail =
                detail
                + LocalizedText(
                    zh: "；\(selection.undecided.count) 个因缺少数据无法判断是否计入",
                    en: "; \(selection.undecided.count) cannot be placed for missing data and are left out")
        }
        if perUnit {
            let judged = figures.compactMap { figure in figure.measured.map { (figure.unit, $0) } }
            guard let lowest = judged.min(by: { $0.1 < $1.1 }) else {
                throw NotEvaluable(Reasons.noPopulation(group), failing: failing)
            }
            overall = lowest.1
            let value = Wording.rate(lowest.1)
            detail = detail + Self.lowestUnit(lowest.0, LocalizedText(zh: value, en: value), of: judged.count)
        }
        return Measurement(
            measured: overall, detail: detail, units: figures, failing: failing, meeting: supply.map(\.facility))
    }
}
