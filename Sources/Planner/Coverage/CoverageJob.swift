public import Coverage
public import FacilityKit
import FacilityRegistry
public import Foundation
import GeoCore
import GeoPackage
import Interchange
import WalkNetwork

/// The coverage use case: the saved network, the registry's demand and facilities (as of a date), and a
/// coverage run over them, with its outputs for QGIS and spreadsheets.
public struct CoverageJob {
    public let registry: String
    public let kinds: [any FacilityPlugin]
    public let thresholds: [Double]
    public let maxSnapDistance: Double
    public let k: Int
    public let asOf: CivilDate?
    /// Leave out kinds without any facility (when the user did not name the kinds).
    public let skipEmptyKinds: Bool
    /// How far the searches walk (nil: the largest threshold).
    public let searchBound: Double?

    public init(
        registry: String, kinds: [any FacilityPlugin], thresholds: [Double], maxSnapDistance: Double, k: Int,
        asOf: CivilDate?, skipEmptyKinds: Bool = false, searchBound: Double? = nil
    ) {
        self.skipEmptyKinds = skipEmptyKinds
        self.searchBound = searchBound
        self.registry = registry
        self.kinds = kinds
        self.thresholds = thresholds
        self.maxSnapDistance = maxSnapDistance
        self.k = k
        self.asOf = asOf
    }

    public func run(progress: (String) -> Void) throws -> CoverageResult {
        progress("loading the network")
        let context = try AnalysisContext(registry: registry, kinds: kinds, asOf: asOf, skipEmptyKinds: skipEmptyKinds)
        let demandStore = DemandStore(registry: registry)
        guard demandStore.exists else {
            throw RegistryError.input(
                file: demandStore.url.path, reason: "no demand; import population with `lifecircle demand import`")
        }
        let demand = try demandStore.load().map { unit in
            CoverageAnalysis.DemandPlace(
                place: .init(id: unit.id, location: unit.location),
                population: Dictionary(uniqueKeysWithValues: unit.population.map { ($0.key.rawValue, $0.value) }),
                adminUnit: unit.adminUnit)
        }
        let facilities = Dictionary(uniqueKeysWithValues: context.facilities.map { kind, places in
            (kind.rawValue, places.map { CoverageAnalysis.Place(id: $0.id, location: $0.location) })
        })
        progress("searching \(facilities.count) kinds over \(demand.count) demand units")
        return try CoverageAnalysis(
            graph: context.graph, thresholds: thresholds, maxSnapDistance: maxSnapDistance, k: k,
            searchBound: searchBound
        ).run(demand: demand, facilities: facilities)
    }
}

/// The outputs of a coverage run.
public enum CoverageOutputs {
    /// `demand_id,kind,distance_m`: the nearest facility of each kind per demand unit; empty where none is
    /// reachable or the unit could not be snapped.
    public static func writeDistances(_ result: CoverageResult, to url: URL) throws {
        var rows: [[String]] = []
        for kind in result.kinds.keys.sorted() {
            let entries = result.kinds[kind]!.entries
            for (i, unit) in result.demand.enumerated() {
                rows.append([unit.place.id, kind, entries[i].nearest.map { String(format: "%.2f", $0) } ?? ""])
            }
        }
        try CSVWriter(lineEnding: .lf, writesByteOrderMark: false).write(header: ["demand_id", "kind", "distance_m"], rows: rows, to: url)
    }

    /// A GeoPackage for QGIS: layer `coverage_demand`, the demand points with the distance to the nearest
    /// facility of each kind (`<kind>_m`), to the k-th nearest when k > 1 (`<kind>_k<k>_m`), and whether they
    /// could be snapped.
    public static func writeLayers(_ result: CoverageResult, to url: URL) throws {
        try AtomicOutput.replaceFile(url) { temporary in try buildLayers(result, at: temporary) }
    }

    private static func buildLayers(_ result: CoverageResult, at url: URL) throws {
        let kinds = result.kinds.keys.sorted()
        let groups = Array(Set(result.demand.flatMap(\.population.keys))).sorted()
        let features = result.demand.enumerated().map { i, unit in
            var properties: [String: JSONValue] = [
                "demand_id": .string(unit.place.id), "admin_unit": unit.adminUnit.map { .string($0) } ?? .null,
                "snapped": .bool(result.demandSnapped[i]),
            ]
            for group in groups { properties[group] = unit.population[group].map { .number($0) } ?? .null }
            for kind in kinds {
                let entry = result.kinds[kind]!.entries[i]
                properties["\(kind)_m"] = entry.nearest.map { .number(($0 * 10).rounded() / 10) } ?? .null
                if result.k > 1 {
                    properties["\(kind)_k\(result.k)_m"] = entry.kth.map { .number(($0 * 10).rounded() / 10) } ?? .null
                }
            }
            return Feature(geometry: .point(unit.place.location), properties: properties)
        }
        let file = try GeoPackageFile(path: url.path, mode: .build)
        try file.writeLayer(
            FeatureLayer(
                name: "coverage_demand", geometry: GeometryColumn(type: .point, srsID: 4326),
                columns: [Column("demand_id", .text), Column("admin_unit", .text), Column("snapped", .boolean)]
                    + groups.map { Column($0, .real) } + kinds.map { Column("\($0)_m", .real) }
                    + (result.k > 1 ? kinds.map { Column("\($0)_k\(result.k)_m", .real) } : []),
                features: features),
            identifier: "覆盖分析 / coverage by demand unit")
    }
}
