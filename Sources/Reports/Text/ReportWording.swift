import FacilityKit
import GeoCore
import Rules

/// A report's sentences in one language: the header, statuses, values with their units, shortfalls,
/// what a rule measures, why a feature fails. Plain text; each writer escapes it for its format.
struct ReportWording {
    let report: CheckReport
    let language: ReportLanguage

    func callAsFunction(_ text: LocalizedText) -> String { text.text(for: language) }

    func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// "：" or ": ".
    var colon: String { pick("：", ": ") }

    // MARK: Header

    var title: String { self(report.result.profile.title) }

    var versionAndDate: String {
        let profile = report.result.profile
        return pick(
            "方案 \(profile.id) · 版本 \(profile.version) · 评估日期 \(report.result.asOf)",
            "Profile \(profile.id) · version \(profile.version) · as of \(report.result.asOf)")
    }

    var verdict: String {
        switch report.verdict {
        case .passed: self(Words.verdictPassed)
        case .failed: self(Words.verdictFailed)
        case .incomplete: self(Words.verdictIncomplete)
        }
    }

    var counts: String {
        let c = report.counts
        let all = report.result.results.count
        return pick(
            "达标 \(c.passed) 项，未达标 \(c.failed) 项，无法评估 \(c.notEvaluable) 项（共 \(all) 项）",
            "\(c.passed) passed, \(c.failed) failed, \(c.notEvaluable) not evaluable (\(all) in all)")
    }

    // MARK: Status

    func status(_ status: RuleResult.Status) -> String {
        switch status {
        case .passed: self(Words.passed)
        case .failed: self(Words.failed)
        case .notEvaluable: self(Words.notEvaluable)
        }
    }

    func unitStatus(_ passed: Bool?) -> String {
        switch passed {
        case true?: self(Words.passed)
        case false?: self(Words.failed)
        case nil: self(Words.noData)
        }
    }

    /// Why a rule was not evaluated; nil when it was.
    func reason(_ status: RuleResult.Status) -> String? {
        if case .notEvaluable(let reason) = status { return self(reason) }
        return nil
    }

    func confidence(_ confidence: Citation.Confidence) -> String {
        switch confidence {
        case .verified: self(Words.confidenceVerified)
        case .secondary: self(Words.confidenceSecondary)
        case .unverified: self(Words.confidenceUnverified)
        }
    }

    // MARK: Values

    /// "每千人" / "per 1,000".
    func perResidents(_ per: Double) -> String {
        switch per {
        case 100: pick("每百人", "per 100")
        case 1000: pick("每千人", "per 1,000")
        case 10000: pick("每万人", "per 10,000")
        default: pick("每 \(NumberText.integer(per)) 人", "per \(NumberText.integer(per))")
        }
    }

    /// A rule's figure with its unit: "87.5%", "12 个", "每千人 4.25 个".
    func value(_ value: Double?, of outcome: RuleResult) -> String {
        guard let value, value.isFinite else { return "—" }
        switch outcome.quantity {
        case .share:
            return NumberText.percent(value)
        case .count:
            return pick("\(NumberText.integer(value)) 个", NumberText.integer(value))
        case .perCapita:
            let number = NumberText.decimal(value, fractionDigits: 2)
            return pick("\(perResidents(per(of: outcome))) \(number) 个", "\(number) \(perResidents(per(of: outcome)))")
        }
    }

    /// "≥ 每千人 4 个（2025 年）", "≥ 90.0% (by 2030)".
    func target(_ step: TargetSchedule.Step?, of outcome: RuleResult) -> String {
        guard let step else { return "—" }
        return "≥ " + value(step.value, of: outcome) + targetYear(step)
    }

    func targetYear(_ step: TargetSchedule.Step) -> String {
        guard let year = step.year else { return "" }
        return pick("（\(year) 年）", " (by \(year))")
    }

