import Foundation
import GeoCore
import Projection
import TestSupport
import Testing

/// Coordinates that cannot be in the CRS they are declared in are refused, with the mistake named; the areas of use
/// the check relies on are PROJ's, as `projinfo` prints them.
@Suite("Declared coordinates")
struct DeclaredCoordinatesTests {
    /// `projinfo CODE` prints `BBOX[south,west,north,east]` in its WKT; our area of use is the same box.
    @Test(arguments: ["EPSG:4547", "EPSG:4526", "EPSG:4490", "EPSG:4326", "EPSG:32650", "EPSG:3879", "EPSG:3857"])
    func areasOfUseAreWhatProjinfoSays(code: String) throws {
        let printed = try ToolRunner.run("/usr/bin/projinfo", [code])
        try #require(printed.succeeded, "\(printed.stderr)")
        let bbox = try #require(printed.stdout.firstMatch(of: /BBOX\[([-0-9.]+),([-0-9.]+),([-0-9.]+),([-0-9.]+)\]/))
        let (south, west, north, east) = (Double(bbox.1)!, Double(bbox.2)!, Double(bbox.3)!, Double(bbox.4)!)
        let area = try #require(try CRS(parsing: code).areaOfUse())
        #expect(abs(area.south - south) < 1e-9 && abs(area.west - west) < 1e-9, "\(code): \(area)")
        #expect(abs(area.north - north) < 1e-9 && abs(area.east - east) < 1e-9, "\(code): \(area)")
    }

    @Test func aProjStringWithoutAnExtentHasNoAreaAndIsOnlyCheckedForValidity() throws {
        let crs = try CRS(parsing: "+proj=tmerc +lon_0=114 +k=1 +x_0=500000 +ellps=GRS80 +units=m")
        #expect(try crs.areaOfUse() == nil)
        let huadu = try ProjCommandLine.cs2cs(from: "EPSG:4326", to: "EPSG:4547", [SamplePoints.huadu[0]])[0]
        let back = try DeclaredCoordinates(crs: crs).wgs84(huadu)
        #expect(abs(back.lon - 113.22) < 1e-6 && abs(back.lat - 23.40) < 1e-6)
    }

    /// Huadu's points written in CGCS2000 / 3-degree Gauss-Kruger CM 114E come back where cs2cs puts them.
    @Test func rightCoordinatesPass() throws {
        let projected = try ProjCommandLine.cs2cs(from: "EPSG:4326", to: "EPSG:4547", SamplePoints.huadu)
        let back = try DeclaredCoordinates(crs: try CRS(parsing: "EPSG:4547")).wgs84(all: projected)
        for (point, expected) in zip(back, SamplePoints.huadu) {
            #expect(abs(point.lon - expected.lon) < 1e-7 && abs(point.lat - expected.lat) < 1e-7)
        }
    }

    /// The rooms of the issue: 113.22,23.40 declared as EPSG:4547 would land near 109.5°E 0°N.
    @Test func degreesGivenForAProjectedCRSAreRefusedWithTheHint() throws {
        let declared = try DeclaredCoordinates(crs: try CRS(parsing: "EPSG:4547"))
        let results = declared.wgs84(SamplePoints.huadu)
        for (index, result) in results.enumerated() {
            guard case .failure(let problem) = result else {
                Issue.record("point \(index) in degrees was accepted as EPSG:4547")
                continue
            }
            #expect(problem.index == index)
            #expect(problem.hint == .degreesInProjectedCRS)
            let landed = try #require(problem.landed)
            #expect(abs(landed.lon - 109.5) < 0.2 && abs(landed.lat) < 0.01, "\(landed)")
            #expect(problem.description.contains("did you mean --crs EPSG:4490"), "\(problem)")
        }
    }

    /// Chinese survey tables put the northing in X: swapped, Huadu's Gauss-Krüger coordinates are far outside the
    /// zone, and swapping them back puts them inside, which the message says.
    @Test func swappedNorthingAndEastingAreRefusedWithTheHint() throws {
        let projected = try ProjCommandLine.cs2cs(from: "EPSG:4326", to: "EPSG:4547", SamplePoints.huadu)
        let surveyed = projected.map { Coordinate(x: $0.y, y: $0.x) }
        let declared = try DeclaredCoordinates(crs: try CRS(parsing: "EPSG:4547"))
        #expect(throws: ImplausibleCoordinate.self) { try declared.wgs84(all: surveyed) }
        for result in declared.wgs84(surveyed) {
            guard case .failure(let problem) = result else {
                Issue.record("swapped survey coordinates were accepted")
                continue
            }
            #expect(problem.hint == .axesSwapped)
            #expect(problem.description.contains("swapped"))
        }
        // Latitude/longitude order in a geographic CRS is the same mistake.
        let swapped = try DeclaredCoordinates(crs: .cgcs2000).wgs84([Coordinate(x: 23.40, y: 113.22)])
        guard case .failure(let problem) = swapped[0] else { throw ProblemMissing() }
        #expect(problem.hint == .axesSwapped)
    }

