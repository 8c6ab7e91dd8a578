import Foundation
import GRDB
import GeoCore
import GeoPackage
import TestSupport
import Testing

@Suite struct FeatureTableTests {
    let columns = [
        Column("code", .text, notNull: true, unique: true), Column("count", .integer), Column("area", .real),
        Column("open", .boolean), Column("since", .date), Column("checked", .dateTime),
    ]

    private func parks(in dir: TemporaryFolder) throws -> GeoPackageFile {
        let file = try GeoPackageFile(path: dir.path("parks.gpkg"))
        try file.write { tx in
            try tx.createTable(
                TableDefinition(
                    name: "parks", geometry: GeometryColumn(type: .point, srsID: 4326), columns: columns,
                    identifier: "Parks", description: "test parks"))
        }
        return file
    }

    private func park(_ code: String, _ x: Double, _ y: Double) -> FeatureRow {
        FeatureRow(
            geometry: .point(Coordinate(x: x, y: y)),
            values: [
                "code": .text(code), "count": .integer(Int64.max), "area": .real(0.1 + 0.2), "open": .boolean(true),
                "since": .text("2023-05-01"), "checked": .text("2024-02-29T08:30:00.125Z"),
            ])
    }

    /// The R-tree's rows, read with plain SQLite.
    private func rtree(_ file: GeoPackageFile) throws -> [Int64: [Double]] {
        try DatabaseQueue(path: file.path).read { db in
            var boxes: [Int64: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, minx, maxx, miny, maxy FROM rtree_parks_geom") {
                boxes[row["id"]] = [row["minx"], row["maxx"], row["miny"], row["maxy"]]
            }
            return boxes
        }
    }

    private func contentsBounds(_ file: GeoPackageFile) throws -> BoundingBox? {
        try file.layers().first { $0.name == "parks" }?.bounds
    }

    @Test func writesReadsAndIndexesRows() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try parks(in: dir)
        let fids = try file.write {
            try $0.insert([park("a", 113.25, 23.125), park("b", 113.5, 23.25)], into: "parks")
        }
        #expect(fids == [1, 2])

