public import Foundation
import GeoPackage
public import WalkNetwork

/// Where a registry keeps its walking network: beside the registry file, a fast binary cache that
/// analyses load without rebuilding (`registry.walknet`), and the same graph as GeoPackage layers for
/// QGIS (`registry.network.gpkg`: `network_nodes`, `network_edges`).
///
/// The two are one build: `network build` gives each build an id (a UUID), records it in the cache's
/// provenance (`build_id`) and as the description of both layers (`build_id=…` in `gpkg_contents`), and puts
/// the GeoPackage in place before the cache (``AtomicOutput/replaceFiles(_:by:)``). A build killed between the
/// two renames leaves a new GeoPackage beside the old cache: ``loadGraph()`` sees the ids differ and refuses.
public struct NetworkFiles: Hashable, Sendable {
    public let cache: URL
    public let layers: URL

    /// The cache's provenance key, and the prefix of the layers' description, holding the build id.
    public static let buildIDKey = "build_id"
    /// The layers of ``layers``, in the order they are written.
    public static let layerNames = ["network_nodes", "network_edges"]

    public init(registry: String) {
        let url = URL(fileURLWithPath: registry)
        let stem = url.deletingPathExtension()
        cache = stem.appendingPathExtension("walknet")
        layers = URL(fileURLWithPath: stem.path + ".network.gpkg")
    }

    /// The description a layer of build `id` carries.
    static func layerDescription(buildID id: String) -> String { "\(buildIDKey)=\(id)" }

    /// Loads the cache after checking that the GeoPackage beside it, when there is one, is of the same build.
    /// Caches and layers written before builds had ids (neither has one) pass when both layers are there.
    public func loadGraph() throws -> WalkGraph {
        let graph = try WalkGraph(contentsOf: cache)
        try checkLayers(match: graph.provenance[Self.buildIDKey])
        return graph
    }

    private func checkLayers(match cacheBuild: String?) throws {
        guard FileManager.default.fileExists(atPath: layers.path) else { return }
        let found = try GeoPackageFile(path: layers.path, mode: .readOnly).read { try $0.layers() }
        for name in Self.layerNames {
            guard let layer = found.first(where: { $0.name == name }) else {
                throw NetworkMismatch(files: self, cacheBuild: cacheBuild, problem: .missingLayer(name))
            }
            let prefix = Self.buildIDKey + "="
            let layerBuild = layer.description.flatMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil }
            guard layerBuild == cacheBuild else {
                throw NetworkMismatch(files: self, cacheBuild: cacheBuild, problem: .otherBuild(layer: name, build: layerBuild))
            }
        }
    }
}

/// The `.walknet` cache and the `.network.gpkg` beside it are not of one build (a `network build` was
/// interrupted between them, or one was copied from elsewhere).
public struct NetworkMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        /// The GeoPackage lacks one of the network's layers.
        case missingLayer(String)
        /// A layer was written by another build (nil: a build without an id).
        case otherBuild(layer: String, build: String?)
    }

    public let files: NetworkFiles
    public let cacheBuild: String?
    public let problem: Problem

    public var description: String {
        let cacheText = "\(files.cache.path) (build \(cacheBuild ?? "without an id"))"
        let detail: String
        switch problem {
        case .missingLayer(let name): detail = "\(files.layers.path) has no layer '\(name)'"
        case .otherBuild(let layer, let build):
            detail = "\(files.layers.path) layer '\(layer)' is of build \(build ?? "without an id")"
        }
        return "the walking network files do not belong together: \(cacheText), but \(detail) "
            + "(was a `network build` interrupted?); build them again with `lifecircle network build`"
    }
}
