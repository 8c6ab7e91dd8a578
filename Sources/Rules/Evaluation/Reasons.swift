import FacilityKit

/// Why a rule could not be evaluated, in words a user can act on.
enum Reasons {
    static func noPlugin(_ kind: PluginID) -> LocalizedText {
        LocalizedText(
            zh: "没有“\(kind)”类设施的插件，也就没有这类数据：注册该插件（lifecircle plugins list 列出已有插件；"
                + "清单插件放入 --plugins 目录），再导入其清单",
            en: "No plugin for the facility kind '\(kind)', so no data for it: register a plugin for it "
                + "(lifecircle plugins list shows those registered; manifest plugins go in the --plugins folder), "
                + "then import its list")
    }

    static func noFacilities(_ kind: PluginID, label: LocalizedText, date: CivilDate, inArea: Bool) -> LocalizedText {
        LocalizedText(
            zh: "登记库中没有 \(date) 开放的\(label.zh)\(inArea ? "（在所查行政单元内）" : "")："
                + "用 lifecircle import \(kind) 文件 --crs … 导入清单",
            en: "The registry holds no \(label.en) open on \(date)\(inArea ? " inside the admin units checked" : ""): "
                + "import the list with lifecircle import \(kind) FILE --crs …")
    }

    static let noUnits = LocalizedText(
        zh: "没有行政单元：导入街道/社区边界及人口（lifecircle admin import 文件 --name … --level street --population …）",
        en: "No admin units: import the 街道/社区 boundaries and their population "
            + "(lifecircle admin import FILE --name … --level street --population …)")

    static func noUnits(level: String, known: [String]) -> LocalizedText {
        let levels = known.isEmpty ? "无" : known.joined(separator: "、")
        return LocalizedText(
            zh: "没有“\(level)”级的行政单元（现有：\(levels)）：用 lifecircle admin import … --level \(level) 导入",
            en:
                "No admin units of level '\(level)' (there are: \(known.isEmpty ? "none" : known.joined(separator: ", "))): "
                + "import them with lifecircle admin import … --level \(level)")
    }

    static func noPopulation(_ group: PopulationGroupName) -> LocalizedText {
        LocalizedText(
            zh: "行政单元没有“\(group)”人口数：导入边界时给出人口字段（lifecircle admin import … --population/--groups），"
                + "或用 lifecircle admin population 单元 \(group)=人数 补录",
            en:
                "The admin units have no population for the group '\(group)': give the population columns when importing "
                + "them (lifecircle admin import … --population/--groups), or add it with lifecircle admin population UNIT "
                + "\(group)=N")
    }

    static func noPopulationInDemand(_ group: PopulationGroupName) -> LocalizedText {
        LocalizedText(
            zh: "人口分布中没有“\(group)”人口：导入含该人群的人口数据（lifecircle demand import … --groups）",
            en: "The demand has no residents in the group '\(group)': import demand that has it "
                + "(lifecircle demand import … --groups)")
    }

    static func badCondition(_ condition: Condition, _ error: ConditionError) -> LocalizedText {
        LocalizedText(
            zh: "条件“\(error.excerpt)”有误（\(error)）：请修改规则",
            en: "The condition \"\(error.excerpt)\" is wrong (\(error)): fix the rule")
    }

    static func noneMatch(_ label: LocalizedText, total: Int, condition: Condition?, undecided: Int) -> LocalizedText {
        let condition = condition?.text ?? ""
        guard undecided > 0 else {
            return LocalizedText(
                zh: "\(total) 个\(label.zh)中没有一个满足“\(condition)”：没有可检查的对象",
                en: "None of the \(total) \(label.en) meets \"\(condition)\": there is nothing to check")
        }
        return LocalizedText(
            zh: "\(total) 个\(label.zh)中没有一个确定满足“\(condition)”（其中 \(undecided) 个缺少数据，无法判断）：补全数据后再查",
            en:
                "None of the \(total) \(label.en) is known to meet \"\(condition)\" (\(undecided) lack the data to tell): "
                + "fill it in and check again")
    }

    static let noTarget = LocalizedText(
        zh: "规划未给出数值目标：此处只列出实测值，供逐年对比",
        en: "The plan sets no number here: the measured value is shown for year-on-year comparison")
}
