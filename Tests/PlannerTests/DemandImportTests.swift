import FacilityRegistry
import Foundation
import GeoCore
import Planner
import TestSupport
import Testing

/// Population layers as planners get them: the real São Paulo hexagons and Helsinki grid, gzip-compressed
/// GeoJSON, as polygons taken at their centroids or spread on a metric grid by area.
@Suite("Demand import of gzipped polygon layers")
struct DemandImportTests {
    /// A copy of a `.geojson.gz` named `.geojson`: the reader tells gzip by its bytes, not by its name.
    private static func table(_ name: String, in folder: TemporaryFolder) throws -> InputTable {
        let copy = folder.file(name.replacingOccurrences(of: ".geojson.gz", with: ".geojson"))
        if !FileManager.default.fileExists(atPath: copy.path) {
            try FileManager.default.copyItem(at: Repository.geoData.appending(path: "population/\(name)"), to: copy)
        }
        return try InputTable.read(contentsOf: copy)
    }

    private static func total(_ units: [DemandUnit]) -> Double { units.reduce(0) { $0 + $1.count(.total) } }

    @Test func saoPauloHexagonsAtTheirCentroids() throws {
        let folder = try TemporaryFolder(prefix: "planner-tests")
        defer { folder.remove() }
        let table = try Self.table("sao_paulo_hexgrid.geojson.gz", in: folder)
        let units = try DemandImporter(options: .init(population: "population", id: "id")).read(table, crs: nil)
        #expect(units.count == 323)
        #expect(Self.total(units) == 517_570)
        // The CSV beside the hexagons lists each cell's centroid as r5py computed it: ours agree.
        let csv = try InputTable.read(contentsOf: Repository.geoData.appending(path: "population/sao_paulo_hexgrid.csv"))
        var centroids: [String: Coordinate] = [:]
        for row in csv.rows {
            guard let id = row.cells["id"], let lon = row.cells["lon"].flatMap(Double.init),
                let lat = row.cells["lat"].flatMap(Double.init)
            else { continue }
            centroids[id] = Coordinate(lon: lon, lat: lat)
        }
        #expect(centroids.count == 323)
        var largest = 0.0
        for unit in units {
            let other = try #require(centroids[unit.id])
            largest = max(largest, abs(unit.location.lon - other.lon), abs(unit.location.lat - other.lat))
        }
        #expect(largest < 1e-6, "largest difference from r5py's centroids: \(largest)°")
    }

    @Test func saoPauloHexagonsSpreadOnA100MetreGrid() throws {
        let folder = try TemporaryFolder(prefix: "planner-tests")
        defer { folder.remove() }
        let table = try Self.table("sao_paulo_hexgrid.geojson.gz", in: folder)
        let cells = try DemandImporter(options: .init(population: "population", id: "id", polygons: .grid(cellSize: 100)))
            .read(table, crs: nil)
        // H3 resolution-9 cells cover about 0.105 km² each: some 34 km² in all, about 3 400 cells of 1 ha.
        #expect(cells.count > 3000 && cells.count < 4500)
        #expect(abs(Self.total(cells) - 517_570) < 1e-6 * 517_570)
        #expect(cells.allSatisfy { $0.count(.total) >= 0 && $0.id.hasPrefix("cell_") })
    }

    @Test func helsinkiGridAgreesWithItsGeoPackage() throws {
        let folder = try TemporaryFolder(prefix: "planner-tests")
        defer { folder.remove() }
        let importer = DemandImporter(options: .init(population: "population", id: "id"))
        let fromGzip = try importer.read(try Self.table("helsinki_grid_2020.geojson.gz", in: folder), crs: nil)
        let fromGeoPackage = try importer.read(
            try InputTable.read(contentsOf: Repository.geoData.appending(path: "population/helsinki_grid_2020.gpkg")),
            crs: nil)
        #expect(fromGzip.count == 92)
        #expect(Self.total(fromGzip) == 71_724)
        let byID = Dictionary(uniqueKeysWithValues: fromGeoPackage.map { ($0.id, $0) })
        for unit in fromGzip {
            let other = try #require(byID[unit.id])
            #expect(unit.count(.total) == other.count(.total))
            #expect(abs(unit.location.lon - other.location.lon) < 1e-6 && abs(unit.location.lat - other.location.lat) < 1e-6)
        }
        let spread = try DemandImporter(options: .init(population: "population", id: "id", polygons: .grid(cellSize: 100)))
            .read(try Self.table("helsinki_grid_2020.geojson.gz", in: folder), crs: nil)
        #expect(abs(Self.total(spread) - 71_724) < 1e-6 * 71_724)
    }
}
