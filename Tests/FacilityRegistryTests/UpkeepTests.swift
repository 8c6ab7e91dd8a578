import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Projection
import Testing

/// The use cases of keeping the registry: the diff of a newer list, edits typed as cells, doubles.
@Suite struct UpkeepTests {
    typealias F = StoreFixtures

    @Test func theDiffOfANewerListNamesNewChangedUnchangedAndClosing() throws {
        var a = F.room("A", 113.20, 23.40)
        a.attributes["area"] = .real(12)
        a.attributes["note"] = .text("一楼")
        var b = F.room("B", 113.21, 23.40)
        b.attributes["area"] = .real(10)
        let c = F.room("C", 113.22, 23.40)
        var closedBefore = F.room("D", 113.23, 23.40)
        closedBefore.closed = F.day("2025-01-01")
        let outside = F.room("E", 114.50, 23.40)
        // Next month's list: A as it is (the area written as a whole number), B with a new area, F new; C, D, E absent.
        // The list has no 备注 column: A's note stays.
        var listedA = F.room("A", 113.20, 23.40)
        listedA.attributes["area"] = .integer(12)
        var listedB = F.room("B", 113.21, 23.40)
        listedB.attributes["area"] = .real(15)
        let listedF = F.room("F", 113.25, 23.41)
        let diff = try RegistryDiff(
            kind: F.rooms.id, listed: [listedA, listedB, listedF], supplied: ["area", "venue"],
            stored: [a, b, c, closedBefore, outside], schema: F.roomSchema, closeMissing: F.day("2026-11-30"),
            inScope: { $0.location.lon < 114 })
        #expect(diff.added.map(\.id.rawValue) == ["F"])
        #expect(diff.changed.map(\.after.id.rawValue) == ["B"])
        #expect(diff.changed.first?.fields == ["area"])
        #expect(diff.changed.first?.after.attributes["area"] == .real(15))
        #expect(diff.unchanged == 1)
        #expect(diff.closing.map(\.id.rawValue) == ["C"], "D is closed already, E lies outside the scope")
        #expect(diff.changes.count == 3)
        #expect(diff.fieldCounts.map(\.field) == ["area"])

        let noClosing = try RegistryDiff(
            kind: F.rooms.id, listed: [listedA], supplied: ["area", "note", "venue"], stored: [a], schema: F.roomSchema,
            closeMissing: nil)
        #expect(noClosing.changed.first?.fields == ["note"], "a column the list has, left empty, clears the field")
        #expect(noClosing.closing.isEmpty)
    }

    @Test func editsAreReadAsImportCellsAre() throws {
        var record = F.room("A", 113.2, 23.4)
        record.attributes["note"] = .text("旧")
        let edit = try FacilityEdit(parsing: ["面积=１５", "Fridge=是", "备注=", "名称 = 新名字", "检查=2024/7/1"])
        let (edited, changed) = try edit.applied(to: record, schema: F.roomSchema)
        #expect(edited.attributes["area"] == .real(15))
        #expect(edited.attributes["fridge"] == .boolean(true))
        #expect(edited.attributes["note"] == nil)
        #expect(edited.attributes["inspected"] == .date(F.day("2024-07-01")))
        #expect(edited.name == "新名字")
        #expect(changed == ["name", "area", "fridge", "inspected", "note"])

        #expect(throws: UpkeepError.assignment("面积")) { try FacilityEdit(parsing: ["面积"]) }
        let unknown = #expect(throws: UpkeepError.self) {
            try FacilityEdit(parsing: ["颜色=红"]).applied(to: record, schema: F.roomSchema)
        }
        #expect(unknown?.description.contains("area (面积)") == true)
        let bad = #expect(throws: UpkeepError.self) {
            try FacilityEdit(parsing: ["场所=机场"]).applied(to: record, schema: F.roomSchema)
        }
        #expect(bad?.description.hasPrefix("kind 'maternity_room', facility 'A', field 'venue': '机场' is not one of") == true)
        let required = #expect(throws: UpkeepError.self) {
            try FacilityEdit(parsing: ["venue="]).applied(to: record, schema: F.roomSchema)
        }
        #expect(required == .invalidValue(kind: F.rooms.id, id: record.id, field: "venue", reason: "a value is required"))
        #expect(throws: UpkeepError.self) { try FacilityEdit(parsing: ["关闭日期=2025-01-01"]).applied(to: record, schema: F.roomSchema) }
    }

    @Test func bigramSimilarityOfChineseNames() {
        #expect(abs(DuplicateSearch.similarity("花都广场母婴室", "花都广场一楼母婴室") - 10.0 / 14) < 1e-12)
        #expect(abs(DuplicateSearch.similarity("花都广场母婴室", "新华街道母婴室") - 4.0 / 12) < 1e-12)
        #expect(DuplicateSearch.similarity("ＡＢＣ Mall", "abc mall") == 1)
        #expect(DuplicateSearch.similarity("室", "室") == 1)
        #expect(DuplicateSearch.similarity("", "室") == 0)
    }

    @Test func doublesAreCloseAndAlikeAndFoundAsABruteForceScanFindsThem() {
        func room(_ id: String, _ name: String, _ lon: Double, _ lat: Double) -> FacilityRecord {
            var r = F.room(id, lon, lat)
            r.name = name
            return r
        }
        let origin = Coordinate(lon: 113.2205, lat: 23.4045)
        func at(_ metres: Double, _ azimuth: Double) -> Coordinate {
            Geodesic.destination(from: origin, azimuth: azimuth, distance: metres)
        }
        var records = [
            room("A", "花都广场母婴室", origin.lon, origin.lat),
            room("B", "花都广场一楼母婴室", at(12, 90).lon, at(12, 90).lat),  // a double
            room("C", "新华街道母婴室", at(8, 0).lon, at(8, 0).lat),  // near, but another name
            room("D", "花都广场母婴室", at(45, 180).lon, at(45, 180).lat),  // the same name, too far
        ]
        var closed = room("E", "花都广场母婴室", at(3, 270).lon, at(3, 270).lat)
        closed.closed = F.day("2024-01-01")
        records.append(closed)
        let pairs = DuplicateSearch(within: 30).pairs(in: records)
        #expect(pairs.map { [$0.first.id.rawValue, $0.second.id.rawValue] } == [["A", "B"]])
        #expect(abs((pairs.first?.distanceMeters ?? 0) - 12) < 1e-6)
        #expect(DuplicateSearch(within: 50).pairs(in: records).count == 3, "A–B, A–D, B–D within 50 m")

        // Many rooms: the latitude sweep finds the pairs a scan of every pair finds.
        let many = F.scatteredRooms(count: 300, seed: 3).enumerated().map { i, r in
            var named = r
            named.name = "母婴室\(i % 4)"
            named.closed = nil
            return named
        }
        let search = DuplicateSearch(within: 3000, minimumSimilarity: 0.5)
        var expected = 0
        for i in many.indices {
            for j in many.indices where j > i
                && Geodesic.distance(many[i].location, many[j].location) <= 3000
                && DuplicateSearch.similarity(many[i].name, many[j].name) >= 0.5
            {
                expected += 1
            }
        }
        #expect(expected > 0)
        #expect(search.pairs(in: many).count == expected)
    }
}
