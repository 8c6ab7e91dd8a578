import FacilityKit
public import Foundation
import GeoCore
import GeoPackage

/// The GeoPackage of a site suggestion, for QGIS (`<registry>.sites.gpkg` by default):
///
/// - `suggested_sites`: the chosen sites (points, EPSG:4326) with `rank`, `site_id`, `gain` (residents newly
///   covered, or person-metres saved for the p-median), `cumulative` and `cumulative_share` (covered
///   residents and their share; for the p-median the weighted distance and the mean distance in metres);
/// - `served_demand`: the demand units the new sites serve (points) with `demand_id`, the group's count
///   (`population`), the serving site's `rank` and id, `distance_m` to it and `distance_before_m` to the
///   nearest existing facility (empty when none was within reach). For covering problems these are the
///   newly covered units, and each site's units add up to its gain.
public enum SitingOutputs {
    public static func write(_ result: SitingResult, to url: URL) throws {
        try AtomicOutput.replaceFile(url) { temporary in
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            let ranked = result.rankedSites
            let problem = problemName(result.problem)
            let sites = ranked.map { site in
                Feature(
                    geometry: .point(site.candidate.location),
                    properties: [
                        "rank": .number(Double(site.rank)), "site_id": .string(site.candidate.id),
                        "kind": .string(result.kind.rawValue), "problem": .string(problem),
                        "population_group": .string(result.group.rawValue), "gain": .number(rounded(site.gain)),
                        "cumulative": .number(rounded(site.cumulative)),
                        "cumulative_share": .number((site.cumulativeShare * 1e6).rounded() / 1e6),
                    ])
            }
            try file.writeLayer(
                FeatureLayer(
                    name: "suggested_sites", geometry: GeometryColumn(type: .point, srsID: 4326),
                    columns: [
                        Column("rank", .integer, notNull: true), Column("site_id", .text), Column("kind", .text),
                        Column("problem", .text), Column("population_group", .text), Column("gain", .real),
                        Column("cumulative", .real), Column("cumulative_share", .real),
                    ],
                    features: sites),
                identifier: "建议新增设施选址 / suggested sites")
            let served = result.servedUnits.map { entry in
                let unit = result.demand[entry.unit]
                return Feature(
                    geometry: .point(unit.location),
                    properties: [
                        "demand_id": .string(unit.id), "population": .number(result.weights[entry.unit]),
                        "rank": .number(Double(entry.rank)),
                        "site_id": .string(ranked[entry.rank - 1].candidate.id),
                        "distance_m": .number(rounded(entry.distance)),
                        "distance_before_m": entry.distanceBefore.map { .number(rounded($0)) } ?? .null,
                    ])
            }
            try file.writeLayer(
                FeatureLayer(
                    name: "served_demand", geometry: GeometryColumn(type: .point, srsID: 4326),
                    columns: [
                        Column("demand_id", .text), Column("population", .real), Column("rank", .integer),
                        Column("site_id", .text), Column("distance_m", .real), Column("distance_before_m", .real),
                    ],
                    features: served),
                identifier: result.isCovering ? "新覆盖的人口 / newly covered demand" : "改由新设施服务的人口 / demand served by the new sites")
        }
    }

    /// `max-cover`, `set-cover` or `p-median`, as the command line names them.
    public static func problemName(_ problem: SitingJob.Problem) -> String {
        switch problem {
        case .maximalCovering: "max-cover"
        case .setCovering: "set-cover"
        case .pMedian: "p-median"
        }
    }

    /// Two decimals: centimetres, hundredths of a resident.
    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
