import GeoCore
import Testing

@testable import GeoPackage

@Suite struct GeometryBlobTests {
    @Test(arguments: sampleGeometries)
    func roundTripsEveryType(_ geometry: Geometry) throws {
        let bytes = try GeometryBlob(geometry: geometry, srsID: 4326).encoded()
        let decoded = try GeometryBlob(decoding: bytes)
        #expect(decoded.geometry == geometry)
        #expect(decoded.srsID == 4326)
        #expect(decoded.isEmpty == false)
        #expect(decoded.envelope == geometry.boundingBox)
        // Header: 'GP', version 0, little endian; envelope type 1 except for points (type 0).
        #expect(Array(bytes[0..<3]) == [0x47, 0x50, 0])
        let envelopeType = (bytes[3] >> 1) & 7
        if case .point = geometry { #expect(envelopeType == 0) } else { #expect(envelopeType == 1) }
        #expect(bytes[3] & 1 == 1)
    }

    @Test func decodesBigEndianHeaderAndWKB() throws {
        // Header flags 0b0000_0010: envelope type 1, big endian; then a big-endian WKB LineString.
        var bytes: [UInt8] = [0x47, 0x50, 0, 0b0000_0010] + bigEndian(Int32(4490))
        for value in [100.0, 101.0, 20.0, 21.5] { bytes += bigEndian(value) }
        bytes += [0] + bigEndian(UInt32(2)) + bigEndian(UInt32(2))
        for value in [100.0, 20.0, 101.0, 21.5] { bytes += bigEndian(value) }
        let blob = try GeometryBlob(decoding: bytes)
        #expect(blob.srsID == 4490)
        #expect(blob.geometry == .lineString([Coordinate(x: 100, y: 20), Coordinate(x: 101, y: 21.5)]))
        #expect(blob.envelope == (try BoundingBox(minX: 100, minY: 20, maxX: 101, maxY: 21.5)))
    }

    @Test(arguments: [(2, 6), (3, 6), (4, 8)])
    func skipsZAndMEnvelopesAndOrdinates(envelopeType: UInt8, doubles: Int) throws {
        // A little-endian header with an xyz/xym/xyzm envelope, then an ISO PointZ (1001).
        var bytes: [UInt8] = [0x47, 0x50, 0, envelopeType << 1 | 1] + littleEndian(Int32(4326))
        for value in [7.0, 7.0, 8.0, 8.0] + Array(repeating: 99.0, count: doubles - 4) { bytes += littleEndian(value) }
        bytes += [1] + littleEndian(UInt32(1001)) + littleEndian(7.0) + littleEndian(8.0) + littleEndian(123.0)
        let blob = try GeometryBlob(decoding: bytes)
        #expect(blob.geometry == .point(Coordinate(x: 7, y: 8)))
        #expect(blob.envelope == (try BoundingBox(minX: 7, minY: 8, maxX: 7, maxY: 8)))
    }

    @Test func emptyGeometriesCarryTheEmptyFlag() throws {
        let empty = try GeometryBlob(geometry: .lineString([]), srsID: 4326).encoded()
        #expect(empty[3] & 0b0001_0000 != 0)
        #expect((empty[3] >> 1) & 7 == 0)
        let decoded = try GeometryBlob(decoding: empty)
        #expect(decoded.isEmpty)
        #expect(decoded.geometry == .lineString([]))
        #expect(decoded.envelope == nil)
        #expect(try GeometryBlob.extent(of: empty).isEmpty)

        // An empty point is NaN, NaN with the empty flag; GeoCore has no empty point, so it reads as nil.
        let emptyPoint = GeometryBlob.emptyPointBlob(srsID: 4326)
        let point = try GeometryBlob(decoding: emptyPoint)
        #expect(point.isEmpty)
        #expect(point.geometry == nil)
    }

    @Test func envelopeOfAPointComesFromItsWKB() throws {
        let bytes = try GeometryBlob(geometry: .point(Coordinate(x: 3, y: 4)), srsID: 4326).encoded()
        let extent = try GeometryBlob.extent(of: bytes)
        #expect(extent.isEmpty == false)
        #expect(extent.box == (try BoundingBox(minX: 3, minY: 4, maxX: 3, maxY: 4)))
    }

    @Test func refusesBrokenBlobsSayingWhy() throws {
        let point = try GeometryBlob(geometry: sampleGeometries[0], srsID: 4326).encoded()
        let cases: [([UInt8], String)] = [
            ([0x58, 0x50, 0, 1, 0, 0, 0, 0], "magic"),
            (Array(point.prefix(point.count - 3)), "ends early"),
            ([0x47, 0x50, 1, 1, 0, 0, 0, 0], "version"),
            ([0x47, 0x50, 0, 0b0010_0001, 0, 0, 0, 0], "extended"),
            ([0x47, 0x50, 0, 0b0000_1011, 0, 0, 0, 0], "envelope type 5"),
            ([0x47, 0x50, 0, 1, 0, 0, 0, 0, 1, 8, 0, 0, 0], "not supported"),
            ([0x47, 0x50, 0, 1, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x0F], "exceeds"),
        ]
        for (bytes, why) in cases {
            let error = #expect(throws: GeoPackageError.self) { try GeometryBlob(decoding: bytes) }
            #expect(error?.kind == .invalidGeometry)
            #expect(error?.reason.contains(why) == true, "\(error?.reason ?? "") should mention \(why)")
        }
    }

    @Test func refusesNonFiniteCoordinates() {
        let error = #expect(throws: GeoPackageError.self) {
            try GeometryBlob(
                geometry: .lineString([Coordinate(x: 0, y: 0), Coordinate(x: .infinity, y: 1)]), srsID: 4326
            )
            .encoded()
        }
        #expect(error?.reason.contains("finite") == true)
    }

    private func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    private func bigEndian(_ value: Double) -> [UInt8] { bigEndian(value.bitPattern) }

    private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    private func littleEndian(_ value: Double) -> [UInt8] { littleEndian(value.bitPattern) }
}
