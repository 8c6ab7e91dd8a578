import Foundation
import GRDB
import GeoCore
import GeoPackage
import TestSupport
import Testing

@Suite struct FeatureLayerTests {
    /// Huadu and Lechang district outlines (WGS84), the GeoJSON ogr2ogr converts.
    static let huaduLechang = Repository.geoData.appendingPathComponent(
        "china/admin_huadu_lechang_wgs84.geojson"
    ).path
    /// The Helsinki population grid, a GeoPackage GDAL wrote.
    static let helsinkiGrid = Repository.geoData.appendingPathComponent(
        "population/helsinki_grid_2020.gpkg"
    ).path

    @Test func writesLayersOfEveryGeometryTypeThatGDALReads() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let path = dir.path("layers.gpkg")
        let file = try GeoPackageFile(path: path)
        try file.register([.epsg(4490, name: "China Geodetic Coordinate System 2000", definition: cgcs2000WKT)])
        var expected: [String: OgrLayerSummary] = [:]
        let ogrNames: [GeometryType: String] = [
            .point: "Point", .multiPoint: "Multi Point", .lineString: "Line String",
            .multiLineString: "Multi Line String",
            .polygon: "Polygon", .multiPolygon: "Multi Polygon", .geometryCollection: "Geometry Collection",
        ]
        for (index, geometry) in sampleGeometries.enumerated() {
            let type = GeometryType(of: geometry)
            let name = "layer_\(type.rawValue.lowercased())"
            let srsID: Int32 = index.isMultiple(of: 2) ? 4326 : 4490
            let features = [
                Feature(
                    geometry: geometry,
                    properties: ["label": .string("第\(index)个"), "rank": .number(Double(index)), "ok": true]),
                Feature(geometry: nil, properties: ["label": nil, "rank": 2.5]),
            ]
            let columns = Column.inferred(from: features)
            #expect(columns == [Column("label", .text), Column("ok", .boolean), Column("rank", .real)])
            try file.writeLayer(
                FeatureLayer(
                    name: name, geometry: GeometryColumn(type: type, srsID: srsID), columns: columns, features: features
                ))
            expected[name] = OgrLayerSummary(geometry: ogrNames[type] ?? "", featureCount: 2, epsg: Int(srsID))

            let back = try file.readLayer(named: name)
            #expect(back.srsID == srsID)
            #expect(back.features.map(\.geometry) == [geometry, nil])
            #expect(
                back.features[0].properties == [
                    "label": .string("第\(index)个"), "rank": .number(Double(index)), "ok": true,
                ])
            #expect(back.features[1].properties == ["label": nil, "rank": 2.5, "ok": nil])
            #expect(back.features.map(\.id) == [1, 2])
        }
        #expect(try ogrSummary(of: path) == expected)
        let layers = try file.layers()
        #expect(layers.map(\.featureCount) == Array(repeating: 2, count: sampleGeometries.count))
        let validation = try ToolRunner.run(
            "python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", path])
        #expect(validation.status == 0 && validation.output.isEmpty, "validate_gpkg.py: \(validation.output)")
    }

    @Test func writeLayerNamesTheFeatureAndColumnThatDoNotFit() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try GeoPackageFile(path: dir.path("bad.gpkg"))
        let layer = FeatureLayer(
            name: "counts", geometry: GeometryColumn(type: .point, srsID: 4326), columns: [Column("n", .integer)],
            features: [
                Feature(geometry: .point(Coordinate(x: 1, y: 1)), properties: ["n": 1]),
                Feature(geometry: .point(Coordinate(x: 2, y: 2)), properties: ["n": 1.5]),
            ])
        let error = #expect(throws: GeoPackageError.self) { try file.writeLayer(layer) }
        #expect(error?.description.contains("table 'counts', row 2 of the batch, column 'n'") == true)
        #expect(try file.layers().isEmpty)  // the table itself was rolled back
    }

    @Test func readsWhatOgr2ogrWrote() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let path = dir.path("admin.gpkg")
        let converted = try ToolRunner.run("ogr2ogr", ["-f", "GPKG", path, Self.huaduLechang])
        #expect(converted.status == 0, "\(converted.output)")
        let file = try GeoPackageFile(path: path, mode: .readOnly)
        let layers = try file.layers()
        #expect(layers.map(\.name) == ["admin_huadu_lechang_wgs84"])
        #expect(layers.first?.geometry?.type == .multiPolygon)
        #expect(layers.first?.srsID == 4326)
        #expect(layers.first?.featureCount == 4)
        let layer = try file.readLayer(named: "admin_huadu_lechang_wgs84")
        #expect(layer.features.count == 4)
        for feature in layer.features {
            guard case .multiPolygon(let polygons)? = feature.geometry else {
                Issue.record("expected a MultiPolygon, got \(String(describing: feature.geometry))")
                continue
            }
            #expect(!polygons.isEmpty && polygons.allSatisfy { $0.allSatisfy { $0.first == $0.last && $0.count >= 4 } })
            #expect(feature.properties["name"]?.stringValue?.isEmpty == false)
            // Lechang and Huadu lie in northern Guangdong.
            let box = feature.geometry?.boundingBox
            #expect(box.map { $0.minX > 112 && $0.maxX < 115 && $0.minY > 22 && $0.maxY < 26 } == true)
        }
        // The R-tree GDAL built answers our box queries.
        let lechang = try BoundingBox(minX: 112.8, minY: 24.9, maxX: 113.8, maxY: 25.6)
        let found = try file.read { try $0.rows(in: "admin_huadu_lechang_wgs84", intersecting: lechang) }
        #expect(!found.isEmpty && found.count < 4)
    }

    @Test func readsTheHelsinkiPopulationGrid() throws {
        let file = try GeoPackageFile(path: Self.helsinkiGrid, mode: .readOnly)
        let layer = try file.readLayer(named: "population_grid_2020")
        #expect(layer.srsID == 4326)
        #expect(layer.geometry?.type == .polygon)
        #expect(layer.features.count == 92)
        #expect(layer.columns.map(\.name) == ["id", "population"])
        let total = layer.features.compactMap { $0.properties["population"]?.numberValue }.reduce(0, +)
        #expect(total > 0)
        for feature in layer.features {
            guard case .polygon(let rings)? = feature.geometry else {
                Issue.record("expected a Polygon")
                continue
            }
            #expect(rings[0].first == rings[0].last)
            #expect(rings[0].allSatisfy { (24.9...24.97).contains($0.x) && (60.15...60.18).contains($0.y) })
        }
    }

    @Test func writesIntoAFileGDALCreatedAndGDALStillReadsIt() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let path = dir.path("mixed.gpkg")
        #expect(try ToolRunner.run("ogr2ogr", ["-f", "GPKG", path, Self.huaduLechang]).status == 0)
        let file = try GeoPackageFile(path: path, mode: .readWrite)
        let admin = try file.readLayer(named: "admin_huadu_lechang_wgs84")
        let centres = admin.features.compactMap { feature -> Feature? in
            guard let box = feature.geometry?.boundingBox else { return nil }
            return Feature(geometry: .point(box.center), properties: ["name": feature.properties["name"] ?? nil])
        }
        try file.writeLayer(
            FeatureLayer(
                name: "centres", geometry: GeometryColumn(type: .point, srsID: 4326), columns: [Column("name", .text)],
                features: centres))
        let summary = try ogrSummary(of: path)
        #expect(summary["centres"] == OgrLayerSummary(geometry: "Point", featureCount: 4, epsg: 4326))
        #expect(
            summary["admin_huadu_lechang_wgs84"]
                == OgrLayerSummary(geometry: "Multi Polygon", featureCount: 4, epsg: 4326))
    }
}
