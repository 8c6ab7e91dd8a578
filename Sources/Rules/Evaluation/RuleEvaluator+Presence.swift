import FacilityKit

extension RuleEvaluator {
    /// The share of admin units (of a level) holding at least one matching facility.
    func presence(_ filter: FacilityFilter, unitLevel: String?) throws(NotEvaluable) -> Measurement {
        guard !evidence.units.isEmpty else { throw NotEvaluable(Reasons.noUnits) }
        let units = evidence.units.filter { unitLevel == nil || $0.level == unitLevel }
        guard !units.isEmpty, let first = units.first else {
            let levels = evidence.units.compactMap(\.level).uniqued()
            throw NotEvaluable(Reasons.noUnits(level: unitLevel ?? "", known: levels))
        }
        let selection = try selectNonEmpty(filter, inArea: true)
        let figures = figuresPerUnit(selection.matched, units: units) { $0.isEmpty ? 0 : 1 }
        let having = figures.filter { $0.measured == 1 }.count
        let share = Double(having) / Double(units.count)
        let word = Wording.units(level: unitLevel ?? first.level)
        let kind = label(filter.kind)
        var detail = LocalizedText(
            zh: "\(units.count) 个\(word.zh)中 \(having) 个有\(kind.zh)（\(Wording.percent(share).zh)）",
            en: "\(having) of \(units.count) \(word.en) have a \(kind.en) (\(Wording.percent(share).en))")
        let missing = figures.filter { $0.measured == 0 }.map(\.unit.name)
        if !missing.isEmpty {
            let shown = missing.prefix(10)
            let more =
                missing.count > 10
                ? LocalizedText(zh: " 等", en: " and \(missing.count - 10) more") : LocalizedText(zh: "", en: "")
            detail =
                detail
                + LocalizedText(
                    zh: "；没有的：\(shown.joined(separator: "、"))\(more.zh)",
                    en: "; without: \(shown.joined(separator: ", "))\(more.en)")
        }
        if !selection.undecided.isEmpty {
            detail =
                detail
                + LocalizedText(
                    zh: "；\(selection.undecided.count) 个\(kind.zh)因缺少数据无法判断是否计入",
                    en: "; \(selection.undecided.count) \(kind.en) cannot be placed for missing data")
        }
        return Measurement(
            measured: share, detail: detail, units: figures, failing: undecidedFeatures(selection),
            meeting: selection.matched)
    }
}
