import FacilityKit
import Foundation
import GeoCore
import Rules
import TestSupport
import Testing

@testable import Reports

@Suite("Maps of real outlines")
struct RealOutlineTests {
    /// Huadu's real outline (GeoData/china, WGS84) with the synthetic rules: the maps stay small.
    @Test("Huadu's outline is thinned to what the map shows, and the page stays small")
    func huaduOutline() throws {
        let file = Repository.geoData.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson")
        let document = try GeoJSONDocument(data: try Data(contentsOf: file))
        let huadu = try #require(document.featureCollection.features.first { $0.properties["adcode"] == "440114" })
        let outline = try #require(huadu.geometry)
        let unit = AdminUnit(
            id: AdminUnitID("440114"), name: "花都区", level: "district", outline: outline,
            population: [.total: 1_646_000])
        var places = SyntheticCheck.placesPerThousand
        places.units = [UnitOutcome(unit: unit.id, name: unit.name, measured: 2, passed: false, shortfall: 2)]
        let report = CheckReport(
            result: SyntheticCheck.checkResult([places]), units: [unit], kinds: SyntheticCheck.kinds)
        let html = report.renderHTML()
        let section = try #require(ReportText.section("rule-childcare.places_per_1000", in: html))
        #expect(section.contains("class=\"unit unit-failed\""))
        // 2 per 1,000 of 1,646,000 residents.
        #expect(section.contains("即差 3,292 个托位"))

        let projection = try #require(report.mapProjection(points: []))
        let path = SVGPath(projection: projection).data(for: outline)
        // No two vertices kept closer than half a pixel.
        let vertices = path.split { "MLZ".contains($0) }.map { pair in
            pair.split(separator: " ").compactMap { Double($0) }
        }
        #expect(vertices.count > 100)
        let tooClose = zip(vertices, vertices.dropFirst()).filter { a, b in
            a.count == 2 && b.count == 2 && hypot(a[0] - b[0], a[1] - b[1]) < 0.5 - 0.1
        }
        #expect(tooClose.isEmpty, "\(tooClose.count) vertices closer than half a pixel")
        #expect(vertices.count < outline.coordinates.count)
        // Huadu is about 40 km across: the map is fitted to it and the scale bar reads in km.
        #expect(projection.metersPerPixel > 40 && projection.metersPerPixel < 100)
        #expect(html.utf8.count < 150_000, "report.html is \(html.utf8.count) bytes")
    }
}
