public import FacilityKit
import FacilityRegistry
public import Foundation
import Interchange

/// The county tables of the 2020 census (第七次全国人口普查) as `GeoData/china/census` ships them: one row
/// per county-level unit keyed by 区划代码 (the adcode), residents by sex and by age band (0, 1–4, 5–9, …,
/// 85+) for each sex. `AdminUnit` populations are filled from one row by ``CountyCensus/Row/groups``.
public struct CountyCensus: Sendable {
    public let file: String
    let table: CSVTable

    static let adcode = "区划代码"
    static let county = "区县"
    static let total = "人口数_合计"
    static let women = "人口数_女"
    static let childBands = ["0岁", "1到4岁", "5到9岁", "10到14岁"]
    static let elderBands = ["65到69岁", "70到74岁", "75到79岁", "80到84岁", "85岁以上"]
    static func bothSexes(_ band: String) -> [String] { ["男_\(band)", "女_\(band)"] }

    /// Reads the table and checks it has every column a row's groups are made from.
    public init(contentsOf url: URL) throws {
        let table = try CSVTable.read(contentsOf: url)
        try table.checkColumns(
            [Self.adcode, Self.county, Self.total, Self.women]
                + (Self.childBands + Self.elderBands).flatMap(Self.bothSexes))
        self.table = table
        file = table.file
    }

    /// One county's residents, as counted.
    public struct Row: Hashable, Sendable {
        public var adcode: String
        public var name: String
        /// The CSV line the row is on, for the provenance.
        public var line: Int
        public var total: Double
        public var women: Double
        public var age0: Double
        public var age1to4: Double
        public var age0to14: Double
        public var age65plus: Double

        /// The census has no 0–3 band: ages 1, 2 and 3 are taken as ¾ of the 1–4 band, as if the four
        /// single years were equally large.
        public var age0to3Estimate: Double { age0 + 0.75 * age1to4 }

        /// The population groups the plans use, filled from this row.
        public var groups: [PopulationGroup: Double] {
            [.total: total, .women: women, .age0to3: age0to3Estimate, .age0to14: age0to14, .age65plus: age65plus]
        }

        /// Where the figures come from and how 0–3 was estimated, in both languages: the text every report
        /// shows beside these figures.
        public func source(file: String) -> String {
            let name = URL(fileURLWithPath: file).lastPathComponent
            return "第七次全国人口普查（2020-11-01）\(self.name) \(adcode)，\(name) 第 \(line) 行（据 leiii/census 整理，MIT）；"
                + CountyCensus.underThreeNote.zh + " / 2020 census (7th, 2020-11-01), \(self.name) \(adcode), \(name) "
                + "line \(line) (compiled by leiii/census, MIT); " + CountyCensus.underThreeNote.en
        }
    }

    /// How the 0–3 group is estimated, said wherever a figure made from it is shown.
    public static let underThreeNote = LocalizedText(
        zh: "0–3岁为估算：0岁 + ¾×1–4岁（普查无此分组，1–4岁组按各岁均分）",
        en: "ages 0–3 are an estimate: age 0 + ¾ of ages 1–4 (the census has no such band; the 1–4 band split evenly)")

    /// The row of `adcode`, or an error naming the file and, for a bad cell, its line and column.
    public func row(adcode: String) throws -> Row {
        guard let row = table.rows.first(where: { $0[column: Self.adcode]?.trimmingCharacters(in: .whitespaces) == adcode })
        else {
            throw RegistryError.input(
                file: file,
                reason: "no row with \(Self.adcode) \(adcode) (the file has \(table.rows.count) rows; "
                    + "a county's 6-digit code, e.g. 440114 花都区)")
        }
        func count(_ column: String) throws -> Double {
            let text = (row[column: column] ?? "").trimmingCharacters(in: .whitespaces)
            guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value.isFinite, value >= 0 else {
                throw RegistryError.input(
                    file: file,
                    reason: "line \(row.line), column \"\(column)\": '\(text)' is not a count of people")
            }
            return value
        }
        func bands(_ names: [String]) throws -> Double {
            try names.flatMap(Self.bothSexes).reduce(0) { try $0 + count($1) }
        }
        let total = try count(Self.total), women = try count(Self.women)
        guard women <= total else {
            throw RegistryError.input(
                file: file, reason: "line \(row.line): \(Self.women) \(women) is more than \(Self.total) \(total)")
        }
        return Row(
            adcode: adcode, name: row[column: Self.county] ?? adcode, line: row.line, total: total, women: women,
            age0: try bands(["0岁"]), age1to4: try bands(["1到4岁"]), age0to14: try bands(Self.childBands),
            age65plus: try bands(Self.elderBands))
    }
}
