import Coverage
public import FacilityKit
public import Foundation
public import GeoCore
import GeoPackage
import WalkNetwork
import GeometryOps
import Projection

/// Isochrones and gap maps for the registry's facilities, written as GeoPackage layers for QGIS.
public struct WalkingAreaJobs {
    public let context: AnalysisContext
    public let maxSnapDistance: Double

    public init(context: AnalysisContext, maxSnapDistance: Double) {
        self.context = context
        self.maxSnapDistance = maxSnapDistance
    }

    /// One summary line per kind and threshold, for the command to print.
    public struct Summary: Sendable {
        public var kind: PluginID
        public var threshold: Double
        public var value: Double
    }

    /// Layer `isochrones`: per kind and threshold, the dissolved area reachable from any facility
    /// (and, with `perFacility`, layer `facility_isochrones` with one polygon per facility). Returns the
    /// area of each dissolved isochrone in km². `progress` hears, after each isochrone, how many of all are made
    /// (kinds × thresholds, and facilities × thresholds with `perFacility`).
    public func isochrones(
        thresholds: [Double], perFacility: Bool, to url: URL,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> [Summary] {
        let snapper = try Snapper(graph: context.graph, maxDistance: maxSnapDistance)
        let builder = Isochrones(graph: context.graph)
        var dissolved: [Feature] = []
        var single: [Feature] = []
        var summary: [Summary] = []
        let total = context.facilities.values.reduce(0) { $0 + (perFacility ? 1 + $1.count : 1) } * thresholds.count
        var done = 0
        func madeOne() {
            done += 1
            progress?(done, total)
        }
        for (kind, places) in context.facilities.sorted(by: { $0.key < $1.key }) {
            let snaps = try snapper.snap(places.map(\.location)).map(\.snappedPoint)
            for threshold in thresholds.sorted(by: >) {
                let made = try builder.area(from: snaps.compactMap { $0 }, within: threshold)
                madeOne()
                guard let made else { continue }
                let area = made.geometry
                let km2 = made.squareMetres / 1_000_000
                summary.append(Summary(kind: kind, threshold: threshold, value: km2))
                dissolved.append(Feature(geometry: area, properties: [
                    "kind": .string(kind.rawValue), "threshold_m": .number(threshold), "area_km2": .number(km2),
                ]))
                guard perFacility else { continue }
                for (place, snap) in zip(places, snaps) {
                    defer { madeOne() }
                    guard let snap, let one = try builder.polygon(from: [snap], within: threshold) else { continue }
                    single.append(Feature(geometry: one, properties: [
                        "kind": .string(kind.rawValue), "facility_id": .string(place.id), "threshold_m": .number(threshold),
                    ]))
                }
            }
        }
        try AtomicOutput.replaceFile(url) { temporary in
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            try file.writeLayer(
                FeatureLayer(
                    name: "isochrones", geometry: GeometryColumn(type: .multiPolygon, srsID: 4326),
                    columns: [Column("kind", .text), Column("threshold_m", .real), Column("area_km2", .real)],
                    features: dissolved.map(Self.asMultiPolygon)),
                identifier: "步行等时圈 / isochrones")
            if perFacility {
                try file.writeLayer(
                    FeatureLayer(
                        name: "facility_isochrones", geometry: GeometryColumn(type: .multiPolygon, srsID: 4326),
                        columns: [Column("kind", .text), Column("facility_id", .text), Column("threshold_m", .real)],
                        features: single.map(Self.asMultiPolygon)),
                    identifier: "各设施等时圈 / isochrones per facility")
            }
        }
        return summary
    }

    /// Layer `gap_cells`: the cells of a metric grid over `area` with the walking distance from their centre to
    /// the nearest facility of each kind, and `uncovered` where it exceeds `threshold`. Returns the share of
    /// cells uncovered per kind.
    public func gaps(threshold: Double, cellSize: Double, area: Geometry?, to url: URL) throws -> [Summary] {
        let grid = GapGrid(graph: context.graph, cellSize: cellSize, maxSnapDistance: maxSnapDistance)
        var features: [Feature] = []
        var summary: [Summary] = []
        for (kind, places) in context.facilities.sorted(by: { $0.key < $1.key }) {
            let cells = try grid.cells(area: area, facilities: places.map(\.location))
            var uncovered = 0
            for cell in cells {
                let gap = (cell.distance ?? .infinity) > threshold
                if gap { uncovered += 1 }
                features.append(Feature(geometry: cell.polygon, properties: [
                    "kind": .string(kind.rawValue),
                    "distance_m": cell.distance.map { .number(($0 * 10).rounded() / 10) } ?? .null,
                    "on_network": .bool(cell.snapped), "uncovered": .bool(gap),
                ]))
            }
            summary.append(Summary(kind: kind, threshold: threshold, value: cells.isEmpty ? 0 : Double(uncovered) / Double(cells.count)))
        }
        try AtomicOutput.replaceFile(url) { temporary in
            try GeoPackageFile(path: temporary.path, mode: .build).writeLayer(
                FeatureLayer(
                    name: "gap_cells", geometry: GeometryColumn(type: .polygon, srsID: 4326),
                    columns: [Column("kind", .text), Column("distance_m", .real), Column("on_network", .boolean),
                              Column("uncovered", .boolean)],
                    features: features),
                identifier: "服务盲区网格 / gap cells")
        }
        return summary
    }

    static func asMultiPolygon(_ feature: Feature) -> Feature {
        var copy = feature
        if case .polygon(let rings)? = feature.geometry { copy.geometry = .multiPolygon([rings]) }
        return copy
    }

}
