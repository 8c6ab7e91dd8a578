import FacilityKit
import Foundation
import GeoCore
import Rules
import TestSupport
import Testing

@testable import Reports

/// The layers a planner reads a map by: streets under the data, unit outlines with their names, the
/// facilities meeting a rule with their walking area, a complete legend, and a scale bar and north arrow
/// nothing is drawn on.
@Suite("Map layers")
struct MapLayerTests {
    static let coverageRule = SyntheticCheck.ruleID("kindergarten.coverage_300m")

    /// Streets every 0.002° (about 200 m) across the synthetic district: the east–west ones as 6 km ways
    /// (main streets), the north–south ones one short way per block.
    static func gridStreets(step: Double = 0.002) -> StreetLayer {
        let west = SyntheticCheck.westEdge
        let south = SyntheticCheck.southEdge
        let width = 3 * SyntheticCheck.streetSize
        let height = SyntheticCheck.streetSize
        var lines: [StreetLine] = []
        let columns = Int((width / step).rounded())
        let rows = Int((height / step).rounded())
        for row in 0...rows {
            let lat = south + Double(row) * step
            for column in 0..<columns {
                let a = Coordinate(lon: west + Double(column) * step, lat: lat)
                let b = Coordinate(lon: west + Double(column + 1) * step, lat: lat)
                lines.append(StreetLine(points: [a, b], wayLength: 6_000))
            }
        }
        for column in 0...columns {
            let lon = west + Double(column) * step
            for row in 0..<rows {
                let a = Coordinate(lon: lon, lat: south + Double(row) * step)
                let b = Coordinate(lon: lon, lat: south + Double(row + 1) * step)
                lines.append(StreetLine(points: [a, b], wayLength: 220))
            }
        }
        return StreetLayer(lines: lines, source: "synthetic.walknet")
    }

    /// The synthetic check with streets, a kindergarten meeting the coverage rule in the south-west corner
    /// (where a scale bar inside the frame would be) and its walking area, and a failing toilet there too.
    static var report: CheckReport {
        var report = SyntheticCheck.report
        report.streets = gridStreets()
        let corner = SyntheticCheck.point(inStreet: 0, 0.01, 0.01)
        let index = report.result.results.firstIndex { $0.rule.id == coverageRule }!
        report.result.results[index].meeting = [
            MeetingFeature(
                facility: FacilityID("kg-1"), kind: SyntheticCheck.kindergarten, name: "合成幼儿园（测试）", location: corner),
            MeetingFeature(
                facility: FacilityID("kg-2"), kind: SyntheticCheck.kindergarten, name: "合成幼儿园二（测试）",
                location: SyntheticCheck.point(inStreet: 1, 0.5, 0.5)),
        ]
        let reach = [
            [corner, Coordinate(lon: corner.lon + 0.003, lat: corner.lat)],
            [corner, Coordinate(lon: corner.lon, lat: corner.lat + 0.0025)],
        ]
        report.walkingAreas[coverageRule] = WalkingArea(meters: 300, lines: reach)
        return report
    }

    static func maps(_ report: CheckReport, _ language: ReportLanguage = .zh) -> [SVGMap] {
        let words = ReportWording(report: report, language: language)
        let sharing = StreetSharing()
        return [report.overviewMap(words, sharing: sharing)].compactMap { $0 }
            + report.result.results.compactMap { report.ruleMap($0, words, sharing: sharing) }
    }

    @Test("streets are drawn as paths over the unit fills and under the outlines and points, main streets bolder")
    func streetsUnderTheData() throws {
        let map = try #require(Self.maps(Self.report).first)
        let svg = map.render()
        let main = try #require(svg.range(of: "<path class=\"street street-main\" d=\"M"))
        let other = try #require(svg.range(of: "<path class=\"street street-other\" d=\"M"))
        let firstUnit = try #require(svg.range(of: "<path class=\"unit "))
        let container = try #require(svg.range(of: "class=\"unit unit-container\""))
        let firstFacility = try #require(svg.range(of: "class=\"facility "))
        #expect(firstUnit.lowerBound < other.lowerBound && other.lowerBound < main.lowerBound)
        #expect(main.lowerBound < container.lowerBound && container.lowerBound < firstFacility.lowerBound)
        // 11 east–west streets of 30 blocks and 31 north–south of 10: every block drawn, one subpath each.
        let streets = String(svg[other.lowerBound...].prefix { $0 != ">" })
        #expect(ReportText.count("M", in: streets) == 310)
        #expect(svg.contains("stroke-width=\"1.3\"") && svg.contains("stroke-width=\"0.6\""))
    }

