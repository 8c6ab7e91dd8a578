import FacilityKit
import Foundation
import GeoCore
@testable import Reports
import Testing

/// The accessibility page on a small SYNTHETIC input: nine demand points on a line near Helsinki, two of them
/// reaching nothing, one facility, and two made-up rectangles as admin units.
@Suite("Accessibility report (synthetic)")
struct AccessReportTests {
    static let values: [Double] = [0, 0, 1, 2, 3, 4, 5, 6, 8]

    static func report(target: Double? = 5.5) -> AccessReport {
        let demand = values.enumerated().map { i, access in
            AccessReport.DemandPoint(
                id: "d\(i)", location: Coordinate(lon: 24.90 + 0.005 * Double(i), lat: 60.17), population: 100,
                access: access)
        }
        func rectangle(_ west: Double, _ east: Double) -> Geometry {
            .polygon([
                [
                    Coordinate(lon: west, lat: 60.16), Coordinate(lon: east, lat: 60.16),
                    Coordinate(lon: east, lat: 60.18), Coordinate(lon: west, lat: 60.18),
                    Coordinate(lon: west, lat: 60.16),
                ]
            ])
        }
        return AccessReport(
            title: LocalizedText(zh: "托育机构托位可达性", en: "Childcare places accessibility"),
            method: LocalizedText(zh: "步行 1000 m 内", en: "within 1000 m"), per: 1000, target: target,
            overall: .init(id: "", name: "", outline: nil, population: 900, mean: 29.0 / 9, shareBelowTarget: 7.0 / 9),
            demand: demand,
            facilities: [.init(id: "C1", name: "中央托育", location: Coordinate(lon: 24.92, lat: 60.171), capacity: 60)],
            units: [
                .init(
                    id: "W", name: "西区", outline: rectangle(24.895, 24.918), population: 500, mean: 1.2,
                    shareBelowTarget: 1),
                .init(
                    id: "E", name: "东区", outline: rectangle(24.918, 24.945), population: 400, mean: 5.75,
                    shareBelowTarget: 0.5),
            ])
    }

    @Test func classesAreNothingInReachThenQuartilesOfThePositiveValues() {
        let classes = AccessClasses(values: Self.values)
        // Positive values 1, 2, 3, 4, 5, 6, 8: nearest-rank quartiles are ranks ⌈7q⌉ = 2, 4, 6, 7: 2, 4, 6, 8.
        #expect(classes.hasZero && classes.count == 5)
        #expect(classes.upperBounds == [2, 4, 6, 8])
        #expect(Self.values.map(classes.index) == [0, 0, 1, 1, 2, 2, 3, 3, 4])
        #expect(classes.bounds.map(\.upper) == [0, 2, 4, 6, 8])
        // Few distinct values merge classes rather than repeat a bound.
        let few = AccessClasses(values: [3, 3, 3, 7])
        #expect(!few.hasZero && few.upperBounds == [3, 7] && few.count == 2)
        #expect(AccessClasses(values: [0, 0]).count == 1)
    }

    @Test func mapColoursPointsByClassAndShadesUnitsWithALegend() throws {
        let report = Self.report()
        let svg = try #require(report.map(language: .zh)).render()
        for index in 0..<5 {
            let count = svg.components(separatedBy: "class=\"demand access-class-\(index)\"").count - 1
            #expect(count == [2, 2, 2, 2, 1][index], "class \(index)")
        }
        #expect(svg.contains("0（步行范围内无供给）") && svg.contains("&gt; 0 – 2 每 1,000 人") && svg.contains("6 – 8 每 1,000 人"))
        // 西区 (1.2) falls in the first positive class, 东区 (5.75) in 4 – 6.
        #expect(
            svg.contains(
                "fill=\"\(AccessPalette.units[1])\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.6\"><title>西区"
            ))
        #expect(
            svg.contains(
                "fill=\"\(AccessPalette.units[3])\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.6\"><title>东区"
            ))
        #expect(svg.contains("class=\"facility\"") && svg.contains("中央托育 (C1): 容量 60"))
        #expect(svg.contains("class=\"scale-bar\""))
    }

    @Test func pageHasTheMapAndTheUnitTableInBothLanguages() {
        let zh = Self.report().html(language: .zh)
        #expect(zh.contains("lang=\"zh-CN\"") && zh.contains("id=\"map-access\""))
        #expect(zh.contains("<table class=\"access-units\">") && zh.contains("低于 5.5 的人口"))
        #expect(zh.contains("<td class=\"below-target\">1.2</td>") && zh.contains("<td class=\"mean\">5.75</td>"))
        #expect(zh.contains("<td>50%</td>"))
        let en = Self.report(target: nil).html(language: .en)
        #expect(en.contains("lang=\"en\"") && en.contains("weighted mean (per 1,000)") && !en.contains("below 5.5"))
    }
}
