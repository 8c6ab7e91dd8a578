public import FacilityKit
import FacilityRegistry
import Foundation
public import GeoCore
public import WalkNetwork

/// What every walking analysis starts from: the network saved beside the registry, and the registry's
/// facilities of the chosen kinds as of a date. Missing pieces are errors that say which command makes them.
public struct AnalysisContext {
    public let registry: String
    public let graph: WalkGraph
    /// Kind → facilities open on the date (all, without a date), as (id, EPSG:4326 position).
    public let facilities: [PluginID: [(id: String, location: Coordinate)]]

    public init(
        registry: String, kinds: [any FacilityPlugin], asOf: CivilDate?, skipEmptyKinds: Bool = false
    ) throws {
        self.registry = registry
        let files = NetworkFiles(registry: registry)
        guard FileManager.default.fileExists(atPath: files.cache.path) else {
            throw WalkNetworkError.cacheNotFound(file: files.cache.path)
        }
        guard FileManager.default.fileExists(atPath: registry) else {
            throw RegistryError.input(file: registry, reason: "no registry here; create one with `lifecircle init`")
        }
        graph = try files.loadGraph()
        let store = try GeoPackageFacilityStore(readingFrom: registry)
        var found: [PluginID: [(id: String, location: Coordinate)]] = [:]
        for plugin in kinds {
            let records = try store.facilities(kind: plugin.id, in: nil, asOf: asOf)
            if records.isEmpty && skipEmptyKinds { continue }
            found[plugin.id] = records.map { ($0.id.rawValue, $0.location) }
        }
        facilities = found
    }
}
