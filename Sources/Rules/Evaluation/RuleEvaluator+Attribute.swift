import FacilityKit

extension RuleEvaluator {
    /// The share of matching facilities that meet a condition. A facility missing a field the
    /// condition reads is listed and never counted as meeting it; one the filter cannot place is
    /// listed and left out.
    func attribute(_ filter: FacilityFilter, require: Condition) throws(NotEvaluable) -> Measurement {
        let selection = try selectNonEmpty(filter, inArea: true)
        let expression = try compile(require)
        let kind = label(filter.kind)
        guard !selection.matched.isEmpty else {
            throw NotEvaluable(
                Reasons.noneMatch(
                    kind, total: selection.all.count, condition: filter.condition, undecided: selection.undecided.count),
                failing: undecidedFeatures(selection))
        }
        var meeting: Set<FacilityID> = []
        var failing: [FailingFeature] = []
        var lacking = 0
        for facility in selection.matched {
            let outcome = expression.outcome(evidence.attributes(of: facility))
            switch outcome.value {
            case .boolean(true):
                meeting.insert(facility.id)
            case .unknown:
                lacking += 1
                failing.append(feature(facility, reason: .missingData(fields: outcome.unknownBecause.sorted())))
            default:
                failing.append(feature(facility, reason: .fails))
            }
        }
        let total = selection.matched.count
        if lacking == total {
            // Not one could be judged: a figure of 0 % would blame the facilities for the data.
            let fields = Wording.fields(Wording.missingFields(failing))
            throw NotEvaluable(
                LocalizedText(
                    zh: "\(total) 个\(kind.zh)都缺少 \(fields.zh)，无法判断：补全数据后再查",
                    en: "all \(total) \(kind.en) lack \(fields.en), so none can be judged: fill in the data and check again"),
                failing: failing + undecidedFeatures(selection))
        }
        let share = Double(meeting.count) / Double(total)
        var detail = LocalizedText(
            zh: "\(total) 个\(kind.zh)中 \(meeting.count) 个符合（\(Wording.percent(share).zh)）",
            en: "\(kind.en): \(meeting.count) of \(total) meet it (\(Wording.percent(share).en))")
        if lacking > 0 {
            let fields = Wording.fields(Wording.missingFields(failing))
            detail =
                detail
                + LocalizedText(
                    zh: "，\(lacking) 个缺少 \(fields.zh)", en: "; \(lacking) lack \(fields.en)")
        }
        if !selection.undecided.isEmpty {
            let fields = Wording.fields(Wording.missingFields(undecidedFeatures(selection)))
            detail =
                detail
                + LocalizedText(
                    zh: "；另有 \(selection.undecided.count) 个缺少 \(fields.zh)，无法判断是否适用",
                    en: "; \(selection.undecided.count) more lack \(fields.en), so whether it applies is not known")
        }
        let figures = figuresPerUnit(selection.matched, units: evidence.units) { facilities in
            facilities.isEmpty
                ? nil : Double(facilities.filter { meeting.contains($0.id) }.count) / Double(facilities.count)
        }
        return Measurement(
            measured: share, detail: detail, units: figures, failing: failing + undecidedFeatures(selection),
            meeting: selection.matched.filter { meeting.contains($0.id) })
    }
}