        let rows = try file.read { try $0.rows(in: "parks") }
        #expect(rows.count == 2)
        #expect(
            rows[0]
                == {
                    var expected = park("a", 113.25, 23.125)
                    expected.fid = 1
                    return expected
                }())
        #expect(try rtree(file) == [1: [113.25, 113.25, 23.125, 23.125], 2: [113.5, 113.5, 23.25, 23.25]])
        #expect(try contentsBounds(file) == BoundingBox(minX: 113.25, minY: 23.125, maxX: 113.5, maxY: 23.25))

        // Update: the R-tree box moves and the bounds follow.
        var moved = rows[1]
        moved.geometry = .point(Coordinate(x: 114, y: 24))
        try file.write { try $0.replace(moved, in: "parks") }
        #expect(try rtree(file)[2] == [114, 114, 24, 24])
        #expect(try contentsBounds(file) == BoundingBox(minX: 113.25, minY: 23.125, maxX: 114, maxY: 24))

        // Geometry set to NULL: its box goes.
        var nulled = moved
        nulled.geometry = nil
        try file.write { try $0.replace(nulled, in: "parks") }
        #expect(try rtree(file).keys.sorted() == [1])
        try file.write { try $0.replace(moved, in: "parks") }

        // Delete: the box goes and the bounds shrink.
        #expect(try file.write { try $0.delete(fids: [1], from: "parks") } == 1)
        #expect(try rtree(file).keys.sorted() == [2])
        #expect(try contentsBounds(file) == BoundingBox(minX: 114, minY: 24, maxX: 114, maxY: 24))

        let summary = try ogrSummary(of: file.path)
        #expect(summary == ["parks": OgrLayerSummary(geometry: "Point", featureCount: 1, epsg: 4326)])
        let validation = try ToolRunner.run(
            "python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", file.path])
        #expect(validation.status == 0, "validate_gpkg.py: \(validation.output)")
        #expect(validation.output.isEmpty, "validate_gpkg.py: \(validation.output)")
    }

    @Test func queriesByBoxThroughTheRTree() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try parks(in: dir)
        var batch: [FeatureRow] = []
        for i in 0..<20 {
            for j in 0..<20 { batch.append(park("p\(i)-\(j)", 113 + Double(i) * 0.01, 23 + Double(j) * 0.01)) }
        }
        try file.write { try $0.insert(batch, into: "parks") }
        let box = try BoundingBox(minX: 113.045, minY: 23.0, maxX: 113.075, maxY: 23.015)
        let found = try file.read { try $0.rows(in: "parks", intersecting: box) }
        let expected = batch.filter { box.contains($0.geometry!.coordinates[0]) }.map { $0["code"] }
        #expect(found.map { $0["code"] } == expected)
        #expect(found.count == 3 * 2)
        let fids = try file.read { try $0.spatialIndexFids(in: "parks", intersecting: box) }
        #expect(Set(fids) == Set(found.compactMap(\.fid)))
        let matching = try file.read { try $0.rows(in: "parks", matching: ["code": .text("p3-4")]) }
        #expect(matching.count == 1 && matching[0].geometry == .point(Coordinate(x: 113.03, y: 23.04)))
    }

    @Test func badRowsFailNamingTableRowAndColumnAndWriteNothing() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try parks(in: dir)
        try file.write { try $0.insert([park("a", 1, 1)], into: "parks") }
        var badDate = park("b", 2, 2)
        badDate.values["since"] = .text("2023-02-30")
        var line = park("c", 3, 3)
        line.geometry = .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)])
        var missing = park("d", 4, 4)
        missing.values["code"] = nil
        var unknown = park("e", 5, 5)
        unknown.values["colour"] = .text("green")
        let cases: [(FeatureRow, String?, String)] = [
            (badDate, "since", "not a date"), (line, "geom", "LineString cannot go in a POINT column"),
            (missing, "code", "required"), (unknown, "colour", "no such column"), (park("a", 6, 6), nil, "UNIQUE"),
        ]
        for (row, column, why) in cases {
            let error = #expect(throws: GeoPackageError.self) {
                try file.write { try $0.insert([park("ok", 7, 7), row], into: "parks") }
            }
            #expect(error?.table == "parks")
            #expect(error?.position == 2)
            #expect(error?.column == column)
            #expect(error?.description.contains(why) == true, "\(error?.description ?? "") should say \(why)")
            #expect(error?.description.contains("row 2 of the batch") == true)
        }
        #expect(try file.read { try $0.count(in: "parks") } == 1)
        #expect(try rtree(file).count == 1)
    }

    @Test func attributesTablesAndAddedColumns() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try GeoPackageFile(path: dir.path("attrs.gpkg"))
        try file.write { tx in
            try tx.createTable(TableDefinition(name: "log", primaryKey: "id", columns: [Column("note", .text)]))
            try tx.insert([FeatureRow(values: ["note": .text("hello")])], into: "log")
            try tx.addColumn(Column("level", .integer), to: "log")
            try tx.insert([FeatureRow(values: ["note": .text("again"), "level": .integer(2)])], into: "log")
        }
        let definition = try file.read { try $0.table(named: "log") }
        #expect(definition?.primaryKey == "id")
        #expect(definition?.columns == [Column("note", .text), Column("level", .integer)])
        #expect(definition?.dataType == "attributes")
        let rows = try file.read { try $0.rows(in: "log") }
        #expect(rows.map { $0["level"] } == [.null, .integer(2)])
        #expect(try ogrSummary(of: file.path) == ["log": OgrLayerSummary(geometry: "None", featureCount: 2, epsg: nil)])

        let error = #expect(throws: GeoPackageError.self) { try file.read { try $0.rows(in: "nope") } }
        #expect(error?.kind == .noSuchTable)
        #expect(error?.description.contains("its tables are: log") == true)
        let reserved = #expect(throws: GeoPackageError.self) {
            try file.write { try $0.createTable(TableDefinition(name: "gpkg_mine", columns: [])) }
        }
        #expect(reserved?.kind == .invalidName)
    }

    @Test func emptyGeometriesStayOutOfTheIndexAndBrokenBlobsAreNamed() throws {
        let dir = try TemporaryFolder(prefix: "gpkg-tests")
        defer { dir.remove() }
        let file = try GeoPackageFile(path: dir.path("edge.gpkg"))
        try file.write { tx in
            try tx.createTable(
                TableDefinition(name: "lines", geometry: GeometryColumn(type: .lineString, srsID: 4326), columns: []))
            try tx.insert([FeatureRow(geometry: .lineString([])), FeatureRow(geometry: nil)], into: "lines")
            try tx.createTable(
                TableDefinition(
                    name: "plain", geometry: GeometryColumn(type: .point, srsID: 4326, spatialIndex: false), columns: []
                ))
            try tx.insert([FeatureRow(geometry: .point(Coordinate(x: 1, y: 2)))], into: "plain")
        }
        let raw = try DatabaseQueue(path: file.path)
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rtree_lines_geom") } == 0)
        #expect(try file.layers().first { $0.name == "lines" }?.bounds == nil)
        #expect(try file.read { try $0.rows(in: "lines") }.map(\.geometry) == [.lineString([]), nil])
        #expect(
            try ogrSummary(of: file.path)["lines"]
                == OgrLayerSummary(geometry: "Line String", featureCount: 2, epsg: 4326))

        try raw.write { try $0.execute(sql: "UPDATE plain SET geom = X'4750000100000000FF'") }
        let error = #expect(throws: GeoPackageError.self) { try file.read { try $0.rows(in: "plain") } }
        #expect(error?.kind == .invalidGeometry)
        #expect(error?.table == "plain" && error?.fid == 1 && error?.column == "geom")
        #expect(
            error?.description.contains("edge.gpkg', table 'plain', row fid=1, column 'geom': WKB byte order") == true)
    }
}
