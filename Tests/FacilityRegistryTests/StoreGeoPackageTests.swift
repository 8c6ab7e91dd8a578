import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import GeoPackage
import TestSupport
import Testing

/// What only the registry file does: persistence, rollback to the same bytes, GDAL compatibility.
@Suite struct StoreGeoPackageTests {
    typealias F = StoreFixtures

    private func registry() throws -> (path: String, folder: TemporaryFolder) {
        let folder = try TemporaryFolder(prefix: "store-tests")
        return (folder.path("registry.gpkg"), folder)
    }

    private func open(_ path: String) throws -> GeoPackageFacilityStore {
        let store = try GeoPackageFacilityStore(path: path, spatialReferenceSystems: [cgcs2000], now: { F.clockTime })
        try store.prepare(kind: F.rooms, schema: F.roomSchema)
        try store.prepare(kind: F.toilets, schema: F.toiletSchema)
        return store
    }

    private let cgcs2000 = SpatialReferenceSystem.epsg(
        4490, name: "China Geodetic Coordinate System 2000",
        definition: """
            GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,\
            AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
            UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]
            """)

    @Test func aFailedBatchLeavesTheFileByteForByte() throws {
        let (path, folder) = try registry()
        defer { folder.remove() }
        let store = try open(path)
        try store.insert(F.sampleRecords(), actor: "t")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var bad = F.room("Z2", 113, 23)
        bad.attributes["venue"] = .text("airport")
        let batches: [[FacilityRecord]] = [
            [F.room("Z1", 113, 23), bad],  // invalid third record
            [F.room("Z1", 113, 23), F.room("MR-001", 113, 23)],  // stored duplicate after a good row
            F.scatteredRooms(count: 200, seed: 1) + [F.room("G0003", 113, 23)],  // duplicate at the end of a big batch
        ]
        for batch in batches {
            #expect(throws: StoreError.self) { try store.insert(batch, actor: "t") }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        #expect(throws: StoreError.self) { try store.update(bad, actor: "t") }
        #expect(throws: StoreError.self) {
            try store.close(kind: F.rooms.id, id: FacilityID("MR-004"), on: F.day("2024-01-01"), actor: "t")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func reopensWithTheSameContentsAndWritesNothingOnOpen() throws {
        let (path, folder) = try registry()
        defer { folder.remove() }
        let records = F.sampleRecords()
        try open(path).insert(records, actor: "t")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

        let reopened = try GeoPackageFacilityStore(path: path, spatialReferenceSystems: [cgcs2000])
        #expect(try reopened.kinds() == [F.toilets.id, F.rooms.id].sorted())
        for record in records { #expect(try reopened.facility(kind: record.kind, id: record.id) == record) }
        #expect(try reopened.auditTrail(kind: nil, id: nil).count == records.count)
        // Writing needs the kind's plugin in this session.
        let unprepared = #expect(throws: StoreError.self) { try reopened.insert([F.room("N", 113, 23)], actor: "t") }
        #expect(unprepared == .unpreparedKind(F.rooms.id))
        try reopened.prepare(kind: F.rooms, schema: F.roomSchema)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        try reopened.insert([F.room("N", 113, 23)], actor: "t")
        #expect(try reopened.facility(kind: F.rooms.id, id: FacilityID("N")) != nil)

        // A changed schema is refused when prepared, naming the field.
        var retyped = F.roomSchema
        retyped.fields[1].type = .text
        let changed = #expect(throws: StoreError.self) { try reopened.prepare(kind: F.rooms, schema: retyped) }
        #expect(changed?.description.contains("field 'stalls'") == true)
        #expect(changed?.description.contains("last recorded plugin version 1.0.0") == true)
    }

    @Test func gdalReadsARegistryWithTwoKindsWithoutWarnings() throws {
        let (path, folder) = try registry()
        defer { folder.remove() }
        let store = try open(path)
        try store.insert(F.sampleRecords() + F.scatteredRooms(count: 50, seed: 2), actor: "t")
        try store.close(kind: F.rooms.id, id: FacilityID("G0001"), on: F.day("2025-01-01"), actor: "t")
        try store.delete(kind: F.rooms.id, id: FacilityID("G0002"), reason: "entered by mistake", actor: "t")

        let report = try OgrReport(of: path)
        let (list, summary) = (report.listing, report.summary)
        let features = try OgrReport.ogrinfo(["-al", path])
        let listed = list.output.split(separator: "\n").compactMap { line in
            line.firstIndex(of: ":").map { String(line[line.index($0, offsetBy: 2)...]) }
        }.filter { $0.hasSuffix(")") }
        #expect(
            listed.sorted() == [
                "family_toilet (Point)", "lifecircle_audit (None)", "lifecircle_kinds (None)", "maternity_room (Point)",
            ])
        #expect(summary.output.contains("Feature Count: 53"))  // 4 + 50 rooms, one deleted
        #expect(summary.output.contains("Feature Count: 57"))  // audit: 55 inserts, a close, a delete
        #expect(summary.output.contains("ID[\"EPSG\",4326]"))
        #expect(summary.output.contains("stalls: Integer64 (0.0)"))
        #expect(summary.output.contains("inspected: Date (0.0)"))
        #expect(summary.output.contains("fridge: Integer(Boolean) (0.0)"))
        #expect(summary.output.contains("at: DateTime (0.0)"))
        #expect(features.output.contains("note (String) = 商场三楼 \"east\" wing; 100% 无障碍"))
        #expect(features.output.contains("stalls (Integer64) = 9223372036854775807"))
        let validation = try ToolRunner.run(
            "python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", path])
        #expect(validation.status == 0 && validation.output.isEmpty, "validate_gpkg.py: \(validation.output)")

        let file = try GeoPackageFile(path: path, mode: .readOnly)
        #expect(try file.read { try $0.spatialReferenceSystem(id: 4490) }?.organizationCoordsysID == 4490)
    }
}
