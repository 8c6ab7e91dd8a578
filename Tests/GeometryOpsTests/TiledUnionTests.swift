import Foundation
import GeoCore
import GeometryOps
import TestSupport
import Testing

/// Dissolving in tiles, in parallel, gives the area one union gives, as a valid MultiPolygon of the tiles' parts.
@Suite("Tiled buffered union")
struct TiledUnionTests {
    @Test func tilesGiveTheAreaOfOneUnion() throws {
        let engine = try GeometryEngine()
        let lines = Fixture.streets()
        let whole = try engine.bufferedUnion(lines, distance: 25, tiling: .none)
        // 300 m tiles: 7 × 7 over the 1.9 km grid, so most buffers cross no tile border and many do.
        let tiled = try engine.bufferedUnion(lines, distance: 25, tiling: .tiles(size: 300))
        #expect(try tiled.isValid)
        // Lines are joined within a tile only, so a few more round caps meet where a walk would have a round
        // join: both approximate the same circle, to a few millionths of the area (as `bufferedUnion`'s own
        // joining does, see BufferTests).
        let area = try whole.area
        #expect(abs(try tiled.area - area) < 1e-5 * area)
        let extra = try tiled.difference(with: whole).area
        let missing = try whole.difference(with: tiled).area
        #expect(extra < 1e-4 * area && missing < 1e-4 * area, "\(extra) m² more, \(missing) m² less of \(area) m²")
        // The tiles' parts, 1 mm apart along the tile lines: a valid MultiPolygon of more parts.
        #expect(tiled.typeName == "MultiPolygon")
        #expect(try tiled.partCount > whole.partCount)
        #expect(try tiled.unaryUnion().partCount == tiled.partCount)
        // Tiles smaller than a piece, and a single tile, work the same. 10 m tiles over the 2 km grid cut it
        // along some 800 km of tile lines, 1 mm apart: up to 800 m² less.
        let tiny = try engine.bufferedUnion(lines, distance: 25, tiling: .tiles(size: 10))
        let tinyArea = try tiny.area
        #expect(tinyArea < area && area - tinyArea < 1e-5 * area + 800, "\(tinyArea) m² against \(area) m²")
        #expect(try tiny.isValid)
        // Simplified in each tile, as one union is simplified whole: the same area to a few parts in 10⁴.
        let simplified = try engine.bufferedUnion(lines, distance: 25, tiling: .tiles(size: 300), simplification: 2.5)
        let simplifiedWhole = try engine.bufferedUnion(lines, distance: 25, tiling: .none, simplification: 2.5)
        #expect(try simplified.isValid && simplifiedWhole.isValid)
        #expect(abs(try simplified.area - simplifiedWhole.area) < 1e-3 * area)
        #expect(try simplified.geometry().coordinates.count < tiled.geometry().coordinates.count)
        let one = try engine.bufferedUnion(lines, distance: 25, tiling: .tiles(size: 1e6))
        #expect(try one.area == area && one.partCount == whole.partCount)
    }

    @Test func automaticTilingStartsAtItsThreshold() throws {
        let engine = try GeometryEngine()
        let lines = Fixture.streets()
        let vertices = lines.reduce(0) { $0 + $1.coordinates.count }
        #expect(vertices < UnionTiling.automaticThreshold)
        let automatic = try engine.bufferedUnion(lines, distance: 25)
        let whole = try engine.bufferedUnion(lines, distance: 25, tiling: .none)
        #expect(try automatic.area == whole.area)
        // Twelve copies side by side pass the threshold: tiled automatically, the same area as twelve.
        var large: [Geometry] = []
        for dx in stride(from: 0.0, to: 12 * 2500, by: 2500) {
            for line in lines {
                guard case .lineString(let cs) = line else { continue }
                large.append(.lineString(cs.map { Fixture.c($0.x + dx, $0.y) }))
            }
        }
        #expect(large.reduce(0) { $0 + $1.coordinates.count } > UnionTiling.automaticThreshold)
        let tiled = try engine.bufferedUnion(large, distance: 25)
        let wholeArea = try whole.area
        #expect(abs(try tiled.area - 12 * wholeArea) < 1e-5 * 12 * wholeArea)
    }

    @Test func badInputInATileIsNamedAsInOneUnion() throws {
        let engine = try GeometryEngine()
        var lines = Fixture.streets()
        lines.append(.lineString([Fixture.c(10, 10)]))
        #expect {
            try engine.bufferedUnion(lines, distance: 25, tiling: .tiles(size: 300))
        } throws: { error in
            "\(error)".contains("geometries[\(lines.count - 1)].coordinates: a line string needs at least 2 positions")
        }
        // Points and polygons among the lines are buffered in their tiles too.
        let mixed = Fixture.streets() + [.point(Fixture.c(5000, 5000)), Fixture.rectangle(6000, 0, 6010, 10)]
        let whole = try engine.bufferedUnion(mixed, distance: 25, tiling: .none)
        let tiled = try engine.bufferedUnion(mixed, distance: 25, tiling: .tiles(size: 300))
        let wholeArea = try whole.area
        #expect(abs(try tiled.area - wholeArea) < 1e-5 * wholeArea)
    }
}
