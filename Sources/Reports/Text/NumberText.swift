import Foundation

/// Numbers as reports print them: grouped thousands (2,346), a fixed number of decimals at most,
/// the same in both languages and on every machine (the `en_US` locale is fixed, not the user's).
enum NumberText {
    private static let locale = Locale(identifier: "en_US")

    /// `value` with at most `fractionDigits` decimals and grouped thousands; "-0" never appears.
    static func decimal(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite else { return "—" }
        let scale = pow(10, Double(fractionDigits))
        let rounded = (value * scale).rounded() / scale
        let shown = rounded == 0 ? 0 : rounded
        return shown.formatted(
            .number.precision(.fractionLength(0...fractionDigits)).grouping(.automatic).locale(locale))
    }

    static func integer(_ value: Double) -> String { decimal(value, fractionDigits: 0) }

    /// A share (0–1) as a percentage with one decimal: 0.8749 → "87.5%".
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "—" }
        return decimal(share * 100, fractionDigits: 1) + "%"
    }

    /// Percentage points with one decimal: 0.125 → "12.5".
    static func percentagePoints(_ share: Double) -> String { decimal(share * 100, fractionDigits: 1) }

    /// Metres as a distance: "500 m", "1.2 km".
    static func distance(_ meters: Double) -> String {
        meters >= 1000 ? decimal(meters / 1000, fractionDigits: 1) + " km" : integer(meters) + " m"
    }
}
