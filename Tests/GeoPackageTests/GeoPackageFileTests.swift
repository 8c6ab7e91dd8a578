import Foundation
import GRDB
import GeoCore
import GeoPackage
import TestSupport
import Testing

@Suite struct GeoPackageFileTests {
    @Test func createsTheCoreTablesAndRequiredSystems() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let path = dir.path("new.gpkg")
        let file = try GeoPackageFile(path: path)
        let systems = try file.read { try $0.spatialReferenceSystems() }
        #expect(systems.map(\.id) == [-1, 0, 4326])
        #expect(systems[2].definition.hasPrefix("GEOGCS[\"WGS 84\""))
        #expect(systems[0].organization == "NONE" && systems[0].definition == "undefined")

        let raw = try DatabaseQueue(path: path)
        try raw.read { db in
            #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0x4750_4B47)
            #expect(try Int32.fetchOne(db, sql: "PRAGMA user_version") == 10300)
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            #expect(tables == ["gpkg_contents", "gpkg_extensions", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"])
        }
        #expect(try ogrSummary(of: path).isEmpty)
    }

    @Test func opensAnExistingFileAgainWithoutChangingIt() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let path = dir.path("again.gpkg")
        _ = try GeoPackageFile(path: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reopened = try GeoPackageFile(path: path, mode: .readWrite)
        #expect(try reopened.layers().isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func refusesMissingAndForeignFiles() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let missing = dir.path("missing.gpkg")
        let e1 = #expect(throws: GeoPackageError.self) { try GeoPackageFile(path: missing, mode: .readOnly) }
        #expect(e1?.kind == .notAGeoPackage)
        #expect(e1?.description.contains(missing) == true)

        let text = dir.file("text.gpkg")
        try Data("not a database at all, just some text that is long enough".utf8).write(to: text)
        let e2 = #expect(throws: GeoPackageError.self) { try GeoPackageFile(path: text.path) }
        #expect(e2?.kind == .notAGeoPackage)
        #expect(e2?.description.contains("text.gpkg") == true)

        let plain = dir.path("plain.sqlite")
        try DatabaseQueue(path: plain).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let e3 = #expect(throws: GeoPackageError.self) { try GeoPackageFile(path: plain) }
        #expect(e3?.kind == .notAGeoPackage)
        #expect(e3?.reason.contains("gpkg_spatial_ref_sys") == true)
    }

    @Test func registersSpatialReferenceSystemsOnce() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try GeoPackageFile(path: dir.path("srs.gpkg"))
        let cgcs2000 = SpatialReferenceSystem.epsg(
            4490, name: "China Geodetic Coordinate System 2000", definition: cgcs2000WKT)
        try file.register([cgcs2000])
        try file.register([cgcs2000])  // again: nothing changes
        #expect(try file.read { try $0.spatialReferenceSystem(id: 4490) } == cgcs2000)

        let conflicting = SpatialReferenceSystem(
            id: 4490, name: "other", organization: "EPSG", organizationCoordsysID: 4326, definition: "x")
        let error = #expect(throws: GeoPackageError.self) { try file.register([conflicting]) }
        #expect(error?.kind == .unknownSRS)
        #expect(error?.reason.contains("4490") == true)
    }
}

let cgcs2000WKT = """
    GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,\
    LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],\
    AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],\
    AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]]
    """
