import FacilityKit
import Foundation
import GeoCore
import Rules

/// Writes `report.json`: every text in both languages, figures rounded to fixed precision (six
/// decimals, coordinates seven: about a centimetre), keys sorted, so equal reports give equal bytes.
struct JSONReportWriter {
    let report: CheckReport

    func render() throws(ReportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            var data = try encoder.encode(document)
            data.append(0x0A)
            return data
        } catch {
            throw .cannotEncodeJSON(String(describing: error))
        }
    }

    var document: ReportDocument {
        let counts = report.counts
        let profile = report.result.profile
        return ReportDocument(
            profile: .init(id: profile.id, title: profile.title, version: profile.version.description),
            asOf: report.result.asOf.description,
            verdict: report.verdict.rawValue,
            counts: .init(
                passed: counts.passed, failed: counts.failed, notEvaluable: counts.notEvaluable,
                total: report.result.results.count),
            rules: report.result.results.map(entry),
            units: report.units.map { unit in
                ReportDocument.Unit(
                    id: unit.id.rawValue, name: unit.name, level: unit.level, parent: unit.parent?.rawValue,
                    population: unit.population.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap {
                        group, count in
                        figure(count).map { ReportDocument.Population(group: group.rawValue, count: $0) }
                    },
                    populationSource: unit.populationSource, hasOutline: !(unit.outline?.isEmpty ?? true))
            },
            kinds: report.kinds.map {
                ReportDocument.Kind(kind: $0.kind.rawValue, name: $0.name, facilityCount: $0.locations.count)
            },
            provenance: report.result.provenance.map { .init(role: $0.role, name: $0.name, detail: $0.detail) },
            dataWarnings: report.dataWarnings.isEmpty ? nil : report.dataWarnings)
    }

    private func entry(_ outcome: RuleResult) -> ReportDocument.RuleEntry {
        var reason: LocalizedText?
        if case .notEvaluable(let why) = outcome.status { reason = why }
        let amount = report.shortfallAmount(of: outcome).map {
            ReportDocument.Amount(amount: $0.amount, unit: $0.unit, basis: figure($0.basis) ?? 0)
        }
        return ReportDocument.RuleEntry(
            id: outcome.rule.id.rawValue,
            title: outcome.rule.title,
            status: outcome.status.key,
            notEvaluableReason: reason,
            quantity: quantity(outcome.quantity),
            measure: measure(outcome.rule.measure),
            measured: figure(outcome.measured),
            target: outcome.target.flatMap(step),
            targets: outcome.rule.targets.steps.compactMap(step),
            shortfall: figure(outcome.shortfall),
            shortfallAmount: amount,
            detail: outcome.detail,
            units: outcome.units.map { reading in
                ReportDocument.UnitReading(
                    unit: reading.unit.rawValue, name: reading.name, measured: figure(reading.measured),
                    passed: reading.passed, shortfall: figure(reading.shortfall),
                    supplyShortfall: report.supplyShortfall(of: outcome, in: reading))
            },
            failing: outcome.failing.map(failing),
            uncoveredLocations: outcome.uncoveredLocations.compactMap(position),
            citations: outcome.rule.citations.map {
                .init(document: $0.document, clause: $0.clause, quote: $0.quote, confidence: $0.confidence.rawValue)
            },
            note: outcome.rule.note)
    }

    private func quantity(_ quantity: RuleResult.Quantity) -> String {
        switch quantity {
        case .share: "share"
        case .perCapita: "per_capita"
        case .count: "count"
        }
    }

    private func measure(_ measure: RuleMeasure) -> ReportDocument.Measure {
        switch measure {
        case .coverage(let facilities, let group, let meters, let perUnit):
            return .init(
                kind: "coverage", facilities: facilities.map(filter), group: group.rawValue, withinM: figure(meters),
                perUnit: perUnit)
        case .perCapita(let facilities, let supplyField, let group, let per, let method, let perUnit):
            var catchment: Double?
            let methodName: String
            switch method {
            case .unitTotals: methodName = "unit_totals"
            case .twoStepFloatingCatchment(let meters):
                methodName = "two_step_floating_catchment"
                catchment = figure(meters)
            }
            return .init(
                kind: "per_capita", facilities: [filter(facilities)], group: group.rawValue, perUnit: perUnit,
                supplyField: supplyField, per: figure(per), method: methodName, catchmentM: catchment)
        case .presence(let facilities, let unitLevel):
            return .init(kind: "presence", facilities: [filter(facilities)], unitLevel: unitLevel)
        case .count(let facilities, let perUnit):
            return .init(kind: "count", facilities: [filter(facilities)], perUnit: perUnit)
        case .attribute(let facilities, let require):
            return .init(kind: "attribute", facilities: [filter(facilities)], require: require.text)
        case .mandate(let venues, let hosts, let meters):
            return .init(
                kind: "mandate", venues: filter(venues), host: hosts.first.map(filter), hosts: hosts.map(filter),
                withinM: figure(meters))
        }
    }

    private func filter(_ filter: FacilityFilter) -> ReportDocument.Filter {
        .init(kind: filter.kind.rawValue, condition: filter.condition?.text)
    }

    private func step(_ step: TargetSchedule.Step) -> ReportDocument.Step? {
        figure(step.value).map { ReportDocument.Step(year: step.year, value: $0) }
    }

    private func failing(_ feature: FailingFeature) -> ReportDocument.Failing {
        let reason: ReportDocument.Reason
        switch feature.reason {
        case .fails: reason = .init(kind: "fails")
        case .missingData(let fields): reason = .init(kind: "missing_data", fields: fields)
        case .lacksRequiredFacility(let kind):
            reason = .init(kind: "lacks_required_facility", requiredKind: kind.rawValue)
        }
        return .init(
            facility: feature.facility.rawValue, kind: feature.kind.rawValue, name: feature.name,
            location: position(feature.location), reason: reason, unit: feature.unit?.rawValue)
    }

    /// `[lon, lat]` rounded to seven decimals; nil for a coordinate that is not a valid geographic position.
    private func position(_ c: Coordinate) -> [Double]? {
        guard c.isValidGeographic else { return nil }
        return [rounded(c.lon, digits: 7), rounded(c.lat, digits: 7)]
    }

    private func figure(_ value: Double?) -> Double? { JSONFigures.figure(value) }

    private func rounded(_ value: Double, digits: Int) -> Double { JSONFigures.rounded(value, digits: digits) }
}

/// How the JSON writers round: fixed precision, so equal inputs give equal bytes; -0 written as 0.
enum JSONFigures {
    /// A figure rounded to six decimals; nil for none or a value that is not a finite number.
    static func figure(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return rounded(value, digits: 6)
    }

    static func rounded(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
