import FacilityKit

extension RuleEvaluator {
    /// The number of matching facilities inside the admin units, or the smallest number in any unit.
    func count(_ filter: FacilityFilter, perUnit: Bool) throws(NotEvaluable) -> Measurement {
        let selection = try selectNonEmpty(filter, inArea: true)
        let figures = figuresPerUnit(selection.matched, units: evidence.units) { Double($0.count) }
        let kind = label(filter.kind)
        var detail = LocalizedText(
            zh: "共 \(selection.matched.count) 个\(kind.zh)", en: "\(selection.matched.count) \(kind.en) in all")
        if filter.condition != nil {
            detail =
                detail
                + LocalizedText(
                    zh: "符合条件（登记 \(selection.all.count) 个）",
                    en: " meet the condition (of \(selection.all.count) registered)")
        }
        if !selection.undecided.isEmpty {
            detail =
                detail
                + LocalizedText(
                    zh: "；另有 \(selection.undecided.count) 个因缺少数据无法判断，未计入",
                    en: "; \(selection.undecided.count) more lack the data to tell and are not counted")
        }
        var measured = Double(selection.matched.count)
        if perUnit {
            guard !evidence.units.isEmpty else { throw NotEvaluable(Reasons.noUnits) }
            let judged = figures.compactMap { figure in figure.measured.map { (figure.unit, $0) } }
            if let lowest = judged.min(by: { $0.1 < $1.1 }) {
                measured = lowest.1
                let value = Wording.whole(lowest.1)
                detail = detail + Self.lowestUnit(lowest.0, LocalizedText(zh: value, en: value), of: judged.count)
            }
        }
        return Measurement(
            measured: measured, detail: detail, units: figures, failing: undecidedFeatures(selection),
            meeting: selection.matched)
    }
}
