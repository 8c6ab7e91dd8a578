import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Projection
import TestSupport
import Testing

/// The shared suite: every test runs against both stores, which must behave alike.
@Suite struct StoreConformanceTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreFixtures.Backend.allCases)
    func insertsAndReadsRecordsExactly(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        let records = F.sampleRecords()
        try store.insert(records, actor: "tester")
        #expect(try store.kinds() == [F.toilets.id, F.rooms.id])
        for record in records {
            #expect(try store.facility(kind: record.kind, id: record.id) == record)
        }
        let rooms = try store.facilities(kind: F.rooms.id, in: nil, asOf: nil)
        #expect(rooms.map(\.id.rawValue) == ["MR-001", "MR-002", "MR-003", "MR-004"])
        let first = try store.facility(kind: F.rooms.id, id: FacilityID("MR-001"))
        #expect(first?.attributes["stalls"] == .integer(Int64.max))
        #expect(first?.attributes["area"] == .real(0.1 + 0.2))
        #expect(first?.attributes["note"] == .text("商场三楼 \"east\" wing; 100% 无障碍"))
        #expect(first?.attributes["fridge"] == .boolean(true))
        #expect(first?.attributes["inspected"] == .date(F.day("2024-02-29")))
        #expect(try store.facility(kind: F.rooms.id, id: FacilityID("nope")) == nil)
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func normalizesWholeNumbersInRealFields(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        var record = F.room("MR-9", 113.3, 23.1)
        record.attributes["area"] = .integer(12)
        try store.insert([record], actor: "t")
        #expect(try store.facility(kind: F.rooms.id, id: record.id)?.attributes["area"] == .real(12))
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func selectsByBoxAndDate(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        try store.insert(F.sampleRecords(), actor: "tester")
        let box = try BoundingBox(minX: 113.2, minY: 23.0, maxX: 113.31, maxY: 23.2)
        let inBox = try store.facilities(kind: F.rooms.id, in: box, asOf: nil)
        #expect(inBox.map(\.id.rawValue) == ["MR-001", "MR-002", "MR-004"])
        // MR-002 opened 2022-06-01; MR-004 closed 2023-01-01.
        #expect(
            try store.facilities(kind: F.rooms.id, in: box, asOf: F.day("2022-01-01")).map(\.id.rawValue)
                == ["MR-001", "MR-004"])
        #expect(
            try store.facilities(kind: F.rooms.id, in: nil, asOf: F.day("2023-01-01")).map(\.id.rawValue)
                == ["MR-001", "MR-002", "MR-003"])
        #expect(
            try store.facilities(kind: F.rooms.id, in: nil, asOf: F.day("2022-12-31")).map(\.id.rawValue)
                == ["MR-001", "MR-002", "MR-003", "MR-004"])
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func nearestMatchesABruteForceGeodesicScan(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        let grid = F.scatteredRooms(count: 400, seed: 7)
        try store.insert(grid, actor: "tester")
        let queries = [
            Coordinate(lon: 113.264, lat: 23.129), Coordinate(lon: 113.0, lat: 22.8), Coordinate(lon: 113.6, lat: 23.5),
            Coordinate(lon: 116.40, lat: 39.90),  // Beijing: far from every facility
        ]
        for point in queries {
            for (k, date) in [
                (1, nil), (5, nil), (12, F.day("2021-06-01")), (9, F.day("2024-01-01")), (400, nil), (500, nil),
            ] as [(Int, CivilDate?)] {
                let found = try store.nearest(kind: F.rooms.id, to: point, k: k, asOf: date)
                let open = grid.filter { date.map($0.isOpen(on:)) ?? true }
                let expected = open.map { ($0.id, Geodesic.distance(point, $0.location)) }
                    .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(k)
                #expect(found.map(\.record.id) == expected.map(\.0), "k=\(k) at \(point)")
                #expect(found.map(\.distanceMeters) == expected.map(\.1))
                // An independent check of the distances: haversine on the mean radius is within 0.5 %.
                for hit in found {
                    let h = F.haversine(point, hit.record.location)
                    #expect(abs(hit.distanceMeters - h) <= 0.005 * h + 1e-6)
                }
            }
        }
        #expect(try store.nearest(kind: F.rooms.id, to: queries[0], k: 0, asOf: nil).isEmpty)
        #expect(try store.nearest(kind: F.toilets.id, to: queries[0], k: 3, asOf: nil).isEmpty)
        let bad = #expect(throws: StoreError.self) {
            try store.nearest(kind: F.rooms.id, to: Coordinate(lon: 200, lat: 10), k: 1, asOf: nil)
        }
        #expect(bad?.description.contains("200") == true)
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func updatesClosesAndDeletesWithAnAuditTrail(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        let records = F.sampleRecords()
        try store.insert(records, actor: "alice")

        var moved = records[0]
        moved.location = Coordinate(lon: 113.9, lat: 22.6)
        moved.name = "新名字"
        moved.attributes["stalls"] = .integer(3)
        moved.attributes["note"] = nil
        try store.update(moved, actor: "bob")
        #expect(try store.facility(kind: F.rooms.id, id: moved.id) == moved)
        let box = try BoundingBox(minX: 113.8, minY: 22.5, maxX: 114, maxY: 22.7)
        #expect(try store.facilities(kind: F.rooms.id, in: box, asOf: nil).map(\.id) == [moved.id])

        try store.close(kind: F.rooms.id, id: moved.id, on: F.day("2024-07-01"), actor: "carol")
        #expect(try store.facility(kind: F.rooms.id, id: moved.id)?.closed == F.day("2024-07-01"))
        #expect(try store.facilities(kind: F.rooms.id, in: box, asOf: F.day("2024-07-01")).isEmpty)
        #expect(try store.facilities(kind: F.rooms.id, in: box, asOf: F.day("2024-06-30")).count == 1)
        let again = #expect(throws: StoreError.self) {
            try store.close(kind: F.rooms.id, id: moved.id, on: F.day("2024-08-01"), actor: "carol")
        }
        #expect(
            again
                == .invalidRecord(
                    kind: F.rooms.id, id: moved.id, field: "closed", reason: "already closed on 2024-07-01"))
        let early = #expect(throws: StoreError.self) {
            try store.close(kind: F.rooms.id, id: FacilityID("MR-002"), on: F.day("2022-06-01"), actor: "carol")
        }
        #expect(early?.description.contains("not after opening day 2022-06-01") == true)

        try store.delete(kind: F.rooms.id, id: moved.id, reason: "entered by mistake", actor: "dave")
        #expect(try store.facility(kind: F.rooms.id, id: moved.id) == nil)
        #expect(try store.nearest(kind: F.rooms.id, to: moved.location, k: 1, asOf: nil).first?.record.id != moved.id)
        let gone = #expect(throws: StoreError.self) {
            try store.delete(kind: F.rooms.id, id: moved.id, reason: "entered by mistake", actor: "dave")
        }
        #expect(gone == .notFound(kind: F.rooms.id, id: moved.id))
        #expect(throws: StoreError.notFound(kind: F.rooms.id, id: FacilityID("x"))) {
            try store.update(F.room("x", 113, 23), actor: "bob")
        }

        let trail = try store.auditTrail(kind: F.rooms.id, id: moved.id)
        #expect(trail.map(\.action) == [.insert, .update, .close, .delete])
        #expect(trail.map(\.actor) == ["alice", "bob", "carol", "dave"])
        #expect(trail.allSatisfy { $0.at == F.clockTime && $0.kind == F.rooms.id && $0.facilityID == moved.id })
        #expect(trail.map(\.sequence) == trail.map(\.sequence).sorted())
        #expect(trail[0].before == nil && trail[0].after?.objectValue?["name"] == .string(records[0].name))
        #expect(trail[1].before?.objectValue?["lon"] == .number(records[0].location.lon))
        #expect(trail[1].after?.objectValue?["lon"] == .number(113.9))
        #expect(trail[1].after?.objectValue?["attributes"]?.objectValue?["stalls"] == .number(3))
        #expect(trail[2].after?.objectValue?["closed"] == .string("2024-07-01"))
        #expect(trail[3].after == nil && trail[3].before?.objectValue?["closed"] == .string("2024-07-01"))
        #expect(try store.auditTrail(kind: nil, id: nil).count == records.count + 3)
        #expect(try store.auditTrail(kind: F.toilets.id, id: nil).map(\.facilityID.rawValue) == ["WC-1"])
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func refusesDuplicateIdsAndWritesNothing(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        try store.insert([F.room("MR-001", 113.2, 23.1)], actor: "t")
        let twice = #expect(throws: StoreError.self) {
            try store.insert([F.room("A", 113, 23), F.room("B", 113, 23), F.room("A", 113.1, 23)], actor: "t")
        }
        #expect(twice == .duplicateID(kind: F.rooms.id, id: FacilityID("A"), inBatch: true))
        #expect(
            twice?.description == "kind 'maternity_room': facility id 'A' is listed more than once; ids must be unique")
        let stored = #expect(throws: StoreError.self) {
            try store.insert([F.room("C", 113, 23), F.room("MR-001", 113, 23)], actor: "t")
        }
        #expect(stored == .duplicateID(kind: F.rooms.id, id: FacilityID("MR-001"), inBatch: false))
        #expect(try store.facilities(kind: F.rooms.id, in: nil, asOf: nil).map(\.id.rawValue) == ["MR-001"])
        #expect(try store.auditTrail(kind: nil, id: nil).count == 1)
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func refusesInvalidRecordsNamingKindIdAndField(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        var noVenue = F.room("R1", 113, 23)
        noVenue.attributes["venue"] = nil
        var badEnum = F.room("R2", 113, 23)
        badEnum.attributes["venue"] = .text("airport")
        var unknown = F.room("R3", 113, 23)
        unknown.attributes["colour"] = .text("red")
        var negative = F.room("R4", 113, 23)
        negative.attributes["stalls"] = .integer(-1)
        var wrongType = F.room("R5", 113, 23)
        wrongType.attributes["fridge"] = .text("yes")
        var nowhere = F.room("R6", 113, 23)
        nowhere.location = Coordinate(lon: 113, lat: 95)
        var unnamed = F.room("R7", 113, 23)
        unnamed.name = "  "
        var backwards = F.room("R8", 113, 23)
        backwards.opened = F.day("2024-01-01")
        backwards.closed = F.day("2023-01-01")
        let cases: [(FacilityRecord, String)] = [
            (noVenue, "venue"), (badEnum, "venue"), (unknown, "colour"), (negative, "stalls"), (wrongType, "fridge"),
            (nowhere, "location"), (unnamed, "name"), (backwards, "closed"),
        ]
        for (record, field) in cases {
            let error = #expect(throws: StoreError.self) {
                try store.insert([F.room("ok", 113, 23), record], actor: "t")
            }
            guard case .invalidRecord(let kind, let id, let f, _)? = error else {
                Issue.record("expected invalidRecord for \(field), got \(String(describing: error))")
                continue
            }
            #expect((kind, id, f) == (F.rooms.id, record.id, field))
            #expect(
                error?.description.hasPrefix("kind 'maternity_room', facility '\(record.id)', field '\(field)': ")
                    == true)
        }
        #expect(try store.facilities(kind: F.rooms.id, in: nil, asOf: nil).isEmpty)
        #expect(try store.auditTrail(kind: nil, id: nil).isEmpty)
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func unknownKindsAreNamedWithTheKnownOnes(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        let park = try #require(PluginID(rawValue: "park"))
        let message =
            "unknown kind 'park': the registry has no table for it; known kinds: family_toilet, maternity_room"
        let read = #expect(throws: StoreError.self) { try store.facilities(kind: park, in: nil, asOf: nil) }
        #expect(read?.description == message)
        var record = F.room("P1", 113, 23)
        record.kind = park
        let write = #expect(throws: StoreError.self) { try store.insert([record], actor: "t") }
        #expect(write?.description == message)
        #expect(throws: StoreError.self) {
            try store.nearest(kind: park, to: Coordinate(lon: 113, lat: 23), k: 1, asOf: nil)
        }
        let reserved = #expect(throws: StoreError.self) {
            try store.prepare(kind: F.descriptor("lifecircle_audit"), schema: AttributeSchema(fields: []))
        }
        #expect(reserved?.description.contains("reserved") == true)
    }

    @Test(arguments: StoreFixtures.Backend.allCases)
    func schemaChangesAreCheckedWhenPrepared(_ backend: F.Backend) throws {
        let (store, done) = try backend.make()
        defer { done() }
        try store.insert([F.room("MR-1", 113, 23)], actor: "t")
        // Same schema again: fine. Added field and enum value: taken in, and writable.
        try store.prepare(kind: F.rooms, schema: F.roomSchema)
        var grown = F.roomSchema
        grown.fields.append(FieldSpec(name: "floor", label: LocalizedText(zh: "楼层", en: "Floor"), type: .integer))
        grown.fields[F.venueIndex].type = .enumeration(F.venues + [F.option("park")])
        try store.prepare(kind: F.rooms, schema: grown)
        var upstairs = F.room("MR-2", 113, 23)
        upstairs.attributes["floor"] = .integer(3)
        upstairs.attributes["venue"] = .text("park")
        try store.insert([upstairs], actor: "t")
        #expect(try store.facility(kind: F.rooms.id, id: upstairs.id) == upstairs)
        #expect(try store.facility(kind: F.rooms.id, id: FacilityID("MR-1"))?.attributes["floor"] == nil)

        var retyped = grown
        retyped.fields[0].type = .integer  // area: real → integer
        let e1 = #expect(throws: StoreError.self) { try store.prepare(kind: F.rooms, schema: retyped) }
        guard case .schemaChanged(let kind, let field, let reason)? = e1 else {
            Issue.record("expected schemaChanged, got \(String(describing: e1))")
            return
        }
        #expect((kind, field) == (F.rooms.id, "area"))
        #expect(reason.contains("real") && reason.contains("integer"))
        var shrunk = grown
        shrunk.fields.removeAll { $0.name == "note" }
        #expect(throws: StoreError.self) { try store.prepare(kind: F.rooms, schema: shrunk) }
        var fewerValues = grown
        fewerValues.fields[F.venueIndex].type = .enumeration(Array(F.venues.prefix(1)))
        let e3 = #expect(throws: StoreError.self) { try store.prepare(kind: F.rooms, schema: fewerValues) }
        #expect(e3?.description.contains("hospital") == true)
    }

    /// The same script on both stores gives the same answers and the same audit trail.
    @Test func bothStoresAnswerAlike() throws {
        var answers: [[AnyHashable]] = []
        for backend in StoreFixtures.Backend.allCases {
            let (store, done) = try backend.make()
            defer { done() }
            var log: [AnyHashable] = []
            func step(_ body: () throws -> AnyHashable) {
                do { log.append(try body()) } catch { log.append("failed: \(error)") }
            }
            let grid = F.scatteredRooms(count: 60, seed: 3)
            var renamed = grid[2]
            renamed.name = "改"
            let box = try BoundingBox(minX: 113.1, minY: 23, maxX: 113.3, maxY: 23.2)
            let point = Coordinate(lon: 113.2, lat: 23.1)
            step {
                try store.insert(grid, actor: "a")
                return "inserted"
            }
            step {
                try store.insert([grid[5]], actor: "a")
                return "inserted again"
            }
            step {
                try store.update(renamed, actor: "b")
                return "updated"
            }
            step {
                try store.close(kind: F.rooms.id, id: grid[3].id, on: F.day("2030-01-01"), actor: "c")
                return "closed"
            }
            step {
                try store.delete(kind: F.rooms.id, id: grid[4].id, reason: "entered by mistake", actor: "d")
                return "deleted"
            }
            step { try store.facilities(kind: F.rooms.id, in: box, asOf: nil) }
            step { try store.facilities(kind: F.rooms.id, in: nil, asOf: F.day("2021-01-01")) }
            step { try store.nearest(kind: F.rooms.id, to: point, k: 7, asOf: F.day("2030-01-01")) }
            step { try store.auditTrail(kind: nil, id: nil) }
            var retyped = F.roomSchema
            retyped.fields[0].type = .text
            step {
                try store.prepare(kind: F.rooms, schema: retyped)
                return "prepared"
            }
            answers.append(log)
        }
        #expect(answers[0] == answers[1])
        #expect(
            answers[0][1]
                == AnyHashable("failed: kind 'maternity_room': facility id 'G0005' is already in the registry"))
    }
}

