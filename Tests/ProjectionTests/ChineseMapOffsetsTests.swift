import GeoCore
import Projection
import Testing

@Suite struct ChineseMapOffsetsTests {
    @Test func gcj02RoundTripInGuangdong() {
        for wgs in SamplePoints.guangdong {
            let back = ChineseMapOffsets.gcj02ToWGS84(ChineseMapOffsets.wgs84ToGCJ02(wgs))
            #expect(Geodesic.distance(back, wgs) < 0.5, "\(wgs)")
            #expect(abs(back.x - wgs.x) < 1e-8 && abs(back.y - wgs.y) < 1e-8)
        }
    }

    @Test func bd09RoundTripInGuangdong() {
        for wgs in SamplePoints.guangdong {
            let gcj = ChineseMapOffsets.wgs84ToGCJ02(wgs)
            let bd = ChineseMapOffsets.gcj02ToBD09(gcj)
            #expect(Geodesic.distance(ChineseMapOffsets.bd09ToGCJ02(bd), gcj) < 0.5, "\(wgs)")
            #expect(Geodesic.distance(ChineseMapOffsets.bd09ToWGS84(bd), wgs) < 0.5, "\(wgs)")
            #expect(ChineseMapOffsets.wgs84ToBD09(wgs) == bd)
        }
    }

    /// About 600 m around Guangzhou (STANDARDS.md §3).
    @Test func shiftAtHuadu() {
        for wgs in SamplePoints.huadu {
            let shift = Geodesic.distance(wgs, ChineseMapOffsets.wgs84ToGCJ02(wgs))
            #expect((550...650).contains(shift), "\(wgs): \(shift) m")
            #expect(Geodesic.distance(wgs, ChineseMapOffsets.wgs84ToBD09(wgs)) > 650)
        }
    }

    @Test func gcj02IsWGS84OutsideChina() {
        let outside = [
            Coordinate(lon: -46.6, lat: -23.5), Coordinate(lon: 24.94, lat: 60.17),
            Coordinate(lon: 139.7, lat: 35.7), Coordinate(lon: 113.2, lat: 0.5),
        ]
        for c in outside {
            #expect(ChineseMapOffsets.isOutsideChina(c))
            #expect(ChineseMapOffsets.wgs84ToGCJ02(c) == c)
            #expect(ChineseMapOffsets.gcj02ToWGS84(c) == c)
            #expect(Geodesic.distance(ChineseMapOffsets.bd09ToWGS84(ChineseMapOffsets.wgs84ToBD09(c)), c) < 0.5)
        }
        #expect(!ChineseMapOffsets.isOutsideChina(SamplePoints.huadu[0]))
    }

    /// Expected values from the unit tests of gcoord (github.com/hujiulong/gcoord,
    /// test/unit/crs/{WGS84,GCJ02,BD09}.spec.ts), an independent implementation of the same public
    /// formulas, which checks them to 5 decimals. This guards against slips in the constants.
    @Test func agreesWithAnIndependentImplementation() {
        let p = Coordinate(lon: 123, lat: 45)
        func close(_ c: Coordinate, _ lon: Double, _ lat: Double) -> Bool {
            abs(c.lon - lon) < 5e-6 && abs(c.lat - lat) < 5e-6
        }
        #expect(close(ChineseMapOffsets.wgs84ToGCJ02(p), 123.00607541, 45.00197815))
        #expect(close(ChineseMapOffsets.gcj02ToWGS84(p), 122.99395597, 44.99804071))
        #expect(close(ChineseMapOffsets.gcj02ToBD09(p), 123.00636499, 45.00636899))
        #expect(close(ChineseMapOffsets.wgs84ToBD09(p), 123.0124491, 45.0083293))
        #expect(close(ChineseMapOffsets.bd09ToGCJ02(p), 122.99363304, 44.99365430))
        #expect(close(ChineseMapOffsets.bd09ToWGS84(p), 122.98762210, 44.99171540))
    }
}
