public import FacilityKit
import GeoCore
public import Rules

/// A plan profile's figures belong to its region (`region: {name: 花都区, adcode: "440114"}`): a check, trend or
/// scenario on data of another place would report that place's figures under the plan's name. The data is the
/// region's when the registry's admin units are the region or lie in it (their code is the region's, starts with it,
/// or names it as parent) and the facilities the rules read are not all outside their outlines.
/// A profile without an adcode (the national one) fits any data.
public struct RegionMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// No admin units were imported, so nothing says where the data is.
        case noAdminUnits
        /// Admin units that are not the region nor inside it, as "name (code)".
        case unitsElsewhere([String])
        /// Every facility the rules read lies outside the region's admin units.
        case facilitiesOutside(count: Int)
    }

    public let profile: String
    public let region: PlanProfile.Region
    public let reason: Reason

    /// What is wrong, in both languages.
    public var problem: LocalizedText {
        let code = region.adcode ?? ""
        let place = "\(region.name)（\(code)）", placeEN = "\(region.name) (\(code))"
        let zh: String, en: String
        switch reason {
        case .noAdminUnits:
            zh = "登记库没有行政单元，无法确认数据属于\(place)：先运行 lifecircle admin import 边界文件 --id adcode --only \(code)"
            en = "the registry has no admin units, so nothing shows its data is of \(placeEN): run "
                + "`lifecircle admin import OUTLINES --id adcode --only \(code)` first"
        case .unitsElsewhere(let units):
            zh = "登记库的行政单元 \(units.joined(separator: "、")) 不在\(place)内：这是另一个地区的数据"
            en = "the registry's admin units \(units.joined(separator: ", ")) are not in \(placeEN): the data is of "
                + "another place"
        case .facilitiesOutside(let count):
            zh = "规则读取的 \(count) 处设施没有一处位于\(place)的行政单元内：这是另一个地区的数据"
            en = "none of the \(count) facilities the rules read lies inside the admin units of \(placeEN): the data "
                + "is of another place"
        }
        return LocalizedText(
            zh: "方案 \(profile) 是\(place)的规划，但\(zh)", en: "profile \(profile) is the plan of \(placeEN), but \(en)")
    }

    /// The error, with what to do.
    public var message: LocalizedText {
        LocalizedText(
            zh: problem.zh + "。确需照样核查，请加 --allow-other-region（报告顶部会醒目注明）",
            en: problem.en + ". To check anyway, add --allow-other-region (the report then says so at the top)")
    }

    /// The warning a report carries at its top when it was made anyway (`--allow-other-region`).
    public var reportWarning: LocalizedText {
        LocalizedText(
            zh: "⚠ 以下数字不是\(region.name)的实际情况：\(problem.zh)（按 --allow-other-region 照样核查）。",
            en: "⚠ The figures below are not \(region.name)'s: \(problem.en) (checked anyway, --allow-other-region).")
    }

    /// Both languages, Chinese first: the command line shows it as it is.
    public var description: String { message.zh + "\n" + message.en }
}

extension PlanProfile.Region {
    /// Whether an admin unit code is the region's or one inside it (a 街道's 9- or 12-digit code starts with it).
    func isInside(code: AdminUnitID) -> Bool {
        guard let adcode else { return true }
        let code = code.rawValue
        return code == adcode || (code.count > adcode.count && code.hasPrefix(adcode) && code.allSatisfy(\.isNumber))
    }

    /// Why the data is not of this region, or nil when it is (or the region has no code to tell). A unit is the
    /// region's when its code or its parent's is; a unit known only by name (no code, no coded parent) is taken
    /// as the region's when a unit of the region is there too.
    func mismatch(
        profile: String, units: [AdminUnit], facilities: [FacilityRecord], unitOf: (FacilityRecord) -> AdminUnitID?
    ) -> RegionMismatch? {
        guard adcode != nil else { return nil }
        func mismatch(_ reason: RegionMismatch.Reason) -> RegionMismatch {
            RegionMismatch(profile: profile, region: self, reason: reason)
        }
        func isCoded(_ id: AdminUnitID) -> Bool { id.rawValue.count >= 6 && id.rawValue.allSatisfy(\.isNumber) }
        guard !units.isEmpty else { return mismatch(.noAdminUnits) }
        let inside = units.filter { isInside(code: $0.id) || $0.parent.map(isInside(code:)) == true }
        let coded = units.filter { isCoded($0.id) || $0.parent.map(isCoded) == true }
        let elsewhere = inside.isEmpty ? units : coded.filter { unit in !inside.contains { $0.id == unit.id } }
        if !elsewhere.isEmpty {
            return mismatch(.unitsElsewhere(elsewhere.map { "\($0.name) (\($0.id))" }))
        }
        if !facilities.isEmpty, !facilities.contains(where: { unitOf($0) != nil }) {
            return mismatch(.facilitiesOutside(count: facilities.count))
        }
        return nil
    }
}
