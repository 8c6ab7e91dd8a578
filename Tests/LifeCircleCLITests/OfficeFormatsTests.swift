import Foundation
import TestSupport
import Testing

/// The files offices exchange, made by an independent tool (GDAL's `ogr2ogr`) from GeoData's sample lists, imported
/// through `lifecircle import` and compared with the lists they came from; exports read back by `ogrinfo`.
@Suite("Shapefile, XLSX, KML, FileGDB and GeoPackage in and out", .serialized)
struct OfficeFormatsTests {
    let cli: CommandRunner
    /// 5 toilets of Shenzhen Longgang (inside EPSG:4547's zone) and 17 of Helsinki, both UTF-8 here.
    let longgang = Repository.geoData.appendingPathComponent("samples/longgang_toilets.csv").path
    let helsinki: String

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
        let gbk = Repository.geoData.appendingPathComponent("samples/helsinki_toilets_gbk.csv").path
        let utf8 = try ToolRunner.run("iconv", ["-f", "gb18030", "-t", "utf-8", gbk])
        try utf8.stdoutData.write(to: cli.folder.appendingPathComponent("helsinki.csv"))
        helsinki = cli.path("helsinki.csv")
    }

    /// `ogr2ogr ARGS`, expected to pass.
    func ogr2ogr(_ arguments: [String]) throws {
        let result = try ToolRunner.run("ogr2ogr", arguments, in: cli.folder)
        try #require(result.status == 0, "ogr2ogr \(arguments.joined(separator: " ")): \(result.output)")
    }

    /// A surveyor's Shapefile: EPSG:4547, a GBK `.dbf` and no `.cpg`, as older ArcGIS leaves it.
    func surveyShapefile(from csv: String, named name: String = "survey.shp") throws -> String {
        try ogr2ogr([
            "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", name, csv, "-oo", "X_POSSIBLE_NAMES=经度",
            "-oo", "Y_POSSIBLE_NAMES=纬度", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547",
        ])
        let stem = (name as NSString).deletingPathExtension
        try FileManager.default.removeItem(at: cli.folder.appendingPathComponent("\(stem).cpg"))
        return cli.path(name)
    }

    /// id → (name, lon, lat) of a list CSV (编号,名称,经度,纬度,…), as the sample has them.
    func expected(_ csv: String) throws -> [String: (name: String, lon: Double, lat: Double)] {
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var rows: [String: (String, Double, Double)] = [:]
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[cells[0]] = (cells[1], Double(cells[2])!, Double(cells[3])!)
        }
        return rows
    }

    /// The toilets of a registry (the folder's default one unless named): id → (name, lon, lat).
    func listed(_ registry: [String] = []) throws -> [String: (name: String, lon: Double, lat: Double)] {
        let listed = try cli.run(["list", "public_toilet", "--json"] + registry)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        var result: [String: (String, Double, Double)] = [:]
        for row in rows {
            result[row["id"] as! String] = (row["name"] as! String, row["lon"] as! Double, row["lat"] as! Double)
        }
        return result
    }

    func expectSame(
        _ imported: [String: (name: String, lon: Double, lat: Double)],
        _ source: [String: (name: String, lon: Double, lat: Double)], tolerance: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(Set(imported.keys) == Set(source.keys), sourceLocation: sourceLocation)
        for (id, want) in source {
            guard let got = imported[id] else { continue }
            #expect(got.name == want.name, sourceLocation: sourceLocation)
            #expect(abs(got.lon - want.lon) < tolerance && abs(got.lat - want.lat) < tolerance,
                    "\(id): \(got) vs \(want)", sourceLocation: sourceLocation)
        }
    }

    @Test func surveyorsShapefileInEPSG4547WithGBKDbfImportsWithoutCRS() throws {
        let shapefile = try surveyShapefile(from: longgang)
        let imported = try cli.run(["import", "public_toilet", shapefile])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("已导入 5 处公厕（EPSG:4547 → EPSG:4326）"), "\(imported.stdout)")
        // GBK names decoded (名称 found, "公厕 …" intact); 4547 → 4326 back within a millimetre's worth of degrees.
        expectSame(try listed(), try expected(longgang), tolerance: 1e-7)
    }

    @Test func contradictingCRSIsRefusedAndTheRegistryIsUnchanged() throws {
        let shapefile = try surveyShapefile(from: longgang)
        let before = try Data(contentsOf: cli.folder.appendingPathComponent("registry.gpkg"))
        let refused = try cli.run(["import", "public_toilet", shapefile, "--crs", "EPSG:4326", "--lang", "en"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("survey.shp: --crs EPSG:4326 contradicts the coordinate system the file states in its .prj, EPSG:4547"),
                "\(refused.stderr)")
        #expect(try Data(contentsOf: cli.folder.appendingPathComponent("registry.gpkg")) == before)
        // Saying what the .prj says is fine.
        #expect(try cli.run(["import", "public_toilet", shapefile, "--crs", "EPSG:4547"]).status == 0)
    }

    @Test func badRowInAShapefileNamesFileFeatureAndFieldAndWritesNothing() throws {
        // The third toilet loses its name.
        var lines = try String(contentsOfFile: longgang, encoding: .utf8).split(separator: "\n").map(String.init)
        var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[1] = ""
        lines[3] = cells.joined(separator: ",")
        try cli.write("broken.csv", lines.joined(separator: "\n") + "\n")
        let shapefile = try surveyShapefile(from: cli.path("broken.csv"), named: "broken.shp")
        let before = try Data(contentsOf: cli.folder.appendingPathComponent("registry.gpkg"))
        let failed = try cli.run(["import", "public_toilet", shapefile])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("broken.shp: 1 of 5 rows are invalid; nothing was imported"), "\(failed.stderr)")
        #expect(failed.stderr.contains("FID 2, field '名称': a name is required"), "\(failed.stderr)")
        #expect(try Data(contentsOf: cli.folder.appendingPathComponent("registry.gpkg")) == before)
    }

    @Test func xlsxKMLFileGDBAndGeoPackageFromOgr2ogrImportAsTheirSource() throws {
        let points = ["-oo", "X_POSSIBLE_NAMES=经度", "-oo", "Y_POSSIBLE_NAMES=纬度", "-a_srs", "EPSG:4326"]
        try ogr2ogr(["-f", "XLSX", "toilets.xlsx", helsinki, "-oo", "AUTODETECT_TYPE=YES"])
        try ogr2ogr(["-f", "KML", "toilets.kml", helsinki] + points)
        try ogr2ogr(["-f", "OpenFileGDB", "toilets.gdb", helsinki, "-nln", "toilets"] + points)
        try ogr2ogr(["-f", "GPKG", "toilets.gpkg", helsinki, "-nln", "toilets", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:3067"]
            + points.dropLast(2))
        let source = try expected(helsinki)
        for (file, extra) in [("toilets.xlsx", ["--crs", "EPSG:4326"]), ("toilets.kml", []), ("toilets.gdb", []),
                              ("toilets.gpkg", [])] {
            let fresh = try cli.run(["init", "--registry", "\(file).registry.gpkg"])
            try #require(fresh.status == 0)
            let imported = try cli.run(["import", "public_toilet", cli.path(file), "--registry", "\(file).registry.gpkg"] + extra)
            #expect(imported.status == 0, "\(file): \(imported.stderr)")
            #expect(imported.stdout.contains("已导入 17 处公厕"), "\(file): \(imported.stdout)")
            // Through EPSG:3067 and back (the GeoPackage) a few nanodegrees move.
            expectSame(try listed(["--registry", "\(file).registry.gpkg"]), source, tolerance: 1e-7)
        }
        // An XLSX has no system of its own: --crs is needed, as for a CSV.
        let unstated = try cli.run(["import", "public_toilet", cli.path("toilets.xlsx"), "--lang", "en"])
        #expect(unstated.status == 65)
        #expect(unstated.stderr.contains("does not state its coordinate system"), "\(unstated.stderr)")
    }

    @Test func xlsxAndGBKShapefileExportsReadBackByOgrinfoAndReimport() throws {
        try #require(try cli.run(["import", "public_toilet", try surveyShapefile(from: longgang)]).status == 0)

        let xlsx = try cli.run(["export", "public_toilet", "--format", "xlsx", "-o", "out.xlsx"])
        #expect(xlsx.status == 0, "\(xlsx.stderr)")
        let sheet = try OgrReport(of: cli.path("out.xlsx"))
        #expect(sheet.layers["public_toilet"]?.featureCount == 5)
        let cells = try OgrReport.ogrinfo(["-al", cli.path("out.xlsx")]).output
        #expect(cells.contains("名称 (String) = 公厕 node/2368374393"))
        #expect(cells.contains("经度 (Real) = 114.2085453"), "\(cells)")

        let shp = try cli.run(["export", "public_toilet", "--format", "shp", "-o", "out.shp", "--crs", "EPSG:4547",
                               "--encoding", "gbk"])
        #expect(shp.status == 0, "\(shp.stderr)")
        #expect(try String(contentsOfFile: cli.path("out.cpg"), encoding: .utf8) == "CP936")
        let layer = try OgrReport(of: cli.path("out.shp")).layers["out"]
        #expect(layer?.featureCount == 5)
        #expect(layer?.epsg == 4547)
        let records = try OgrReport.ogrinfo(["-al", cli.path("out.shp")]).output
        #expect(records.contains("facility_i (String) = node/2368374393"))
        #expect(records.contains("name (String) = 公厕 node/2368374393"))
        // The .dbf really is GBK: 公厕 is B9 AB B2 DE there.
        let dbf = try Data(contentsOf: cli.folder.appendingPathComponent("out.dbf"))
        #expect(dbf.range(of: Data([0xB9, 0xAB, 0xB2, 0xDE])) != nil)

        // Read back into a new registry: the shortened facility_i is the id again.
        try #require(try cli.run(["init", "--registry", "again.gpkg"]).status == 0)
        let again = try cli.run(["import", "public_toilet", cli.path("out.shp"), "--registry", "again.gpkg"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("facility_i"), "\(again.stderr)")
        expectSame(try listed(["--registry", "again.gpkg"]), try expected(longgang), tolerance: 1e-7)
    }
}
