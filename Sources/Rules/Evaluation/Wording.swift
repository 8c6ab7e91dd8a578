import FacilityKit
import Foundation

/// How figures and unit levels read in detail sentences.
enum Wording {
    /// `62.5 %` (en) / `62.5%` (zh).
    static func percent(_ share: Double) -> LocalizedText {
        let text = String(format: "%.1f", share * 100)
        return LocalizedText(zh: "\(text)%", en: "\(text) %")
    }

    /// A supply figure: two decimals.
    static func rate(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A whole count or number of residents: `12,345`.
    static func whole(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        let digits = String(Int64(value.rounded()).magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < -0.5 ? "-" : "") + grouped
    }

    static func metres(_ value: Double) -> String {
        value == value.rounded() ? whole(value) : String(format: "%.0f", value)
    }

    /// The word for units of a level: 街道/streets, 社区/communities, …
    static func units(level: String?) -> LocalizedText {
        switch level {
        case "district": LocalizedText(zh: "区", en: "districts")
        case "street": LocalizedText(zh: "街道", en: "streets")
        case "town": LocalizedText(zh: "镇", en: "towns")
        case "community": LocalizedText(zh: "社区", en: "communities")
        case "village": LocalizedText(zh: "村", en: "villages")
        default: LocalizedText(zh: "行政单元", en: "admin units")
        }
    }

    /// Field names joined for a sentence.
    static func fields(_ names: [String]) -> LocalizedText {
        LocalizedText(zh: names.joined(separator: "、"), en: names.joined(separator: ", "))
    }

    /// The fields missing on any of the features, each once, in order.
    static func missingFields(_ features: [FailingFeature]) -> [String] {
        var names: [String] = []
        for feature in features {
            if case .missingData(let fields) = feature.reason {
                for field in fields where !names.contains(field) { names.append(field) }
            }
        }
        return names
    }
}

extension LocalizedText {
    /// Both languages with something appended.
    static func + (a: LocalizedText, b: LocalizedText) -> LocalizedText {
        LocalizedText(zh: a.zh + b.zh, en: a.en + b.en)
    }
}

extension Array where Element == LocalizedText {
    /// The texts joined, each language by its own separator: 公厕或第三卫生间, public toilet or family toilet.
    func joined(zh: String, en: String) -> LocalizedText {
        LocalizedText(zh: map(\.zh).joined(separator: zh), en: map(\.en).joined(separator: en))
    }
}
