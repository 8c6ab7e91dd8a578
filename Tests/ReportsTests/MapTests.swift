import FacilityKit
import Foundation
import GeoCore
import Rules
import TestSupport
import Testing

@testable import Reports

@Suite("SVG maps")
struct MapTests {
    @Test("the projection's metres agree with PROJ's geod across the synthetic district")
    func scaleAgreesWithGeodesic() throws {
        let report = SyntheticCheck.report
        let projection = try #require(report.mapProjection(points: []))
        let west = Coordinate(lon: 113.20, lat: 23.39)
        let east = Coordinate(lon: 113.26, lat: 23.39)
        let south = Coordinate(lon: 113.23, lat: 23.38)
        let north = Coordinate(lon: 113.23, lat: 23.40)
        for (a, b) in [(west, east), (south, north)] {
            let pa = projection.pixel(a)
            let pb = projection.pixel(b)
            let mapMeters = hypot(pb.x - pa.x, pb.y - pa.y) * projection.metersPerPixel
            // geod -I reads lat lon lat lon and prints the forward azimuth, back azimuth and distance.
            let geod = try ToolRunner.run(
                "geod", ["-I", "+ellps=WGS84", "-f", "%.3f"],
                stdin: Data("\(a.lat) \(a.lon) \(b.lat) \(b.lon)\n".utf8)
            ).checked()
            let meters = try #require(Double(geod.stdout.split(whereSeparator: \.isWhitespace).last ?? ""))
            #expect(abs(mapMeters - meters) / meters < 0.005, "map \(mapMeters) m, geod \(meters) m")
        }
        // The district (0.06° × 0.02°) is wider than tall: it fills the width inside the margins.
        let corner = projection.pixel(Coordinate(lon: 113.20, lat: 23.40))
        #expect(abs(corner.x - CheckReport.mapMargin) < 0.01)
    }

    @Test("the scale bar is a round length drawn to the map's scale")
    func scaleBar() throws {
        #expect(SVGMap.roundLength(below: 1234) == 1000)
        #expect(SVGMap.roundLength(below: 4999) == 2000)
        #expect(SVGMap.roundLength(below: 5000) == 5000)
        #expect(SVGMap.roundLength(below: 0.3) == 1)
        let report = SyntheticCheck.report
        let words = ReportWording(report: report, language: .zh)
        let map = try #require(report.overviewMap(words))
        let bar = map.scaleBar()
        let text = try #require(attribute("data-meters", in: bar))
        let meters = try #require(Double(text))
        let widths = bar.components(separatedBy: " width=\"").dropFirst().compactMap {
            Double($0.prefix { $0 != "\"" })
        }
        #expect(widths.count == 2)
        #expect(abs(widths.reduce(0, +) - meters * map.projection.pixelsPerMeter) < 0.2)
        #expect(meters == 1000)
        #expect(bar.contains(">1 km</text>"))
    }

    @Test("outlines drop vertices closer than half a pixel and sub-pixel rings")
    func thinning() throws {
        let report = SyntheticCheck.report
        let projection = try #require(report.mapProjection(points: []))
        // A circle of 20,000 vertices, about 800 m across: vertices 0.015 px apart.
        let ring = (0...20_000).map { i -> Coordinate in
            let angle = Double(i % 20_000) / 20_000 * 2 * .pi
            return Coordinate(lon: 113.23 + 0.004 * cos(angle), lat: 23.39 + 0.0036 * sin(angle))
        }
        let pixels = ring.map(projection.pixel)
        let circumference = zip(pixels, pixels.dropFirst()).map { hypot($1.x - $0.x, $1.y - $0.y) }.reduce(0, +)
        let path = SVGPath(projection: projection).data(for: .polygon([ring]))
        let vertices = ReportText.count("L", in: path) + 1
        #expect(Double(vertices) <= circumference / 0.5 + 1, "\(vertices) vertices kept on \(circumference) px")
        #expect(Double(vertices) >= circumference / 0.6, "\(vertices) vertices kept on \(circumference) px")
        let tiny = SyntheticCheck.square(west: 113.23, south: 23.39, size: 0.000001)
        #expect(SVGPath(projection: projection).data(for: tiny).isEmpty)
    }

    @Test("stray numbers cannot break the SVG")
    func strayNumbers() {
        #expect(svgNumber(.nan) == "0")
        #expect(svgNumber(.infinity) == "0")
        #expect(svgNumber(1e300) == "1000000")
        #expect(svgNumber(-2.25) == "-2.3" || svgNumber(-2.25) == "-2.2")
        #expect(svgNumber(7) == "7")
    }

    @Test("without outlines the maps fit the points")
    func pointsOnly() throws {
        let report = CheckReport(
            result: SyntheticCheck.checkResult([SyntheticCheck.toiletRatio]), kinds: SyntheticCheck.kinds)
        let html = report.renderHTML()
        let section = try #require(ReportText.section("rule-public_toilet.female_male_ratio", in: html))
        #expect(ReportText.count("class=\"failing-feature", in: section) == 3)
        #expect(html.contains("id=\"map-overview\""))
        #expect(!html.contains("class=\"unit "))
        // One point alone gets a map 500 m across.
        var single = SyntheticCheck.toiletRatio
        single.failing = [single.failing[0]]
        let lone = CheckReport(result: SyntheticCheck.checkResult([single]))
        let projection = try #require(lone.mapProjection(points: single.failing.map(\.location)))
        // 500 m fit the map's height, the shorter side.
        #expect(abs(projection.metersPerPixel * (CheckReport.mapMaxHeight - 2 * CheckReport.mapMargin) - 500) < 1e-6)
    }

    @Test("every map is well-formed SVG (XML) by Python's parser, with a title and a legend")
    func wellFormedSVG() throws {
        let html = SyntheticCheck.report.renderHTML(language: .en)
        var maps: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            maps.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        #expect(maps.count == 6)
        let folder = try TemporaryFolder(prefix: "reports-svg")
        defer { folder.remove() }
        var paths: [String] = []
        for (index, map) in maps.enumerated() {
            paths.append(try folder.write(map, to: "map-\(index).svg").path)
        }
        let check = """
            import sys, xml.etree.ElementTree as ET
            ns = "{http://www.w3.org/2000/svg}"
            for path in sys.argv[1:]:
                root = ET.parse(path).getroot()
                assert root.tag == ns + "svg", root.tag
                assert root.find(ns + "title") is not None, path + ": no title"
                assert any(g.get("class") == "legend" for g in root.iter(ns + "g")), path + ": no legend"
                assert any(g.get("class") == "scale-bar" for g in root.iter(ns + "g")), path + ": no scale bar"
            print(len(sys.argv) - 1)
            """
        let result = try ToolRunner.run("python3", ["-c", check] + paths)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "6")
    }

    private func attribute(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "\(name)=\"") else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }
}
