import GeoCore
import Projection
import Testing

@Suite struct LocalMetricTests {
    @Test func huaduAndLechangUseTheCM114Zone() throws {
        for center in [SamplePoints.huadu[0], SamplePoints.lechang[0]] {
            let crs = try CRS.localMetric(for: center)
            #expect(crs.epsgCode == 4547)
            #expect(crs.name == "CGCS2000 / 3-degree Gauss-Kruger CM 114E")
            #expect(crs == (try CRS(parsing: "EPSG:4547")))
            #expect(!crs.isGeographic)
        }
        let box = try #require(BoundingBox(covering: SamplePoints.all))
        #expect(try CRS.localMetric(for: box).epsgCode == 4547)
    }

    @Test(arguments: [
        (111.0, 23.0, 4546), (112.49, 23.0, 4546), (112.5, 23.0, 4547), (115.49, 40.0, 4547),
        (117.2, 39.1, 4548), (87.6, 43.8, 4538), (-46.6, -23.5, 32723), (24.94, 60.17, 32635),
        (106.8, -6.2, 32748), (151.2, -33.9, 32756),
    ])
    func zones(lon: Double, lat: Double, epsg: Int) throws {
        #expect(try CRS.localMetric(for: Coordinate(lon: lon, lat: lat)).epsgCode == epsg)
    }

    @Test func polarRegionsUseUPS() throws {
        let north = try CRS.localMetric(for: Coordinate(lon: 15, lat: 85))
        #expect(north.name == "WGS 84 / UPS North (E,N)")
        #expect(!north.isGeographic && north.epsgCode != nil)
        let south = try CRS.localMetric(for: Coordinate(lon: 15, lat: -85))
        #expect(south.name == "WGS 84 / UPS South (E,N)")
    }

    @Test func invalidCenterIsAnError() {
        let error = #expect(throws: ProjectionError.self) {
            try CRS.localMetric(for: Coordinate(lon: 200, lat: 23))
        }
        #expect(error?.kind == .invalidCoordinate)
    }
}
