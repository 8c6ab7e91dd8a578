import FacilityKit
import Foundation
import Rules

/// The verdict over all rules: passed only when every rule was evaluated and passed.
enum Verdict: String {
    case passed
    /// At least one rule failed.
    case failed
    /// None failed, but at least one could not be evaluated, so the plan is not shown to be met.
    case incomplete
}

/// How many rules passed, failed, or could not be evaluated.
struct StatusCounts: Hashable {
    var passed = 0
    var failed = 0
    var notEvaluable = 0
}

extension RuleResult.Status {
    /// The stable word for ids, classes and JSON: `passed`, `failed`, `not_evaluable`.
    var key: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .notEvaluable: "not_evaluable"
        }
    }
}

/// A shortfall turned into what must be added: 托位, facilities, residents to cover, units to equip.
struct ShortfallAmount: Hashable {
    /// Rounded up to whole units.
    var amount: Double
    /// What is counted, e.g. 托位 / places.
    var unit: LocalizedText
    /// What the amount was computed from, e.g. the population of the group.
    var basis: Double
}

extension CheckReport {
    var counts: StatusCounts {
        var counts = StatusCounts()
        for result in result.results {
            switch result.status {
            case .passed: counts.passed += 1
            case .failed: counts.failed += 1
            case .notEvaluable: counts.notEvaluable += 1
            }
        }
        return counts
    }

    var verdict: Verdict {
        let counts = counts
        if counts.failed > 0 { return .failed }
        return counts.notEvaluable > 0 || result.results.isEmpty ? .incomplete : .passed
    }

    func layer(of kind: PluginID) -> FacilityKindLayer? { kinds.first { $0.kind == kind } }

    func unit(_ id: AdminUnitID) -> AdminUnit? { units.first { $0.id == id } }

    /// The kind's name, or its id when the report was given no name for it.
    func kindName(_ kind: PluginID) -> LocalizedText {
        layer(of: kind)?.name ?? LocalizedText(zh: kind.rawValue, en: kind.rawValue)
    }

    /// A field's label from its kind's schema, or the field name.
    func fieldName(_ field: String, of kind: PluginID) -> LocalizedText {
        layer(of: kind)?.fieldLabels[field] ?? LocalizedText(zh: field, en: field)
    }

    func groupName(_ group: PopulationGroupName) -> LocalizedText {
        populationGroups[group] ?? LocalizedText(zh: group.rawValue, en: group.rawValue)
    }

    /// The units no other listed unit contains, so their populations add up without counting anyone twice.
    var outermostUnits: [AdminUnit] {
        let ids = Set(units.map(\.id))
        return units.filter { unit in unit.parent.map { !ids.contains($0) } ?? true }
    }

    /// The group's population over the whole area; nil unless every outermost unit gives it.
    func population(of group: PopulationGroupName) -> Double? {
        let outermost = outermostUnits
        guard !outermost.isEmpty else { return nil }
        var total = 0.0
        for unit in outermost {
            guard let count = unit.population[group], count.isFinite else { return nil }
            total += count
        }
        return total
    }

    /// What a per-capita rule's supply is counted in: the supply field's label, or the kind's name.
    func supplyName(of measure: RuleMeasure) -> LocalizedText? {
        guard case .perCapita(let filter, let supplyField, _, _, _, _) = measure else { return nil }
        if let supplyField { return fieldName(supplyField, of: filter.kind) }
        return kindName(filter.kind)
    }

    /// The shortfall over the whole area as something to add: supply units for per-capita rules
    /// (shortfall × population ÷ per), residents for coverage rules (shortfall × population), admin
    /// units for presence rules (shortfall × number of units). Nil when it does not fail or the
    /// population is unknown.
    func shortfallAmount(of outcome: RuleResult) -> ShortfallAmount? {
        guard let shortfall = outcome.shortfall, shortfall.isFinite, shortfall > 0 else { return nil }
        switch outcome.rule.measure {
        case .perCapita(_, _, let group, let per, _, _):
            guard let population = population(of: group), per > 0, let name = supplyName(of: outcome.rule.measure)
            else { return nil }
            return ShortfallAmount(amount: roundedUp(shortfall * population / per), unit: name, basis: population)
        case .coverage(_, let group, _, _):
            guard let population = population(of: group) else { return nil }
            return ShortfallAmount(amount: roundedUp(shortfall * population), unit: groupName(group), basis: population)
        case .presence:
            guard !outcome.units.isEmpty else { return nil }
            let count = Double(outcome.units.count)
            return ShortfallAmount(
                amount: roundedUp(shortfall * count), unit: LocalizedText(zh: "行政单元", en: "admin units"),
                basis: count)
        case .count, .attribute, .mandate:
            return nil
        }
    }

    /// A per-capita rule's shortfall in one unit, in supply units; nil when unknown or not short.
    func supplyShortfall(of outcome: RuleResult, in unitOutcome: UnitOutcome) -> Double? {
        guard case .perCapita(_, _, let group, let per, _, _) = outcome.rule.measure, per > 0,
            let shortfall = unitOutcome.shortfall, shortfall.isFinite, shortfall > 0,
            let population = unit(unitOutcome.unit)?.population[group], population.isFinite
        else { return nil }
        return roundedUp(shortfall * population / per)
    }

    /// For each admin unit, how many rules fail there: a unit reading that fails, or a failing
    /// feature located in it. Each rule counts once per unit.
    var failingRuleCounts: [AdminUnitID: Int] {
        var counts: [AdminUnitID: Int] = [:]
        for outcome in result.results {
            var here = Set(outcome.units.filter { $0.passed == false }.map(\.unit))
            for feature in outcome.failing {
                if let unit = feature.unit { here.insert(unit) }
            }
            for unit in here { counts[unit, default: 0] += 1 }
        }
        return counts
    }
}

extension CheckReport {
    /// For each admin unit, how many rules say nothing of it: rules not evaluable at all, and rules whose reading
    /// in the unit has no verdict (no data there). A unit with none failing but some of these is not shown as
    /// passing.
    var unevaluatedRuleCounts: [AdminUnitID: Int] {
        var counts: [AdminUnitID: Int] = [:]
        for outcome in result.results {
            let readings = Dictionary(outcome.units.map { ($0.unit, $0) }) { first, _ in first }
            for unit in units {
                let unevaluated: Bool
                if case .notEvaluable = outcome.status {
                    unevaluated = true
                } else if let reading = readings[unit.id] {
                    unevaluated = reading.passed == nil
                } else {
                    unevaluated = false
                }
                if unevaluated { counts[unit.id, default: 0] += 1 }
            }
        }
        return counts
    }
}

/// Rounds up to a whole number, ignoring floating-point dust (2346.0000001 is 2346).
func roundedUp(_ value: Double) -> Double {
    (value - 1e-6).rounded(.up)
}
