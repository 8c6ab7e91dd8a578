import FacilityKit
import Foundation
import Rules

/// Writes `trend.json`: every text in both languages, figures rounded to six decimals, keys sorted, so equal
/// reports give equal bytes.
struct TrendJSONWriter {
    let report: TrendReport

    static let formatName = "lifecircle-trend-report"
    static let formatVersion = 1

    struct Document: Encodable {
        var format = TrendJSONWriter.formatName
        var formatVersion = TrendJSONWriter.formatVersion
        var profile: ReportDocument.Profile
        var firstYear: Int
        var lastYear: Int
        var measuredOn: String
        var warningCount: Int
        var indicators: [Indicator]
        var provenance: [ReportDocument.Source]
        /// Left out when there are none.
        var dataWarnings: [LocalizedText]?
    }

    struct Indicator: Encodable {
        var id: String
        var title: LocalizedText
        var quantity: String
        var latestStatus: String
        var readings: [Reading]
        var line: Line?
        var lineProblem: LocalizedText?
        var projections: [Projection]
        var warns: Bool
        /// `warns`, `on_track`, `not_projected` or `no_data`.
        var assessment: String
    }

    struct Reading: Encodable {
        var year: Int
        var date: String
        var value: Double?
        var reason: LocalizedText?

        /// `value` is written as `null` when there is none, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(year, forKey: .year)
            try container.encode(date, forKey: .date)
            try container.encode(value, forKey: .value)
            try container.encodeIfPresent(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case year, date, value, reason }
    }

    struct Line: Encodable {
        var slopePerYear: Double
        var intercept: Double
    }

    struct Projection: Encodable {
        var year: Int
        var target: Double
        var projected: Double?
        var warning: String?
    }

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

    var document: Document {
        Document(
            profile: .init(
                id: report.profile.id, title: report.profile.title, version: report.profile.version.description),
            firstYear: report.firstYear, lastYear: report.lastYear, measuredOn: report.measuredOn.description,
            warningCount: report.warnings.count,
            indicators: report.indicators.map { indicator in
                Indicator(
                    id: indicator.rule.id.rawValue, title: indicator.rule.title,
                    quantity: indicator.latest.quantity.rawValue, latestStatus: indicator.latest.status.key,
                    readings: indicator.readings.map {
                        Reading(year: $0.year, date: $0.date.description, value: figure($0.value), reason: $0.reason)
                    },
                    line: indicator.line.map {
                        Line(slopePerYear: figure($0.slope) ?? 0, intercept: figure($0.intercept) ?? 0)
                    },
                    lineProblem: indicator.lineProblem,
                    projections: indicator.projections.map {
                        Projection(
                            year: $0.year, target: figure($0.target) ?? 0, projected: figure($0.projected),
                            warning: $0.warning?.rawValue)
                    },
                    warns: indicator.warns, assessment: indicator.assessment.rawValue)
            },
            provenance: report.provenance.map { .init(role: $0.role, name: $0.name, detail: $0.detail) },
            dataWarnings: report.dataWarnings.isEmpty ? nil : report.dataWarnings)
    }

    private func figure(_ value: Double?) -> Double? { JSONFigures.figure(value) }
}
