public import Foundation

/// Where a registry keeps its walking network: beside the registry file, a fast binary cache that
/// analyses load without rebuilding (`registry.walknet`), and the same graph as GeoPackage layers for
/// QGIS (`registry.network.gpkg`: `network_nodes`, `network_edges`).
public struct NetworkFiles: Hashable, Sendable {
    public let cache: URL
    public let layers: URL

    public init(registry: String) {
        let url = URL(fileURLWithPath: registry)
        let stem = url.deletingPathExtension()
        cache = stem.appendingPathExtension("walknet")
        layers = URL(fileURLWithPath: stem.path + ".network.gpkg")
    }
}
