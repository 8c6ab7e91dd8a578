import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Testing

/// The batch operation both stores share (`apply`): inserts, updates, closes, deletes with reasons and merges
/// in one transaction, audited in the user's name.
extension StoreConformanceTests {
    @Test(arguments: StoreFixtures.Backend.allCases)
    func aBatchIsMadeWholeWithOneAuditRowPerFacility(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        try store.insert(F.sampleRecords(), actor: "alice")
        var renamed = try #require(try store.facility(kind: F.rooms.id, id: FacilityID("MR-002")))
        renamed.name = "花都广场母婴室"
        renamed.attributes["area"] = .integer(15)
        try store.apply(
            [
                .insert(F.room("MR-010", 113.31, 23.11)), .update(renamed),
                .close(kind: F.rooms.id, id: FacilityID("MR-003"), on: F.day("2026-11-30")),
                .delete(kind: F.toilets.id, id: FacilityID("WC-1"), reason: "测试数据"),
            ], actor: "卫健局张三")
        #expect(try store.facility(kind: F.rooms.id, id: FacilityID("MR-010"))?.name == "母婴室 MR-010")
        #expect(try store.facility(kind: F.rooms.id, id: FacilityID("MR-002"))?.attributes["area"] == .real(15))
        #expect(try store.facility(kind: F.rooms.id, id: FacilityID("MR-003"))?.closed == F.day("2026-11-30"))
        #expect(try store.facility(kind: F.toilets.id, id: FacilityID("WC-1")) == nil)

        let batch = try store.auditTrail(kind: nil, id: nil).filter { $0.actor == "卫健局张三" }
        #expect(batch.map(\.action) == [.insert, .update, .close, .delete])
        #expect(batch.map(\.facilityID.rawValue) == ["MR-010", "MR-002", "MR-003", "WC-1"])
        #expect(batch.map(\.reason) == [nil, nil, nil, "测试数据"])
        #expect(batch[3].before?.objectValue?["name"] == .string("第三卫生间"), "the audit keeps the deleted record")
        #expect(batch[3].after == nil)
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func aFailingChangeLeavesEverythingAsItWas(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        try store.insert(F.sampleRecords(), actor: "alice")
        let before = try store.facilities(kind: F.rooms.id, in: nil, asOf: nil)
        let trail = try store.auditTrail(kind: nil, id: nil)
        var renamed = before[0]
        renamed.name = "改名"
        var nowhere = F.room("MR-011", 113, 23)
        nowhere.location = Coordinate(lon: 113, lat: 95)
        let failures: [([FacilityChange], StoreError)] = [
            ([.update(renamed), .insert(F.room("MR-010", 113, 23)), .insert(nowhere)],
             .invalidRecord(kind: F.rooms.id, id: nowhere.id, field: "location",
                            reason: "(113.0, 95.0) is not a longitude,latitude in EPSG:4326")),
            ([.update(renamed), .close(kind: F.rooms.id, id: FacilityID("MR-004"), on: F.day("2026-11-30"))],
             .invalidRecord(kind: F.rooms.id, id: FacilityID("MR-004"), field: "closed",
                            reason: "already closed on 2023-01-01")),
            ([.update(renamed), .update(F.room("MR-404", 113, 23))], .notFound(kind: F.rooms.id, id: FacilityID("MR-404"))),
            ([.update(renamed), .close(kind: F.rooms.id, id: renamed.id, on: F.day("2026-11-30"))],
             .duplicateID(kind: F.rooms.id, id: renamed.id, inBatch: true)),
            ([.update(renamed), .delete(kind: F.rooms.id, id: FacilityID("MR-003"), reason: " ")],
             .invalidRecord(kind: F.rooms.id, id: FacilityID("MR-003"), field: "reason",
                            reason: "a delete needs a reason for the audit")),
            ([.merge(keep: renamed, drop: renamed.id)], .duplicateID(kind: F.rooms.id, id: renamed.id, inBatch: true)),
        ]
        for (changes, expected) in failures {
            let error = #expect(throws: StoreError.self) { try store.apply(changes, actor: "bob") }
            if case .invalidRecord(_, _, let field, _) = expected, case .invalidRecord(_, _, let got, _)? = error {
                #expect(got == field)
            } else {
                #expect(error == expected)
            }
            #expect(try store.facilities(kind: F.rooms.id, in: nil, asOf: nil) == before)
            #expect(try store.auditTrail(kind: nil, id: nil) == trail)
        }
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func anUnchangedUpdateWritesNoAuditRow(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        try store.insert(F.sampleRecords(), actor: "alice")
        var same = try #require(try store.facility(kind: F.rooms.id, id: FacilityID("MR-002")))
        same.attributes["stalls"] = .integer(1)  // as stored
        try store.apply([.update(same)], actor: "bob")
        try store.update(same, actor: "bob")
        #expect(try store.auditTrail(kind: nil, id: nil).allSatisfy { $0.actor == "alice" })
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func aMergeKeepsOneAndAuditsBoth(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        var keep = F.room("MR-020", 113.2205, 23.4045)
        keep.attributes["stalls"] = .integer(2)
        var drop = F.room("MR-021", 113.2206, 23.4045)
        drop.attributes["area"] = .real(12)
        drop.attributes["stalls"] = .integer(9)
        try store.insert([keep, drop], actor: "alice")
        let (merged, filled) = try FacilityMerge.merged(keep: keep, drop: drop)
        #expect(filled == ["area"])
        #expect(merged.attributes["stalls"] == .integer(2), "what KEEP has, it keeps")
        try store.apply([.merge(keep: merged, drop: drop.id)], actor: "bob")
        #expect(try store.facility(kind: F.rooms.id, id: keep.id)?.attributes["area"] == .real(12))
        #expect(try store.facility(kind: F.rooms.id, id: drop.id) == nil)
        let merges = try store.auditTrail(kind: F.rooms.id, id: nil).filter { $0.action == .merge }
        #expect(merges.map(\.facilityID) == [keep.id, drop.id])
        #expect(merges.allSatisfy { $0.actor == "bob" })
        #expect(merges[0].reason?.contains("MR-021") == true && merges[1].reason == "merged into 'MR-020'")
        #expect(merges[1].before?.objectValue?["attributes"]?.objectValue?["stalls"] == .number(9))
        #expect(merges[1].after == nil)
        #expect(throws: UpkeepError.mergeWithItself(kind: F.rooms.id, id: keep.id)) {
            try FacilityMerge.merged(keep: keep, drop: keep)
        }
    }
}