    @Test("units carry their outline and name, and the units holding others a bold boundary in the legend")
    func outlinesAndLabels() throws {
        for map in Self.maps(Self.report) {
            let svg = map.render()
            for name in SyntheticCheck.streetNames {
                #expect(svg.contains("<text class=\"unit-label\"") && svg.contains(">\(name)</text>"), "\(map.id)")
            }
            #expect(ReportText.count("class=\"unit unit-container\"", in: svg) == 1)
            #expect(map.legend.contains { $0.symbol == .outline(stroke: MapPalette.container) })
        }
    }

    @Test("every symbol a map draws has its legend entry, and a layer's entry is there only when it is drawn", arguments: ReportLanguage.allCases)
    func legendMatchesSymbols(language: ReportLanguage) throws {
        let maps = Self.maps(Self.report, language)
        #expect(maps.count == 6)
        for map in maps {
            let svg = map.render()
            let drawn = svg.components(separatedBy: "<g class=\"legend\">")[0]
            let symbols = Set(map.legend.map(\.symbol))
            let checks: [(drawn: Bool, symbol: SVGMap.Symbol)] = [
                (drawn.contains("class=\"street street-main\"") || drawn.contains("<use class=\"streets\""),
                 StreetSharing.mainSymbol),
                (drawn.contains("class=\"street street-other\"") || drawn.contains("<use class=\"streets\""),
                 StreetSharing.otherSymbol),
                (drawn.contains("class=\"unit unit-container\""), .outline(stroke: MapPalette.container)),
                (drawn.contains("class=\"walking-area\""), .band(fill: MapPalette.walkingArea)),
                (drawn.contains("class=\"meeting-feature\""), .point(fill: MapPalette.meeting)),
                (drawn.contains("class=\"uncovered\""), .dot(fill: MapPalette.uncovered)),
                (drawn.contains("class=\"failing-feature reason-fails\""), .cross(stroke: MapPalette.failing)),
                (drawn.contains("class=\"failing-feature reason-missing-data\""),
                 .square(stroke: MapPalette.missingData)),
            ]
            for check in checks {
                #expect(check.drawn == symbols.contains(check.symbol), "\(map.id): \(check.symbol)")
            }
            // Every shade a unit is filled with is in the legend.
            for fill in Self.values(of: "fill", inElementsWith: "class=\"unit ", in: drawn) where fill != "none" {
                #expect(symbols.contains(.area(fill: fill)), "\(map.id): unit fill \(fill)")
            }
            // Facility kinds on the overview: one entry per colour drawn.
            for fill in Self.values(of: "fill", inElementsWith: "class=\"facility ", in: drawn) {
                #expect(symbols.contains(.point(fill: fill)), "\(map.id): facility colour \(fill)")
            }
        }
    }

