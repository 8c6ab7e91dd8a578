public import FacilityKit

/// Checks rules against the evidence of one date. Every rule is read as "measured ≥ target", the
/// target being the step for the check's year. A rule that cannot be evaluated (no plugin for its
/// kind, no facilities, no admin units or population, no network) says why, and never passes.
public struct RuleEvaluator {
    public let evidence: any RuleEvidence
    /// The evidence's admin units by id.
    let unitsByID: [AdminUnitID: AdminUnit]

    public init(evidence: any RuleEvidence) {
        self.evidence = evidence
        unitsByID = Dictionary(evidence.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One result per rule, in order; `provenance` (the registry, the plugins, the packs and the
    /// profile read) goes into the result as given.
    public func evaluate(profile: ProfileSummary, rules: [Rule], provenance: [Provenance] = []) -> CheckResult {
        CheckResult(profile: profile, asOf: evidence.asOf, results: rules.map(evaluate), provenance: provenance)
    }

    /// Evaluates one rule.
    public func evaluate(_ rule: Rule) -> RuleResult {
        let quantity = Self.quantity(of: rule.measure)
        let measurement: Measurement
        do throws(NotEvaluable) {
            measurement = try measure(rule)
        } catch {
            return RuleResult(
                rule: rule, status: .notEvaluable(reason: error.reason), quantity: quantity,
                target: rule.targets.step(for: evidence.asOf.year), failing: error.failing)
        }
        return judge(rule, measurement, quantity: quantity)
    }

    private func measure(_ rule: Rule) throws(NotEvaluable) -> Measurement {
        switch rule.measure {
        case .coverage(let filters, let group, let within, let perUnit):
            try coverage(filters, group: group, withinMeters: within, perUnit: perUnit)
        case .perCapita(let filter, let supplyField, let group, let per, let method, let perUnit):
            try perCapita(filter, supplyField: supplyField, group: group, per: per, method: method, perUnit: perUnit)
        case .presence(let filter, let level):
            try presence(filter, unitLevel: level)
        case .count(let filter, let perUnit):
            try count(filter, perUnit: perUnit)
        case .attribute(let filter, let require):
            try attribute(filter, require: require)
        case .mandate(let venues, let hosts, let within):
            try mandate(venues: venues, hosts: hosts, withinMeters: within)
        }
    }

    static func quantity(of measure: RuleMeasure) -> RuleResult.Quantity {
        switch measure {
        case .coverage, .presence, .attribute, .mandate: .share
        case .perCapita: .perCapita
        case .count: .count
        }
    }

    /// Compares the figure with the year's target; a rule without a target shows its figure and
    /// is not judged.
    private func judge(_ rule: Rule, _ measurement: Measurement, quantity: RuleResult.Quantity) -> RuleResult {
        let target = rule.targets.step(for: evidence.asOf.year)
        let units = measurement.units.map { figure in
            let passed = target.flatMap { step in figure.measured.map { Self.meets($0, step.value) } }
            let shortfall = passed == false ? target.flatMap { step in figure.measured.map { step.value - $0 } } : nil
            return UnitOutcome(
                unit: figure.unit.id, name: figure.unit.name, measured: figure.measured, passed: passed,
                shortfall: shortfall)
        }
        var result = RuleResult(
            rule: rule, status: .passed, quantity: quantity, measured: measurement.measured, target: target,
            detail: measurement.detail, units: units, failing: measurement.failing,
            uncoveredLocations: measurement.uncovered,
            meeting: measurement.meeting.map {
                MeetingFeature(facility: $0.id, kind: $0.kind, name: $0.name, location: $0.location)
            })
        guard let target else {
            result.status = .notEvaluable(reason: Reasons.noTarget)
            return result
        }
        if !Self.meets(measurement.measured, target.value) {
            result.status = .failed
            result.shortfall = target.value - measurement.measured
        }
        return result
    }

    /// `measured ≥ target`, forgiving the last bits of floating-point rounding (0.9 out of 9/10).
    static func meets(_ measured: Double, _ target: Double) -> Bool {
        measured >= target - 1e-9 * max(1, abs(target))
    }
}
