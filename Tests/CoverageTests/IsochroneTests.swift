import Coverage
import Foundation
import GeoCore
import GeometryOps
import OSMIngest
import TestSupport
import Testing
import WalkNetwork

/// The raster isochrone (the default) against GEOS's buffer and union of the same reachable streets, on a real
/// network built from GeoData's Helsinki extract.
@Suite("Isochrones on Helsinki")
struct IsochroneTests {
    @Test func rasterAgreesWithTheExactBufferUnion() throws {
        let file = try OSMFile(url: Repository.geoData.appendingPathComponent("osm/helsinki.osm.pbf"))
        let profile = try WalkingProfile.load(named: "walk", in: Repository.geoData.appendingPathComponent("profiles"))
        let graph = try OSMNetworkSource(file: file, profile: profile).build().graph
        // Every 200th node is a facility, seeded at its node.
        let sources = try stride(from: 0, to: graph.nodeCount, by: 200).map { node in
            try #require(graph.snappedPoint(at: NodeIndex(node)))
        }
        let raster = Isochrones(graph: graph)
        let engine = try GeometryEngine()
        for within in [300.0, 1000.0] {
            let ours = try #require(try raster.area(from: sources, within: within))
            // The exact area: GEOS's buffer of every reachable portion, 32 segments a quarter circle, one union.
            let lines = try raster.reachableMetricLines(from: sources, within: within)
            let exact = try engine.bufferedUnion(lines.map(Geometry.lineString), distance: 25, quadrantSegments: 32)
            let exactArea = try exact.area
            #expect(
                abs(ours.squareMetres - exactArea) < 0.005 * exactArea,
                "within \(within) m: \(ours.squareMetres) m² against \(exactArea) m²")
            // Valid polygons, in EPSG:4326 as written and in the metric CRS, with the stated area.
            let metric = try PlanarGeometry(graph.metricProjection.toMetric(ours.geometry), in: engine)
            #expect(try metric.isValid)
            #expect(try PlanarGeometry(ours.geometry, in: engine).isValid)
            #expect(abs(try metric.area - ours.squareMetres) < 1e-4 * exactArea)
            // The same place: what one covers and the other does not is a thin rim.
            let apart = try metric.difference(with: exact).area + exact.difference(with: metric).area
            #expect(apart < 0.02 * exactArea, "within \(within) m: \(apart) m² apart of \(exactArea) m²")
        }
    }
}