/// Fixtures of the store tests: two kinds, records, a fixed clock, and both stores.
enum StoreFixtures {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case geoPackage, inMemory

        var testDescription: String { rawValue }

        /// A store with both kinds prepared, and what to call when the test is done.
        func make() throws -> (any FacilityStore, () -> Void) {
            let store: any FacilityStore
            var cleanup: () -> Void = {}
            switch self {
            case .geoPackage:
                let folder = try TemporaryFolder(prefix: "store-tests")
                cleanup = { folder.remove() }
                store = try GeoPackageFacilityStore(path: folder.path("registry.gpkg"), now: { clockTime })
            case .inMemory:
                store = InMemoryFacilityStore(now: { clockTime })
            }
            try store.prepare(kind: rooms, schema: roomSchema)
            try store.prepare(kind: toilets, schema: toiletSchema)
            return (store, cleanup)
        }
    }

    /// The fixed clock: 2024-05-01T08:30:00.125Z.
    static let clockTime = Date(timeIntervalSince1970: 1_714_552_200.125)

    static func descriptor(_ id: String) -> PluginDescriptor {
        PluginDescriptor(
            id: PluginID(rawValue: id)!, name: LocalizedText(zh: id, en: id), version: SemanticVersion(1, 0, 0))
    }

    static let rooms = descriptor("maternity_room")
    static let toilets = descriptor("family_toilet")

    static func option(_ value: String) -> EnumOption {
        EnumOption(value: value, label: LocalizedText(zh: value, en: value))
    }
    static let venues = ["mall", "hospital", "station"].map(option)
    static let venueIndex = 2

    static let roomSchema = AttributeSchema(fields: [
        FieldSpec(name: "area", label: LocalizedText(zh: "面积", en: "Area"), type: .real, unit: "m²", minimum: 0),
        FieldSpec(name: "stalls", label: LocalizedText(zh: "数量", en: "Stalls"), type: .integer, minimum: 0),
        FieldSpec(
            name: "venue", label: LocalizedText(zh: "场所", en: "Venue"), type: .enumeration(venues), required: true),
        FieldSpec(name: "fridge", label: LocalizedText(zh: "冰箱", en: "Fridge"), type: .boolean),
        FieldSpec(name: "inspected", label: LocalizedText(zh: "检查", en: "Inspected"), type: .date),
        FieldSpec(name: "note", label: LocalizedText(zh: "备注", en: "Note"), type: .text),
    ])

    static let toiletSchema = AttributeSchema(fields: [
        FieldSpec(
            name: "changing_table", label: LocalizedText(zh: "护理台", en: "Changing table"), type: .boolean,
            required: true)
    ])

    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    static func room(_ id: String, _ lon: Double, _ lat: Double) -> FacilityRecord {
        FacilityRecord(
            id: FacilityID(id), kind: rooms.id, name: "母婴室 \(id)", location: Coordinate(lon: lon, lat: lat),
            attributes: ["venue": .text("mall")])
    }

    static func sampleRecords() -> [FacilityRecord] {
        var first = room("MR-001", 113.264, 23.129)
        first.attributes = [
            "area": .real(0.1 + 0.2), "stalls": .integer(Int64.max), "venue": .text("hospital"),
            "fridge": .boolean(true),
            "inspected": .date(day("2024-02-29")), "note": .text("商场三楼 \"east\" wing; 100% 无障碍"),
        ]
        first.opened = day("2020-01-01")
        var second = room("MR-002", 113.3, 23.1)
        second.opened = day("2022-06-01")
        second.attributes["fridge"] = .boolean(false)
        second.attributes["stalls"] = .integer(1)
        let third = room("MR-003", 113.5, 23.3)
        var fourth = room("MR-004", 113.25, 23.15)
        fourth.closed = day("2023-01-01")
        let toilet = FacilityRecord(
            id: FacilityID("WC-1"), kind: toilets.id, name: "第三卫生间", location: Coordinate(lon: 113.27, lat: 23.13),
            attributes: ["changing_table": .boolean(true)])
        return [third, first, toilet, second, fourth]
    }

    /// Rooms scattered over about 60 × 80 km around Guangzhou, some opened late, some closed.
    static func scatteredRooms(count: Int, seed: UInt64) -> [FacilityRecord] {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<count).map { i in
            var r = room(String(format: "G%04d", i), 112.9 + 0.6 * next(), 22.8 + 0.7 * next())
            if i % 7 == 0 { r.opened = day("2022-01-01") }
            if i % 11 == 0 { r.closed = day("2023-06-01") }
            return r
        }
    }

    /// Haversine distance on the mean Earth radius, an independent check of geodesic distances.
    static func haversine(_ a: Coordinate, _ b: Coordinate) -> Double {
        let r = 6_371_008.8
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad
        let dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, h.squareRoot()))
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
}
