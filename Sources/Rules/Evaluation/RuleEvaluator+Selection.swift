import FacilityKit

/// The facilities of a filter, split by what its condition says of each.
struct Selection {
    var kind: PluginID
    /// Every facility of the kind in the area (open on the date).
    var all: [FacilityRecord]
    var matched: [FacilityRecord]
    /// Those the condition cannot place, with the fields it misses.
    var undecided: [(facility: FacilityRecord, fields: [String])]
}

extension RuleEvaluator {
    /// The facilities of the filter's kind; not evaluable when no plugin has the kind. `inArea`
    /// keeps those inside some admin unit (all of them when the check has no units).
    func select(_ filter: FacilityFilter, inArea: Bool) throws(NotEvaluable) -> Selection {
        guard var all = evidence.facilities(of: filter.kind) else {
            throw NotEvaluable(Reasons.noPlugin(filter.kind))
        }
        if inArea, !evidence.units.isEmpty {
            let ids = Set(evidence.units.map(\.id))
            all = all.filter { evidence.unit(of: $0).map(ids.contains) ?? false }
        }
        guard let condition = filter.condition else {
            return Selection(kind: filter.kind, all: all, matched: all, undecided: [])
        }
        let expression = try compile(condition)
        var selection = Selection(kind: filter.kind, all: all, matched: [], undecided: [])
        for facility in all {
            let outcome = expression.outcome(evidence.attributes(of: facility))
            switch outcome.value {
            case .boolean(true): selection.matched.append(facility)
            case .unknown: selection.undecided.append((facility, outcome.unknownBecause.sorted()))
            default: continue
            }
        }
        return selection
    }

    /// A selection that must hold some facility of its kind: an empty registry table most often
    /// means the list was not imported, so the rule is not evaluable rather than failed.
    func selectNonEmpty(_ filter: FacilityFilter, inArea: Bool) throws(NotEvaluable) -> Selection {
        let selection = try select(filter, inArea: inArea)
        guard !selection.all.isEmpty else {
            throw NotEvaluable(
                Reasons.noFacilities(
                    filter.kind, label: label(filter.kind), date: evidence.asOf,
                    inArea: inArea && !evidence.units.isEmpty))
        }
        return selection
    }

    func compile(_ condition: Condition) throws(NotEvaluable) -> ConditionExpression {
        do {
            return try ConditionExpression(parsing: condition)
        } catch {
            throw NotEvaluable(Reasons.badCondition(condition, error))
        }
    }

    /// The admin unit holding a facility and the units above it.
    func unitChain(of facility: FacilityRecord) -> Set<AdminUnitID> {
        var chain: Set<AdminUnitID> = []
        var next = evidence.unit(of: facility)
        while let id = next, chain.insert(id).inserted {
            next = unitsByID[id]?.parent
        }
        return chain
    }

    /// Units whose parent is not among the units: their figures add up without counting twice.
    var topUnits: [AdminUnit] {
        let ids = Set(evidence.units.map(\.id))
        return evidence.units.filter { unit in unit.parent.map { !ids.contains($0) } ?? true }
    }

    /// Features that could not be judged for missing fields.
    func undecidedFeatures(_ selection: Selection) -> [FailingFeature] {
        selection.undecided.map { facility, fields in
            feature(facility, reason: .missingData(fields: fields))
        }
    }

    func feature(_ facility: FacilityRecord, reason: FailingFeature.Reason) -> FailingFeature {
        FailingFeature(
            facility: facility.id, kind: facility.kind, name: facility.name, location: facility.location,
            reason: reason,
            unit: evidence.unit(of: facility))
    }

    /// The kind's name in both languages, or its id.
    func label(_ kind: PluginID) -> LocalizedText {
        evidence.label(of: kind) ?? LocalizedText(zh: kind.rawValue, en: kind.rawValue)
    }

    func label(_ group: PopulationGroupName) -> LocalizedText {
        evidence.label(of: group) ?? LocalizedText(zh: "“\(group)”人口", en: "residents (\(group))")
    }

    /// Figures per unit, each from the facilities its chain holds.
    func figuresPerUnit(_ facilities: [FacilityRecord], units: [AdminUnit], figure: ([FacilityRecord]) -> Double?)
        -> [Measurement.UnitFigure]
    {
        let chains = facilities.map { ($0, unitChain(of: $0)) }
        return units.map { unit in
            Measurement.UnitFigure(unit: unit, measured: figure(chains.filter { $0.1.contains(unit.id) }.map(\.0)))
        }
    }
}