    /// Helsinki's points are not in China, so they cannot be GCJ-02 or BD-09; CGCS2000's area is China too.
    @Test func consumerMapSystemsOutsideChinaAreRefused() throws {
        let helsinki = Coordinate(lon: 24.9414, lat: 60.1710)
        for crs in [CRS.gcj02, .bd09] {
            guard case .failure(let problem) = try DeclaredCoordinates(crs: crs).wgs84([helsinki])[0] else {
                throw ProblemMissing()
            }
            #expect(problem.hint == .consumerMapOutsideChina)
            #expect(problem.description.contains("EPSG:4326"))
        }
        guard case .failure(let problem) = try DeclaredCoordinates(crs: .cgcs2000).wgs84([helsinki])[0] else {
            throw ProblemMissing()
        }
        #expect(problem.hint == nil)
        #expect(try DeclaredCoordinates(crs: .wgs84).wgs84(helsinki) == helsinki)
        // Huadu picked on AMap is fine.
        let huadu = try DeclaredCoordinates(crs: .gcj02).wgs84(Coordinate(lon: 113.2261, lat: 23.4018))
        #expect(abs(huadu.lon - 113.2261) < 0.01)
    }

    /// A point just past the edge of its zone (EPSG:4547 covers 112.5–115.5°E) is within the margin; 1.5° past it
    /// is not.
    @Test func theMarginIsOneDegree() throws {
        let declared = try DeclaredCoordinates(crs: try CRS(parsing: "EPSG:4547"))
        let near = try ProjCommandLine.cs2cs(
            from: "EPSG:4326", to: "EPSG:4547", [Coordinate(lon: 116.4, lat: 23.0), Coordinate(lon: 117.1, lat: 23.0)])
        let results = declared.wgs84(near)
        #expect((try? results[0].get()) != nil)
        #expect((try? results[1].get()) == nil)
    }

    struct ProblemMissing: Error {}
}

/// PROJ strings may only name files inside PROJ's data folders: it reads `init=` files while parsing and grids while
/// transforming.
@Suite("CRS file references")
struct CRSFileReferenceTests {
    @Test(arguments: [
        "+proj=longlat +ellps=WGS84 +nadgrids=/etc/passwd",
        "+proj=longlat +ellps=WGS84 +nadgrids=@null,/dev/zero",
        "+proj=longlat +ellps=WGS84 +geoidgrids=/etc/shadow",
        "+init=/etc/passwd:4326",
        "+proj=longlat +ellps=WGS84 +nadgrids=../../../../etc/passwd",
        #"BOUNDCRS[SOURCECRS[GEOGCRS["x",DATUM["d",ELLIPSOID["WGS 84",6378137,298.257223563]],CS[ellipsoidal,2],AXIS["lon",east],AXIS["lat",north],UNIT["degree",0.0174532925199433]]],TARGETCRS[GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],CS[ellipsoidal,2],AXIS["lat",north],AXIS["lon",east],UNIT["degree",0.0174532925199433]]],ABRIDGEDTRANSFORMATION["t",METHOD["NTv2"],PARAMETERFILE["Latitude and longitude difference file","/etc/passwd"]]]"#,
    ])
    func filesOutsideProjDataAreRefused(definition: String) throws {
        #expect {
            _ = try CRS(parsing: definition)
        } throws: { error in
            guard let error = error as? ProjectionError, error.kind == .invalidCRS else { return false }
            return error.message.contains("only grid and init files in PROJ's data folders")
        }
    }

    @Test func gridsInsideProjDataStayAllowed() throws {
        _ = try CRS(parsing: "+proj=longlat +ellps=WGS84 +nadgrids=@null")
        _ = try CRS(parsing: "+proj=longlat +ellps=bessel +nadgrids=@BETA2007.gsb")
        let grid = "/usr/share/proj/BETA2007.gsb"
        if FileManager.default.fileExists(atPath: grid) {
            _ = try CRS(parsing: "+proj=longlat +ellps=bessel +nadgrids=\(grid)")
        }
        // The name of a CRS in the EPSG database may contain a slash; it names no file.
        _ = try CRS(parsing: "CGCS2000 / 3-degree Gauss-Kruger CM 114E")
    }
}
