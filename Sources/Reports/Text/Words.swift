import FacilityKit

/// The fixed words of a report in both languages: headings, column names, status words.
enum Words {
    static let passed = LocalizedText(zh: "✔ 达标", en: "✔ Passed")
    static let failed = LocalizedText(zh: "✘ 未达标", en: "✘ Failed")
    static let notEvaluable = LocalizedText(zh: "？ 无法评估", en: "? Not evaluable")
    static let noData = LocalizedText(zh: "— 无数据", en: "— No data")

    static let verdictPassed = LocalizedText(zh: "全部达标", en: "All targets met")
    static let verdictFailed = LocalizedText(zh: "未全部达标", en: "Targets missed")
    static let verdictIncomplete = LocalizedText(
        zh: "无法确认全部达标：部分指标无法评估", en: "Not shown to be met: some targets could not be evaluated")

    static let reportKind = LocalizedText(zh: "规划目标达标评估报告", en: "Plan target compliance report")
    static let version = LocalizedText(zh: "版本", en: "Version")
    static let asOf = LocalizedText(zh: "评估日期", en: "As of")
    static let verdict = LocalizedText(zh: "总体结论", en: "Verdict")

    static let summary = LocalizedText(zh: "指标总表", en: "Summary of targets")
    static let overviewMap = LocalizedText(zh: "总览图", en: "Overview map")
    static let rulesHeading = LocalizedText(zh: "逐项评估", en: "Targets one by one")
    static let provenance = LocalizedText(zh: "数据来源与版本", en: "Data sources and versions")
    static let backToSummary = LocalizedText(zh: "返回总表", en: "Back to the summary")

    static let rule = LocalizedText(zh: "指标", en: "Target")
    static let ruleID = LocalizedText(zh: "编号", en: "Id")
    static let status = LocalizedText(zh: "结果", en: "Result")
    static let measured = LocalizedText(zh: "实测", en: "Measured")
    static let target = LocalizedText(zh: "目标", en: "Target value")
    static let shortfall = LocalizedText(zh: "缺口", en: "Shortfall")
    static let whatIsMeasured = LocalizedText(zh: "衡量方式", en: "What is measured")
    static let detail = LocalizedText(zh: "说明", en: "Detail")
    static let whyNotEvaluable = LocalizedText(zh: "无法评估的原因", en: "Why it could not be evaluated")
    static let note = LocalizedText(zh: "备注", en: "Note")

    static let unitsHeading = LocalizedText(zh: "各行政单元", en: "By admin unit")
    static let unit = LocalizedText(zh: "行政单元", en: "Admin unit")
    static let unitCode = LocalizedText(zh: "代码", en: "Code")
    static let failingHeading = LocalizedText(zh: "不达标或数据缺失的设施与场所", en: "Facilities and venues that fail or lack data")
    static let name = LocalizedText(zh: "名称", en: "Name")
    static let facilityID = LocalizedText(zh: "编号", en: "Id")
    static let kind = LocalizedText(zh: "类型", en: "Kind")
    static let problem = LocalizedText(zh: "问题", en: "Problem")
    static let location = LocalizedText(zh: "经纬度", en: "Lon, lat")
    static let citationsHeading = LocalizedText(zh: "依据", en: "Where the target comes from")
    static let uncoveredCount = LocalizedText(zh: "未覆盖居民点", en: "Uncovered demand points")

    static let role = LocalizedText(zh: "类别", en: "Role")
    static let source = LocalizedText(zh: "名称", en: "Name")
    static let sourceDetail = LocalizedText(zh: "版本或日期", en: "Version or date")
    static let noProvenance = LocalizedText(zh: "未记录数据来源。", en: "No sources were recorded.")
    static let noRules = LocalizedText(zh: "该方案没有指标。", en: "The profile has no targets.")

    static let reasonFails = LocalizedText(zh: "不满足条件", en: "does not meet the condition")

    static let confidenceVerified = LocalizedText(zh: "✔ 已核实原文", en: "✔ verified in the source text")
    static let confidenceSecondary = LocalizedText(zh: "◐ 二手来源", en: "◐ secondary source")
    static let confidenceUnverified = LocalizedText(
        zh: "✱ 未经原文核实", en: "✱ not verified against the source text")

    static let mapsInHTML = LocalizedText(
        zh: "地图（总览图及各指标的分布图）见同目录的 report.html。",
        en: "The maps (overview and one per target) are in report.html, in the same folder.")
    static let generatedBy = LocalizedText(
        zh: "由 LifeCircle 生成。未达标与无法评估的指标均不计为达标。",
        en: "Written by LifeCircle. Targets that failed or could not be evaluated never count as met.")

    // Maps
    static let north = LocalizedText(zh: "北", en: "N")
    static let mapLegend = LocalizedText(zh: "图例", en: "Legend")
    static let unitPassed = LocalizedText(zh: "达标的行政单元", en: "unit passes")
    static let unitFailed = LocalizedText(zh: "未达标的行政单元", en: "unit fails")
    static let unitNoData = LocalizedText(zh: "无数据", en: "no data")
    static let unitContext = LocalizedText(zh: "行政单元", en: "admin unit")
    static let featureFails = LocalizedText(zh: "不达标的设施/场所", en: "failing facility or venue")
    static let featureMissingData = LocalizedText(zh: "数据缺失的设施/场所", en: "facility or venue lacking data")
    static let uncoveredResidents = LocalizedText(zh: "未覆盖的居民", en: "uncovered residents")
    static let overviewCaption = LocalizedText(
        zh: "行政单元按未达标指标数着色；点为各类设施。", en: "Units shaded by the number of failing targets; points are facilities.")
    static let ruleMapCaption = LocalizedText(zh: "分布图", en: "Map")
    static let mainStreets = LocalizedText(zh: "主要街道（步行网络）", en: "main streets (walking network)")
    static let otherStreets = LocalizedText(zh: "其他街道", en: "other streets")
    static let unitBoundary = LocalizedText(zh: "上级行政单元界线", en: "boundary of a unit holding others")
    static let meetingFacilities = LocalizedText(zh: "达标或计入的设施", en: "facility meeting or counting towards it")

    /// The caption's sentence when no walking network is saved beside the registry.
    static func noNetwork(_ language: ReportLanguage) -> String {
        language == .zh
            ? "登记库旁没有保存步行网络，图中未画街道（运行 lifecircle network build 后重新生成报告）。"
            : "No walking network is saved beside the registry, so no streets are drawn (run lifecircle network build "
                + "and write the report again)."
    }

    /// The caption's sentence when the map left streets out for its scale.
    static func streetsThinned(_ count: Int, source: String, _ language: ReportLanguage) -> String {
        language == .zh
            ? "街道来自 \(source)，按比例尺精简：另有 \(NumberText.integer(Double(count))) 段较短的街道未画出。"
            : "Streets from \(source), thinned for the scale: \(NumberText.integer(Double(count))) shorter street "
                + "segments are left out."
    }

    /// "步行 300 米可达范围" / "within 300 m walk".
    static func walkingArea(_ meters: Double, _ language: ReportLanguage) -> String {
        let distance = NumberText.integer(meters)
        return language == .zh ? "设施步行 \(distance) 米可达范围" : "within \(distance) m walk of them"
    }
}