    /// The shortfall in the rule's own terms: "差 12.5 个百分点", "每千人差 1.2 个", "差 3 个".
    func shortfall(_ shortfall: Double?, of outcome: RuleResult) -> String {
        guard let shortfall, shortfall.isFinite, shortfall > 0 else { return "—" }
        switch outcome.quantity {
        case .share:
            let points = NumberText.percentagePoints(shortfall)
            return pick("差 \(points) 个百分点", "\(points) percentage points short")
        case .count:
            let count = NumberText.integer(roundedUp(shortfall))
            return pick("差 \(count) 个", "\(count) short")
        case .perCapita:
            let number = NumberText.decimal(shortfall, fractionDigits: 2)
            return pick(
                "\(perResidents(per(of: outcome)))差 \(number) 个", "\(number) \(perResidents(per(of: outcome))) short")
        }
    }

    /// The whole shortfall: in the rule's terms and, where the population is known, as what must be
    /// added ("每千人差 1 个，即差 2,346 个托位").
    func fullShortfall(of outcome: RuleResult) -> String {
        let own = shortfall(outcome.shortfall, of: outcome)
        guard let amount = report.shortfallAmount(of: outcome) else { return own }
        return own + pick("，", ", ") + amountText(amount, of: outcome)
    }

    /// What must be added, as a clause: "即差 2,346 个托位", "i.e. about 1,234 more children 0–3 to cover".
    func amountText(_ amount: ShortfallAmount, of outcome: RuleResult) -> String {
        let number = NumberText.integer(amount.amount)
        switch outcome.rule.measure {
        case .coverage:
            return pick(
                "即需再覆盖约 \(number) 人（\(self(amount.unit))）", "i.e. about \(number) more \(self(amount.unit)) to cover")
        case .presence:
            return pick("即还需 \(number) 个行政单元配建", "i.e. \(number) more admin units need one")
        default:
            return pick("即差 \(number) 个\(counted(amount.unit))", "i.e. \(number) \(self(amount.unit)) short")
        }
    }

    /// A unit's supply shortfall: "2,346 个托位" / "2,346 places".
    func supplyAmount(_ amount: Double, of outcome: RuleResult) -> String {
        let unit = report.supplyName(of: outcome.rule.measure) ?? LocalizedText(zh: "", en: "")
        return pick("\(NumberText.integer(amount)) 个\(counted(unit))", "\(NumberText.integer(amount)) \(self(unit))")
    }

    /// What follows the counter 个: the name as it is, after a space when it is a Latin field name
    /// (a kind given no labels): "个托位", "个 places".
    private func counted(_ name: LocalizedText) -> String {
        let text = self(name)
        return text.first.map { $0.isASCII && $0.isLetter } == true ? " " + text : text
    }

    private func per(of outcome: RuleResult) -> Double {
        if case .perCapita(_, _, _, let per, _, _) = outcome.rule.measure { return per }
        return 1000
    }

    // MARK: Places

    func unitName(_ id: AdminUnitID?) -> String {
        guard let id else { return "—" }
        return report.unit(id)?.name ?? id.rawValue
    }

    func level(_ level: String) -> String {
        switch level {
        case "district": pick("区县", "district")
        case "street", "subdistrict": pick("街道", "street")
        case "town": pick("镇", "town")
        case "community": pick("社区", "community")
        case "village": pick("村", "village")
        default: level
        }
    }

    /// "113.21234, 23.40456" (five decimals: about a metre).
    func location(_ c: Coordinate) -> String {
        "\(NumberText.decimal(c.lon, fractionDigits: 5)), \(NumberText.decimal(c.lat, fractionDigits: 5))"
    }

    func failingReason(_ reason: FailingFeature.Reason, kind: PluginID) -> String {
        switch reason {
        case .fails:
            return self(Words.reasonFails)
        case .missingData(let fields):
            let names = fields.map { self(report.fieldName($0, of: kind)) }
            return pick("缺少数据：" + names.joined(separator: "、"), "missing data: " + names.joined(separator: ", "))
        case .lacksRequiredFacility(let host):
            let name = self(report.kindName(host))
            return pick("未配建\(name)", "hosts no \(name)")
        }
    }
}
