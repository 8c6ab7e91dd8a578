public import FacilityKit
public import Foundation

/// Every file a registry keeps or gets beside it: SQLite's own (`-wal`, `-shm`, `-journal`), the stores other
/// commands read (walking network, demand, admin units), and the default outputs of the analyses. The output
/// guard refuses to write over any of them unless the command is the one that makes it.
public struct RegistryFiles: Sendable {
    /// What a file beside the registry is.
    public enum Role: String, Hashable, Sendable, CaseIterable {
        case registry, writeAheadLog, sharedMemory, rollbackJournal
        case walkingNetworkCache, networkLayers, demand, adminUnits
        case coverage, isochrones, gaps, access, accessPage, sites

        /// How a message names it.
        public var label: LocalizedText {
            switch self {
            case .registry: LocalizedText(zh: "登记库", en: "the registry")
            case .writeAheadLog: LocalizedText(zh: "登记库的预写日志（-wal）", en: "the registry's write-ahead log (-wal)")
            case .sharedMemory: LocalizedText(zh: "登记库的共享内存文件（-shm）", en: "the registry's shared-memory file (-shm)")
            case .rollbackJournal: LocalizedText(zh: "登记库的回滚日志（-journal）", en: "the registry's rollback journal (-journal)")
            case .walkingNetworkCache: LocalizedText(zh: "登记库的步行网络缓存（.walknet）", en: "the registry's walking network cache (.walknet)")
            case .networkLayers: LocalizedText(zh: "登记库的路网图层（.network.gpkg）", en: "the registry's network layers (.network.gpkg)")
            case .demand: LocalizedText(zh: "登记库的人口需求（.demand.gpkg）", en: "the registry's demand (.demand.gpkg)")
            case .adminUnits: LocalizedText(zh: "登记库的行政区划（.admin.gpkg）", en: "the registry's admin units (.admin.gpkg)")
            case .coverage: LocalizedText(zh: "coverage 的结果（.coverage.gpkg）", en: "the results of coverage (.coverage.gpkg)")
            case .isochrones: LocalizedText(zh: "isochrones 的结果（.isochrones.gpkg）", en: "the results of isochrones (.isochrones.gpkg)")
            case .gaps: LocalizedText(zh: "gaps 的结果（.gaps.gpkg）", en: "the results of gaps (.gaps.gpkg)")
            case .access: LocalizedText(zh: "access 的结果（.access.gpkg）", en: "the results of access (.access.gpkg)")
            case .accessPage: LocalizedText(zh: "access 的地图页（.access.html）", en: "the map page of access (.access.html)")
            case .sites: LocalizedText(zh: "site-suggest 的结果（.sites.gpkg）", en: "the results of site-suggest (.sites.gpkg)")
            }
        }
    }

    public let registry: String

    public init(registry: String) {
        self.registry = registry
    }

    /// The file of a role, named from the registry's path as given (as the stores and commands name them).
    public func url(_ role: Role) -> URL {
        let stem = URL(fileURLWithPath: registry).deletingPathExtension().path
        return switch role {
        case .registry: URL(fileURLWithPath: registry)
        case .writeAheadLog: URL(fileURLWithPath: registry + "-wal")
        case .sharedMemory: URL(fileURLWithPath: registry + "-shm")
        case .rollbackJournal: URL(fileURLWithPath: registry + "-journal")
        case .walkingNetworkCache: NetworkFiles(registry: registry).cache
        case .networkLayers: NetworkFiles(registry: registry).layers
        case .demand: DemandStore(registry: registry).url
        case .adminUnits: AdminUnitStore(registry: registry).url
        case .coverage: URL(fileURLWithPath: stem + ".coverage.gpkg")
        case .isochrones: URL(fileURLWithPath: stem + ".isochrones.gpkg")
        case .gaps: URL(fileURLWithPath: stem + ".gaps.gpkg")
        case .access: URL(fileURLWithPath: stem + ".access.gpkg")
        case .accessPage: URL(fileURLWithPath: stem + ".access.html")
        case .sites: URL(fileURLWithPath: stem + ".sites.gpkg")
        }
    }

    /// Every file of every role. SQLite names its `-wal`, `-shm` and `-journal` after the registry's real path
    /// (symlinks resolved), so those are listed for that path too.
    public var all: [(role: Role, url: URL)] {
        var files = Role.allCases.map { ($0, url($0)) }
        let real = FileIdentity.resolvedPath(registry)
        if real != URL(fileURLWithPath: registry).standardizedFileURL.path {
            for role in [Role.writeAheadLog, .sharedMemory, .rollbackJournal] {
                files.append((role, RegistryFiles(registry: real).url(role)))
            }
        }
        return files
    }
}
