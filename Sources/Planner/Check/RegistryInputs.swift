import FacilityKit
import FacilityRegistry
import Foundation
import Rules
import WalkNetwork

/// The registry and the files beside it (admin units, walking network, demand), read once so that the
/// evidence can be asked for on one date (a check) or many (a trend).
struct RegistryInputs {
    let store: GeoPackageFacilityStore
    let units: [AdminUnit]
    let graph: WalkGraph?
    let demand: [DemandUnit]
    /// Where the demand's figures come from, as its import stated.
    let demandSource: String?
    let plugins: [any FacilityPlugin]
    let maxSnapDistance: Double

    /// What the rules read on `date`: the facilities of their kinds, read now (a row the store cannot read
    /// fails here), and the rest read once.
    func evidence(asOf date: CivilDate, for rules: [Rule]) throws -> RegistryEvidence {
        try RegistryEvidence(
            asOf: date, plugins: plugins, store: store, units: units, graph: graph, demand: demand,
            maxSnapDistance: maxSnapDistance, kinds: Set(rules.flatMap(\.measure.kinds)))
    }

    /// The admin units, network and demand that were read, for the provenance table.
    func provenance(registry: String) -> [Provenance] {
        var provenance: [Provenance] = []
        if !units.isEmpty {
            provenance.append(
                Provenance(
                    role: "admin units", name: AdminUnitStore(registry: registry).url.lastPathComponent,
                    detail: units.map(\.name).joined(separator: ", ")))
        }
        // Each unit's residents by group with where they come from (and how any group was estimated).
        for unit in units.sorted(by: { $0.id < $1.id }) where !unit.population.isEmpty {
            let figures = PopulationGroup.allCases.compactMap { group in
                unit.population[PopulationGroupName(group.rawValue)].map { "\(group.rawValue)=\(Int($0.rounded()))" }
            }
            provenance.append(
                Provenance(
                    role: "population", name: "\(unit.name) (\(unit.id))",
                    detail: figures.joined(separator: ", ") + (unit.populationSource.map { "; \($0)" } ?? "")))
        }
        if let graph {
            provenance.append(
                Provenance(
                    role: "walking network", name: NetworkFiles(registry: registry).cache.lastPathComponent,
                    detail: "\(graph.nodeCount) nodes"))
        }
        if !demand.isEmpty {
            provenance.append(
                Provenance(
                    role: "demand", name: DemandStore(registry: registry).url.lastPathComponent,
                    detail: "\(demand.count) units, \(Int(demand.reduce(0) { $0 + $1.count(.total) }.rounded())) residents"
                        + (demandSource.map { "; \($0)" } ?? "")))
        }
        return provenance
    }
}

extension CheckJob {
    /// Reads the registry and the files beside it once.
    func loadInputs() throws -> RegistryInputs {
        guard FileManager.default.fileExists(atPath: registry) else {
            throw RegistryError.input(file: registry, reason: "no registry here; create one with `lifecircle init`")
        }
        let network = NetworkFiles(registry: registry)
        let demandStore = DemandStore(registry: registry)
        return RegistryInputs(
            store: try GeoPackageFacilityStore(readingFrom: registry),
            units: try AdminUnitStore(registry: registry).load(),
            graph: FileManager.default.fileExists(atPath: network.cache.path) ? try network.loadGraph() : nil,
            demand: demandStore.exists ? try demandStore.load() : [],
            demandSource: demandStore.exists ? try demandStore.source() : nil,
            plugins: plugins, maxSnapDistance: maxSnapDistance)
    }

    /// The plugins whose kinds the rules read, with their versions.
    func pluginProvenance(for rules: [Rule]) -> [Provenance] {
        let kinds = Set(rules.flatMap(\.measure.kinds))
        return plugins.sorted { $0.id < $1.id }.filter { kinds.contains($0.id) }.map {
            Provenance(role: "plugin", name: $0.id.rawValue, detail: $0.descriptor.version.description)
        }
    }
}
