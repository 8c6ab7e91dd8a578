import GeoCore
import GeometryOps
import Testing

/// Failures inside GEOS come back as `GeometryOpsError` with GEOS's own message, and nothing is printed.
@Suite struct GEOSErrorTests {
    typealias F = Fixture

    @Test func overlayOnAnInvalidPolygonThrowsTheTopologyException() throws {
        let engine = try GeometryEngine()
        let bowtie = try PlanarGeometry(F.bowtie, in: engine)
        let square = try PlanarGeometry(F.rectangle(0, 0, 3, 3), in: engine)
        for (operation, attempt) in [
            ("union", { try bowtie.union(with: square) }),
            ("intersection", { try bowtie.intersection(with: square) }),
            ("difference", { try square.difference(with: bowtie) }),
        ] as [(String, () throws -> PlanarGeometry)] {
            let error = try #require(throws: GeometryOpsError.self) { try attempt() }
            #expect(error.kind == .operationFailed)
            #expect(error.operation == operation)
            let message = try #require(error.geosMessage)
            #expect(message.hasPrefix("TopologyException"))
            #expect(message.contains("Self-intersection"))
            #expect(error.description == "\(operation): \(error.message) (GEOS: \(message))")
        }
        // The same engine carries on, and a later failure reports its own message, not an old one.
        #expect(try bowtie.makeValid().union(with: square).area == 9)
        let later = try #require(throws: GeometryOpsError.self) { try PlanarGeometry(wkb: [1], in: engine) }
        #expect(later.geosMessage?.contains("TopologyException") == false)
    }

    @Test func unreadableWKB() throws {
        let engine = try GeometryEngine()
        for bytes: [UInt8] in [[], [1, 2, 3], [1, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f], [7, 1, 0, 0, 0]] {
            let error = try #require(throws: GeometryOpsError.self) { try PlanarGeometry(wkb: bytes, in: engine) }
            #expect(error.kind == .invalidGeometry)
            #expect(error.operation == "readWKB")
            #expect(error.geosMessage?.hasPrefix("ParseException") == true, "\(error)")
        }
    }

    @Test func unionOfManyWithAnInvalidMember() throws {
        let engine = try GeometryEngine()
        // Unary union dissolves overlapping valid parts but not a ring that crosses itself.
        let error = try #require(throws: GeometryOpsError.self) {
            try engine.union([F.rectangle(0, 0, 3, 3), F.bowtie])
        }
        #expect(error.kind == .operationFailed)
        #expect(error.operation == "union")
        #expect(error.message == "GEOS could not dissolve 2 geometries")
        #expect(error.geosMessage?.contains("TopologyException") == true)
    }

    @Test func versionIsReported() {
        #expect(GeometryEngine.geosVersion.hasPrefix("3."))
    }
}
