import Projection
import Testing

@Suite struct CRSTests {
    @Test(arguments: ["EPSG:4326", "epsg:4326", "4326", "wgs84", "WGS84", "WGS 84", " EPSG:4326\n"])
    func wgs84Spellings(text: String) throws {
        let crs = try CRS(parsing: text)
        #expect(crs == .wgs84)
        #expect(crs.epsgCode == 4326)
        #expect(crs.isGeographic)
        #expect(crs.description == "EPSG:4326")
    }

    /// The constants are written out so they need no PROJ call; they must say what PROJ says.
    @Test func constantsMatchPROJ() throws {
        for (constant, code) in [(CRS.wgs84, "EPSG:4326"), (CRS.cgcs2000, "EPSG:4490")] {
            let parsed = try CRS(parsing: code)
            #expect(parsed == constant)
            #expect(parsed.name == constant.name)
            #expect(parsed.epsgCode == constant.epsgCode)
            #expect(parsed.isGeographic == constant.isGeographic)
            #expect(parsed.description == constant.description)
        }
        #expect(try CRS(parsing: "cgcs2000") == .cgcs2000)
    }

    @Test func projectedCRSFromTheDatabase() throws {
        let crs = try CRS(parsing: "epsg:4547")
        #expect(crs.epsgCode == 4547)
        #expect(crs.name == "CGCS2000 / 3-degree Gauss-Kruger CM 114E")
        #expect(crs.description == "EPSG:4547")
        #expect(!crs.isGeographic)
        #expect(try CRS(parsing: crs.definition) == crs)
    }

    @Test(arguments: ["gcj02", "GCJ-02", "gcj", "GCJ02"])
    func gcj02Spellings(text: String) throws {
        let crs = try CRS(parsing: text)
        #expect(crs == .gcj02)
        #expect(crs.description == "gcj02")
        #expect(crs.isGeographic)
        #expect(crs.epsgCode == nil)
    }

    @Test(arguments: ["bd09", "BD-09", "baidu", "Baidu"])
    func bd09Spellings(text: String) throws {
        let crs = try CRS(parsing: text)
        #expect(crs == .bd09)
        #expect(crs.description == "bd09")
        #expect(crs.isGeographic)
    }

    @Test func namesAndURNsFromTheDatabaseAreDefinedByTheirCode() throws {
        #expect(try CRS(parsing: "urn:ogc:def:crs:EPSG::4547") == (try CRS(parsing: "EPSG:4547")))
        let utm = try CRS(parsing: "WGS 84 / UTM zone 50N")
        #expect(utm.definition == "EPSG:32650")
        #expect(utm.epsgCode == 32650)
    }

    @Test func projStrings() throws {
        let utm = try CRS(parsing: "+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs")
        #expect(!utm.isGeographic)
        #expect(utm.epsgCode == nil)
        #expect(utm.definition.hasSuffix("+type=crs"))
        #expect(utm.description == utm.definition)
        #expect(try CRS(parsing: utm.definition) == utm)
        let longlat = try CRS(parsing: "+proj=longlat +datum=WGS84 +type=crs")
        #expect(longlat.isGeographic)
        #expect(longlat.definition == "+proj=longlat +datum=WGS84 +type=crs")
    }

    @Test func wktFromPROJReadsBack() throws {
        let gk114 = try CRS(parsing: "EPSG:4547")
        let wkt2 = try gk114.wkt()
        #expect(wkt2.hasPrefix(#"PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 114E""#))
        #expect(!wkt2.contains("\n"))
        let fromWKT = try CRS(parsing: wkt2)
        #expect(fromWKT.epsgCode == 4547)
        #expect(fromWKT.description == "EPSG:4547")
        #expect(!fromWKT.isGeographic)

        let wkt1 = try CRS.wgs84.wkt(.wkt1GDAL)
        #expect(wkt1.hasPrefix(#"GEOGCS["WGS 84""#))
        #expect(wkt1.contains(#"AUTHORITY["EPSG","4326"]"#))
        #expect(try CRS.wgs84.wkt(.wkt2_2015, multiline: true).contains("\n"))
    }

    /// gcj02/bd09 get a custom geographic WKT that never reads as WGS 84.
    @Test func consumerMapSystemsHaveTheirOwnWKT() throws {
        for (crs, name) in [(CRS.gcj02, "GCJ-02"), (CRS.bd09, "BD-09")] {
            for version in [CRS.WKTVersion.wkt2_2019, .wkt2_2015, .wkt1GDAL] {
                let wkt = try crs.wkt(version)
                #expect(wkt.contains(#""\#(name)""#))
                let described = try CRS(parsing: wkt)
                #expect(described.isGeographic)
                #expect(described.name == name)
                #expect(described.epsgCode == nil)
                #expect(described != .wgs84 && described != crs)
            }
        }
    }

    @Test func unknownCodeIsAClearError() {
        let error = #expect(throws: ProjectionError.self) { try CRS(parsing: "EPSG:999999") }
        #expect(error?.kind == .unknownCRS)
        #expect(error?.description.hasPrefix("unknown CRS 'EPSG:999999': PROJ's database has no such code") == true)
        let bare = #expect(throws: ProjectionError.self) { try CRS(parsing: "999999") }
        #expect(bare?.kind == .unknownCRS)
        let authority = #expect(throws: ProjectionError.self) { try CRS(parsing: "NOSUCH:4326") }
        #expect(authority?.kind == .unknownCRS)
    }

    @Test(arguments: ["", "   ", "not a crs at all", "+proj=nosuchprojection", "GEOGCRS[\"broken\"", "gcj03"])
    func garbageIsAnError(text: String) {
        let error = #expect(throws: ProjectionError.self) { try CRS(parsing: text) }
        #expect(error?.kind == .invalidCRS)
    }

    @Test func objectsThatAreNotHorizontalCRSsAreRejected() {
        // A coordinate operation, and a vertical CRS (EGM96 height).
        for text in ["urn:ogc:def:coordinateOperation:EPSG::1671", "EPSG:5773"] {
            let error = #expect(throws: ProjectionError.self) { try CRS(parsing: text) }
            #expect(error?.kind == .invalidCRS)
        }
    }

    @Test func geographicAndProjected() throws {
        #expect(try CRS(parsing: "EPSG:4490").isGeographic)
        #expect(try CRS(parsing: "EPSG:4979").isGeographic)  // WGS 84 3D
        #expect(!(try CRS(parsing: "EPSG:4526").isGeographic))
        #expect(!(try CRS(parsing: "EPSG:32650").isGeographic))
    }
}
