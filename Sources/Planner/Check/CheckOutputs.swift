import FacilityKit
public import Foundation
import GeoCore
import GeoPackage
public import Rules

/// The check's layers for QGIS: what fails and where, in one GeoPackage.
public enum CheckOutputs {
    /// Writes `failing_features` (the facilities and venues that fail a rule or lack the data to judge them),
    /// `uncovered_demand` (residents outside a coverage rule's distance) and `unit_results` (each admin unit
    /// with how many of its per-unit figures pass and fail). Replaces the file whole.
    public static func writeFailures(_ result: CheckResult, units: [AdminUnit], to url: URL) throws {
        try AtomicOutput.replaceFile(url) { temporary in
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            try file.writeLayer(failingFeatures(result), identifier: "未达标设施与场所 / failing features")
            try file.writeLayer(uncoveredDemand(result), identifier: "未覆盖的居民 / uncovered residents")
            try file.writeLayer(unitResults(result, units: units), identifier: "行政单元结果 / results per admin unit")
        }
    }

    private static func failingFeatures(_ result: CheckResult) -> FeatureLayer {
        var features: [Feature] = []
        for rule in result.results {
            for failing in rule.failing {
                let reason: (code: String, detail: String) =
                    switch failing.reason {
                    case .fails: ("fails", "")
                    case .missingData(let fields): ("missing_data", fields.joined(separator: ","))
                    case .lacksRequiredFacility(let kind): ("lacks_required_facility", kind.rawValue)
                    }
                features.append(Feature(
                    geometry: .point(failing.location),
                    properties: [
                        "rule_id": .string(rule.rule.id.rawValue), "rule_zh": .string(rule.rule.title.zh),
                        "rule_en": .string(rule.rule.title.en), "kind": .string(failing.kind.rawValue),
                        "facility_id": .string(failing.facility.rawValue), "name": .string(failing.name),
                        "reason": .string(reason.code), "reason_detail": .string(reason.detail),
                        "unit_id": failing.unit.map { .string($0.rawValue) } ?? .null,
                    ]))
            }
        }
        return FeatureLayer(
            name: "failing_features", geometry: GeometryColumn(type: .point, srsID: 4326),
            columns: [
                Column("rule_id", .text, notNull: true), Column("rule_zh", .text), Column("rule_en", .text),
                Column("kind", .text), Column("facility_id", .text), Column("name", .text), Column("reason", .text),
                Column("reason_detail", .text), Column("unit_id", .text),
            ],
            features: features)
    }

    private static func uncoveredDemand(_ result: CheckResult) -> FeatureLayer {
        let features = result.results.flatMap { rule in
            rule.uncoveredLocations.map { location in
                Feature(geometry: .point(location), properties: ["rule_id": .string(rule.rule.id.rawValue)])
            }
        }
        return FeatureLayer(
            name: "uncovered_demand", geometry: GeometryColumn(type: .point, srsID: 4326),
            columns: [Column("rule_id", .text, notNull: true)], features: features)
    }

    private static func unitResults(_ result: CheckResult, units: [AdminUnit]) -> FeatureLayer {
        let features = units.sorted { $0.id < $1.id }.map { unit in
            let outcomes = result.results.compactMap { rule in
                rule.units.first { $0.unit == unit.id }.map { (rule.rule.id.rawValue, $0) }
            }
            let failed = outcomes.filter { $0.1.passed == false }.map(\.0)
            return Feature(
                geometry: unit.outline,
                properties: [
                    "unit_id": .string(unit.id.rawValue), "name": .string(unit.name),
                    "level": unit.level.map { .string($0) } ?? .null,
                    "rules_passed": .number(Double(outcomes.filter { $0.1.passed == true }.count)),
                    "rules_failed": .number(Double(failed.count)),
                    "rules_without_data": .number(Double(outcomes.filter { $0.1.passed == nil }.count)),
                    "failed_rule_ids": .string(failed.joined(separator: ",")),
                ])
        }
        return FeatureLayer(
            name: "unit_results", geometry: GeometryColumn(type: .multiPolygon, srsID: 4326),
            columns: [
                Column("unit_id", .text, notNull: true), Column("name", .text), Column("level", .text),
                Column("rules_passed", .integer), Column("rules_failed", .integer),
                Column("rules_without_data", .integer), Column("failed_rule_ids", .text),
            ],
            features: features)
    }
}
