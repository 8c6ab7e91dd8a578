import FacilityKit

extension ReportWording {
    /// What a rule measures, in a sentence a planner reads:
    /// "步行 500 m 内有托育机构的0–3岁儿童占比（逐个行政单元）".
    func measure(_ measure: RuleMeasure) -> String {
        switch measure {
        case .coverage(let facilities, let group, let meters, let perUnit):
            let kinds = facilities.map(filter).joined(separator: pick("或", " or "))
            let distance = NumberText.distance(meters)
            return pick(
                "步行 \(distance) 内有\(kinds)的\(self(report.groupName(group)))占比",
                "share of \(self(report.groupName(group))) within \(distance) walk of \(kinds)")
                + (perUnit ? everyUnit : "")
        case .perCapita(let facilities, _, let group, let per, let method, let perUnit):
            let supply = report.supplyName(of: measure).map { self($0) } ?? ""
            let counted: String
            switch method {
            case .unitTotals:
                counted = pick("按行政单元合计", "unit totals")
            case .twoStepFloatingCatchment(let meters):
                counted = pick(
                    "两步移动搜索法，\(NumberText.distance(meters)) 内",
                    "two-step floating catchment within "
                        + NumberText.distance(meters))
            }
            let source = facilities.condition == nil ? "" : pick("（\(filter(facilities))）", " (\(filter(facilities)))")
            let how = counted + (perUnit ? pick("，逐个行政单元", ", in every admin unit") : "")
            return pick(
                "\(perResidents(per))\(self(report.groupName(group)))的\(supply)数\(source)（\(how)）",
                "\(supply)\(source) \(perResidents(per)) \(self(report.groupName(group))) (\(how))")
        case .presence(let facilities, let unitLevel):
            let units = unitLevel.map(level) ?? pick("行政单元", "admin unit")
            return pick("有\(filter(facilities))的\(units)占比", "share of \(units)s with a \(filter(facilities))")
        case .count(let facilities, let perUnit):
            return pick("\(filter(facilities))数量", "number of \(filter(facilities))") + (perUnit ? everyUnit : "")
        case .attribute(let facilities, let require):
            return pick(
                "满足 \(require.text) 的\(filter(facilities))占比",
                "share of \(filter(facilities)) meeting \(require.text)")
        case .mandate(let venues, let hosts, let meters):
            let distance = NumberText.distance(meters)
            let host = hosts.map(filter).joined(separator: pick("或", " or "))
            return pick(
                "\(filter(venues))中配有\(host)（场所内或 \(distance) 内）的占比",
                "share of \(filter(venues)) hosting a \(host) (inside or within \(distance))")
        }
    }

    private var everyUnit: String { pick("（逐个行政单元）", " (in every admin unit)") }

    /// A kind with its condition: "场所（floor_area_m2 > 10000）".
    private func filter(_ filter: FacilityFilter) -> String {
        let name = self(report.kindName(filter.kind))
        guard let condition = filter.condition else { return name }
        return pick("\(name)（\(condition.text)）", "\(name) (\(condition.text))")
    }
}
