import FacilityKit
import GeoCore
import Rules

/// The shape of `report.json`, as `Docs/schemas/check-report.schema.json` describes it. Property
/// names are written in snake case; absent optional members are left out, except the figures of a
/// rule (measured, target, shortfall), which are `null` when there is none.
struct ReportDocument: Encodable {
    static let formatName = "lifecircle-check-report"
    static let formatVersion = 1

    var format = formatName
    var formatVersion = formatVersion
    var profile: Profile
    var asOf: String
    var verdict: String
    var counts: Counts
    var rules: [RuleEntry]
    var units: [Unit]
    var kinds: [Kind]
    var provenance: [Source]
    /// Left out when there are none.
    var dataWarnings: [LocalizedText]?

    struct Profile: Encodable {
        var id: String
        var title: LocalizedText
        var version: String
    }

    struct Counts: Encodable {
        var passed: Int
        var failed: Int
        var notEvaluable: Int
        var total: Int
    }

    struct RuleEntry: Encodable {
        var id: String
        var title: LocalizedText
        var status: String
        var notEvaluableReason: LocalizedText?
        var quantity: String
        var measure: Measure
        var measured: Double?
        var target: Step?
        var targets: [Step]
        var shortfall: Double?
        var shortfallAmount: Amount?
        var detail: LocalizedText?
        var units: [UnitReading]
        var failing: [Failing]
        var uncoveredLocations: [[Double]]
        var citations: [Citation]
        var note: LocalizedText?

        enum CodingKeys: String, CodingKey {
            case id, title, status, notEvaluableReason, quantity, measure, measured, target, targets, shortfall
            case shortfallAmount, detail, units, failing, uncoveredLocations, citations, note
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(status, forKey: .status)
            try c.encodeIfPresent(notEvaluableReason, forKey: .notEvaluableReason)
            try c.encode(quantity, forKey: .quantity)
            try c.encode(measure, forKey: .measure)
            try c.encode(measured, forKey: .measured)
            try c.encode(target, forKey: .target)
            try c.encode(targets, forKey: .targets)
            try c.encode(shortfall, forKey: .shortfall)
            try c.encodeIfPresent(shortfallAmount, forKey: .shortfallAmount)
            try c.encodeIfPresent(detail, forKey: .detail)
            try c.encode(units, forKey: .units)
            try c.encode(failing, forKey: .failing)
            try c.encode(uncoveredLocations, forKey: .uncoveredLocations)
            try c.encode(citations, forKey: .citations)
            try c.encodeIfPresent(note, forKey: .note)
        }
    }

    struct Measure: Encodable {
        var kind: String
        var facilities: [Filter]?
        var venues: Filter?
        /// The first of `hosts`, as reports before host lists had it.
        var host: Filter?
        var hosts: [Filter]?
        var group: String?
        var withinM: Double?
        var perUnit: Bool?
        var supplyField: String?
        var per: Double?
        var method: String?
        var catchmentM: Double?
        var unitLevel: String?
        var require: String?
    }

    struct Filter: Encodable {
        var kind: String
        var condition: String?
    }

    struct Step: Encodable {
        var year: Int?
        var value: Double

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(year, forKey: .year)
            try c.encode(value, forKey: .value)
        }

        enum CodingKeys: String, CodingKey { case year, value }
    }

    struct Amount: Encodable {
        var amount: Double
        var unit: LocalizedText
        var basis: Double
    }

    struct UnitReading: Encodable {
        var unit: String
        var name: String
        var measured: Double?
        var passed: Bool?
        var shortfall: Double?
        var supplyShortfall: Double?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(name, forKey: .name)
            try c.encode(measured, forKey: .measured)
            try c.encode(passed, forKey: .passed)
            try c.encode(shortfall, forKey: .shortfall)
            try c.encodeIfPresent(supplyShortfall, forKey: .supplyShortfall)
        }

        enum CodingKeys: String, CodingKey { case unit, name, measured, passed, shortfall, supplyShortfall }
    }

    struct Failing: Encodable {
        var facility: String
        var kind: String
        var name: String
        var location: [Double]?
        var reason: Reason
        var unit: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(facility, forKey: .facility)
            try c.encode(kind, forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(location, forKey: .location)
            try c.encode(reason, forKey: .reason)
            try c.encodeIfPresent(unit, forKey: .unit)
        }

        enum CodingKeys: String, CodingKey { case facility, kind, name, location, reason, unit }
    }

    struct Reason: Encodable {
        var kind: String
        var fields: [String]?
        var requiredKind: String?
    }

    struct Citation: Encodable {
        var document: String
        var clause: String
        var quote: String?
        var confidence: String
    }

    struct Unit: Encodable {
        var id: String
        var name: String
        var level: String?
        var parent: String?
        var population: [Population]
        var populationSource: String?
        var hasOutline: Bool
    }

    struct Population: Encodable {
        var group: String
        var count: Double
    }

    struct Kind: Encodable {
        var kind: String
        var name: LocalizedText
        var facilityCount: Int
    }

    struct Source: Encodable {
        var role: String
        var name: String
        var detail: String?
    }
}