    @Test("no marker or label sits on the scale bar or the north arrow, even a facility in the map's corner")
    func furnitureIsClear() throws {
        for map in Self.maps(Self.report) {
            let svg = map.render()
            let data = svg.components(separatedBy: "<rect class=\"map-frame\"")[0]
            var positions: [(x: Double, y: Double)] = []
            positions += Self.points(x: "cx", y: "cy", in: data)
            positions += Self.points(x: "x", y: "y", in: data, only: "<rect class=\"failing-feature")
            positions += Self.points(x: "x", y: "y", in: data, only: "<text class=\"unit-label\"")
            for start in data.components(separatedBy: "<path class=\"failing-feature").dropFirst() {
                let d = start.components(separatedBy: "d=\"M")[1].prefix { $0 != "l" }.split(separator: " ")
                if d.count == 2, let x = Double(d[0]), let y = Double(d[1]) { positions.append((x + 4, y + 4)) }
            }
            #expect(!positions.isEmpty)
            let bar = map.scaleBarBox
            let arrow = map.northArrowBox
            for p in positions {
                #expect(!bar.contains(p) && !arrow.contains(p), "\(map.id): a mark at \(p)")
                #expect(p.y <= map.projection.height, "\(map.id): a mark below the frame at \(p)")
            }
            // The boxes are under the frame, and what they hold is inside them.
            #expect(bar.y >= map.projection.height && arrow.y >= map.projection.height)
            let scale = map.scaleBar()
            for (x, y) in Self.points(x: "x", y: "y", in: scale) { #expect(bar.contains((x, y)), "\(x) \(y)") }
        }
        // The corner kindergarten is drawn, in the frame's corner.
        let ruleMap = try #require(Self.maps(Self.report).first { $0.id == "map-rule-\(Self.coverageRule)" })
        #expect(ReportText.count("class=\"meeting-feature\"", in: ruleMap.render()) == 2)
    }

    @Test("a coverage rule's map shows the facilities that meet it and their walking area, named in the legend")
    func ruleMapShowsWhatMeetsIt() throws {
        let map = try #require(Self.maps(Self.report).first { $0.id == "map-rule-\(Self.coverageRule)" })
        let svg = map.render()
        #expect(ReportText.count("<circle class=\"meeting-feature\"", in: svg) == 2)
        #expect(svg.contains("<title>合成幼儿园（测试） (kg-1)</title>"))
        let area = try #require(svg.range(of: "<g class=\"walking-area\""))
        let streets = try #require(svg.range(of: "class=\"streets\""))
        let meeting = try #require(svg.range(of: "class=\"meeting-feature\""))
        #expect(area.lowerBound < streets.lowerBound && streets.lowerBound < meeting.lowerBound)
        // Two reachable portions, widened to the isochrones' 25 m either side (at least 3 px).
        let width = max(3, 50 * map.projection.pixelsPerMeter)
        #expect(svg.contains("stroke-width=\"\(svgNumber(width))\" stroke-linecap=\"round\""))
        #expect(map.legend.contains { $0.label == "设施步行 300 米可达范围" })
        #expect(map.legend.contains { $0.label == "达标或计入的设施" })
    }

    @Test("without a saved network every map's caption says so, and no street is drawn")
    func noNetworkIsSaid() throws {
        let html = SyntheticCheck.report.renderHTML()
        #expect(!html.contains("class=\"street "))
        let note = Words.noNetwork(.zh)
        // The overview and the five rule maps.
        #expect(ReportText.count(note, in: html) == 6)
        #expect(html.contains("<figcaption>\(Words.overviewCaption.zh)\(note)</figcaption>"))
        #expect(SyntheticCheck.report.renderHTML(language: .en).contains(Words.noNetwork(.en)))
    }

    @Test("a page of many maps carries its streets once; the others use them")
    func streetsSharedAcrossMaps() throws {
        let html = Self.report.renderHTML()
        #expect(ReportText.count("<path class=\"street street-other\"", in: html) == 1)
        #expect(ReportText.count("<g id=\"streets-1\" class=\"streets\"", in: html) == 1)
        #expect(ReportText.count("<use class=\"streets\" href=\"#streets-1\"/>", in: html) == 5)
    }

    @Test("a dense network is thinned to the budget, main streets kept first, and the caption says what was left out")
    func denseNetworkIsThinned() throws {
        var report = Self.report
        // A street every 20 m: 33,000 blocks, ten times what the map can show.
        report.streets = Self.gridStreets(step: 0.0002)
        #expect(report.streets!.lines.count > 30_000)
        let overview = try #require(Self.maps(report).first)
        let svg = overview.render()
        #expect(svg.utf8.count < 400_000, "\(svg.utf8.count) bytes")
        let main = try #require(Self.attributeValue("d", after: "class=\"street street-main\"", in: svg))
        // Every east–west street is a main street: all 101 are drawn whole (at 0.0002°, 6 km ways come first).
        #expect(ReportText.count("M", in: main) > 1_000)
        let note = try #require(overview.notes.first)
        #expect(note.hasPrefix("街道来自 synthetic.walknet，按比例尺精简：另有 "))
    }

    @Test("Douglas–Peucker keeps the ends and the corners, drops what lies within the tolerance")
    func simplification() {
        let points: [(x: Double, y: Double)] = [(0, 0), (1, 0.1), (2, -0.1), (3, 0), (3.1, 5), (3, 10)]
        let kept = SVGLines.simplified(points, tolerance: 0.6)
        #expect(kept.map(\.x) == [0, 3, 3])
        #expect(kept.map(\.y) == [0, 0, 10])
    }

    // MARK: Reading the SVG

    /// The values of `attribute` in the elements whose text contains `marker`.
    static func values(of attribute: String, inElementsWith marker: String, in svg: String) -> Set<String> {
        var values: Set<String> = []
        for part in svg.components(separatedBy: "<").dropFirst() where part.contains(marker) {
            let element = part.prefix { $0 != ">" }
            if let value = attributeValue(attribute, after: "", in: String(element)) { values.insert(value) }
        }
        return values
    }

    static func attributeValue(_ name: String, after marker: String, in text: String) -> String? {
        let from = marker.isEmpty ? text.startIndex : text.range(of: marker)?.lowerBound
        guard let from, let start = text.range(of: " \(name)=\"", range: from..<text.endIndex) else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The (x, y) of every element holding both attributes; with `only`, of the elements starting so.
    static func points(x: String, y: String, in svg: String, only prefix: String? = nil) -> [(x: Double, y: Double)] {
        svg.components(separatedBy: "<").dropFirst().compactMap { part in
            if let prefix, !("<" + part).hasPrefix(prefix) { return nil }
            let element = String(part.prefix { $0 != ">" })
            guard let a = attributeValue(x, after: "", in: element).flatMap(Double.init),
                let b = attributeValue(y, after: "", in: element).flatMap(Double.init)
            else { return nil }
            return (a, b)
        }
    }
}
