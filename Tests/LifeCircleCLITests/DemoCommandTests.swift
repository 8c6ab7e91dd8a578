import Foundation
import TestSupport
import Testing

/// `lifecircle demo`, the README's main job, end to end on GeoData.
@Suite("The demo")
struct DemoCommandTests {
    @Test func theDemoRunsTheWholeChainAndSaysWhereTheReportsAre() throws {
        let cli = try CommandRunner()
        let result = try cli.run(["demo", "-o", "out", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Done. Everything is in"))
        #expect(result.stdout.contains("helsinki-report/report.html"))
        #expect(result.stdout.contains("huadu-report/report.html"))
        #expect(result.stderr.contains("[1/"))
        for report in ["helsinki-report", "huadu-report"] {
            for file in ["report.html", "report.md", "report.json", "failures.gpkg"] {
                #expect(FileManager.default.fileExists(atPath: cli.path("out/\(report)/\(file)")), "\(report)/\(file)")
            }
        }
        // Every GeoPackage of the chain opens in GDAL without a warning.
        for file in ["helsinki.gpkg", "helsinki.network.gpkg", "helsinki.demand.gpkg", "helsinki.coverage.gpkg",
                     "helsinki.isochrones.gpkg", "helsinki.gaps.gpkg", "helsinki.sites.gpkg", "huadu.admin.gpkg"] {
            let report = try OgrReport(of: cli.path("out/\(file)"))
            #expect(!report.layers.isEmpty, "\(file)")
        }
        let registry = try OgrReport(of: cli.path("out/helsinki.gpkg"))
        #expect(registry.layers["public_toilet"]?.featureCount == 17)
        #expect((registry.layers["playground"]?.featureCount ?? 0) > 0)
    }
}
