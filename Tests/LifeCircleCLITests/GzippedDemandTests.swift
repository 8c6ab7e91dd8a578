import Foundation
import TestSupport
import Testing

/// The population layers GeoData ships gzipped import as they are, told by the name inside the `.gz`.
@Suite("Gzipped population layers")
struct GzippedDemandTests {
    @Test func theSaoPauloHexagonsImportGzippedAtCentroidsAndOnAGrid() throws {
        let cli = try CommandRunner()
        try #require(cli.run(["init"]).status == 0)
        let hexagons = Repository.geoData.appendingPathComponent("population/sao_paulo_hexgrid.geojson.gz").path
        let centroids = try cli.run(["demand", "import", hexagons, "--population", "population", "--id", "id", "--lang", "en"])
        #expect(centroids.status == 0, "\(centroids.stderr)")
        #expect(centroids.stdout.contains("Imported 323 demand units, 517570 residents"))
        let grid = try cli.run([
            "demand", "import", hexagons, "--population", "population", "--id", "id", "--polygons", "grid", "--cell", "100",
            "--lang", "en",
        ])
        #expect(grid.status == 0, "\(grid.stderr)")
        #expect(grid.stdout.contains("517570 residents"), "spreading by area keeps every resident")
        #expect(try OgrReport(of: cli.path("registry.demand.gpkg")).layers["demand"]?.featureCount ?? 0 > 323)
    }
}
