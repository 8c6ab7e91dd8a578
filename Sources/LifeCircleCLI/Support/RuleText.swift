import FacilityKit
import Rules

/// How rule results read in the command tables (`check`, `scenario`): status words and figures by quantity.
enum RuleText {
    static func status(_ status: RuleResult.Status, _ language: ReportLanguage) -> String {
        let zh = language == .zh
        return switch status {
        case .passed: zh ? "达标" : "passed"
        case .failed: zh ? "未达标" : "FAILED"
        case .notEvaluable: zh ? "无法评估" : "not evaluable"
        }
    }

    /// A share as a percentage, a per-capita figure to two decimals, a count whole; "—" for none.
    static func value(_ value: Double?, _ quantity: RuleResult.Quantity) -> String {
        guard let value else { return "—" }
        return switch quantity {
        case .share: plainNumber(value * 100, digits: 1) + "%"
        case .perCapita: plainNumber(value, digits: 2)
        case .count: plainNumber(value, digits: 0)
        }
    }
}
