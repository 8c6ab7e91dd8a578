import TestSupport
import Foundation
import GeoCore
import GeometryOps
import Testing

@Suite struct BufferTests {
    typealias F = Fixture

    /// A point's buffer is the regular polygon of 4·q sides inscribed in the circle: area 2q·r²·sin(π/2q),
    /// which is within 0.7 % of πr² for q = 8 and 0.2 % for q = 16.
    @Test(arguments: [(8, 0.007), (16, 0.002), (32, 0.0005)])
    func pointBufferIsACircle(quadrantSegments: Int, tolerance: Double) throws {
        let engine = try GeometryEngine()
        let r = 30.0
        let disc = try PlanarGeometry(.point(F.c(1000, 2000)), in: engine)
            .buffer(by: r, quadrantSegments: quadrantSegments)
        let q = Double(quadrantSegments)
        let inscribed = 2 * q * r * r * sin(.pi / (2 * q))
        let area = try disc.area
        #expect(abs(area - inscribed) < 1e-6 * inscribed)
        #expect(abs(area - .pi * r * r) / (.pi * r * r) < tolerance)
        #expect(area < .pi * r * r)
        let centroid = try #require(try disc.centroid())
        #expect(abs(centroid.x - 1000) < 1e-9 && abs(centroid.y - 2000) < 1e-9)
        #expect(disc.typeName == "Polygon")
    }

    /// A segment's buffer is a rectangle with two half-discs: 2rL + (the inscribed polygon's area).
    @Test func segmentBuffer() throws {
        let engine = try GeometryEngine()
        let (r, length) = (25.0, 400.0)
        let area = try PlanarGeometry(.lineString([F.c(0, 0), F.c(length, 0)]), in: engine)
            .buffer(by: r, quadrantSegments: 8).area
        let inscribed = 16 * r * r * sin(.pi / 16)
        #expect(abs(area - (2 * r * length + inscribed)) < 1e-6)
    }

    @Test func negativeBufferShrinksPolygons() throws {
        let engine = try GeometryEngine()
        let square = try PlanarGeometry(F.rectangle(0, 0, 10, 10), in: engine)
        #expect(abs(try square.buffer(by: -1).area - 64) < 1e-9)
        #expect(try square.buffer(by: -6).isEmpty)
        #expect(try PlanarGeometry(.point(F.c(0, 0)), in: engine).buffer(by: -1).isEmpty)
    }

    @Test(arguments: [(Double.nan, 8), (.infinity, 8), (10, 0), (10, -3), (10, 5000)])
    func badArgumentsAreRefused(distance: Double, quadrantSegments: Int) throws {
        let engine = try GeometryEngine()
        let point = try PlanarGeometry(.point(F.c(0, 0)), in: engine)
        let error = try #require(throws: GeometryOpsError.self) {
            try point.buffer(by: distance, quadrantSegments: quadrantSegments)
        }
        #expect(error.kind == .invalidArgument)
        #expect(error.operation == "buffer")
        #expect(throws: GeometryOpsError.self) {
            try engine.bufferedUnion([.point(F.c(0, 0))], distance: distance, quadrantSegments: quadrantSegments)
        }
    }

    /// The batch form equals buffering each line and folding `union(with:)`.
    @Test func bufferedUnionMatchesPairwiseUnion() throws {
        let engine = try GeometryEngine()
        var random = SeededGenerator(seed: 7)
        var lines: [Geometry] = []
        for _ in 0..<200 {
            let start = F.c(.random(in: 0...1000, using: &random), .random(in: 0...1000, using: &random))
            let angle = Double.random(in: 0..<(2 * .pi), using: &random)
            let end = F.c(start.x + 60 * cos(angle), start.y + 60 * sin(angle))
            lines.append(.lineString([start, end]))
        }
        let batch = try engine.bufferedUnion(lines, distance: 30)
        var folded = try PlanarGeometry(.polygon([]), in: engine)
        for line in lines {
            folded = try folded.union(with: PlanarGeometry(line, in: engine).buffer(by: 30))
        }
        #expect(try batch.isValid)
        #expect(abs(try batch.area - folded.area) < 1e-6 * (try folded.area))
        #expect(try batch.difference(with: folded).area < 1)
        #expect(try folded.difference(with: batch).area < 1)
    }

    /// A street grid: 11 + 11 lines of 1 km, 100 m apart, buffered by 50 m cover the 1.1 km square exactly
    /// except its four rounded corners.
    @Test func bufferedUnionOfAStreetGridFillsTheBlock() throws {
        let engine = try GeometryEngine()
        var lines: [Geometry] = []
        for k in 0...10 {
            let d = Double(k) * 100
            lines.append(.lineString([F.c(0, d), F.c(1000, d)]))
            lines.append(.lineString([F.c(d, 0), F.c(d, 1000)]))
        }
        let covered = try engine.bufferedUnion(lines, distance: 50, quadrantSegments: 16)
        let r = 50.0
        let cornerLoss = 4 * (r * r - 32 * r * r * sin(.pi / 32) / 4)
        #expect(abs(try covered.area - (1100 * 1100 - cornerLoss)) < 1)
        #expect(covered.typeName == "Polygon")
        #expect(try engine.bufferedUnion([], distance: 50).isEmpty)
    }

    /// Segments of a jittered street grid meet end to end, so the batch joins them into walks before
    /// buffering; the area must still be that of the union of every segment's own buffer.
    @Test func joinedSegmentsBufferLikeSeparateOnes() throws {
        let engine = try GeometryEngine()
        var random = SeededGenerator(seed: 11)
        let nodes = (0...8).map { i in
            (0...8).map { j in
                F.c(
                    Double(j) * 80 + .random(in: -15...15, using: &random),
                    Double(i) * 80 + .random(in: -15...15, using: &random))
            }
        }
        var segments: [Geometry] = []
        for i in 0...8 {
            for j in 0...8 {
                if j < 8 { segments.append(.lineString([nodes[i][j], nodes[i][j + 1]])) }
                // Every other vertical street only half-way up, for dead ends and T junctions.
                if i < 8, j.isMultiple(of: 2) || i < 4 { segments.append(.lineString([nodes[i][j], nodes[i + 1][j]])) }
            }
        }
        // Reversed pieces and a multi-line string join as well.
        segments[3] = .lineString([nodes[0][4], nodes[0][3]])
        segments.append(.multiLineString([[nodes[8][0], nodes[8][1]], [nodes[8][1], nodes[7][1]]]))
        let batch = try engine.bufferedUnion(segments, distance: 25)
        var folded = try PlanarGeometry(.polygon([]), in: engine)
        for segment in segments {
            folded = try folded.union(with: PlanarGeometry(segment, in: engine).buffer(by: 25))
        }
        #expect(try batch.isValid)
        let area = try folded.area
        #expect(abs(try batch.area - area) < 1e-5 * area)
        #expect(try batch.difference(with: folded).area < 1e-4 * area)
        #expect(try folded.difference(with: batch).area < 1e-4 * area)
        // Mixed input: a point and a polygon are buffered as they are.
        let mixed = try engine.bufferedUnion(
            segments + [.point(F.c(5000, 5000)), F.rectangle(6000, 0, 6010, 10)], distance: 25)
        let disc = 16 * 625 * sin(Double.pi / 16)
        let roundedSquare = 10 * 10 + 4 * 10 * 25 + disc
        #expect(abs(try mixed.area - (batch.area + disc + roundedSquare)) < 1e-6 * area)
    }
}
