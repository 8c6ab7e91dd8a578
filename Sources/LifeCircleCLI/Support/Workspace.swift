import FacilityKit
import FacilityRegistry
import Foundation
import GeoPackage
import Projection

/// What a command works with: the plugins of this run and the registry file. Built once per command.
struct Workspace {
    let plugins: PluginRegistry
    let options: GlobalOptions

    /// Registers the bundled Swift plugins, then the manifests of GeoData/plugins, then those of
    /// `--plugins`; every one goes through the same checks.
    init(options: GlobalOptions) throws {
        self.options = options
        var registry = PluginRegistry()
        for plugin in BundledPlugins.all {
            try registry.register(plugin, origin: .bundled)
        }
        var folders: [URL] = []
        if let shipped = DataLocator.geoData?.appendingPathComponent("plugins") { folders.append(shipped) }
        if let extra = options.plugins {
            let url = URL(fileURLWithPath: extra)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandFailure("--plugins \(extra): no such folder", exitCode: ExitStatus.noInput)
            }
            folders.append(url)
        }
        for folder in folders where FileManager.default.fileExists(atPath: folder.path) {
            for manifest in try ManifestPlugin.loadAll(in: folder) {
                try registry.register(manifest, origin: .manifest(path: manifest.path))
            }
        }
        plugins = registry
    }

    /// Opens the registry file; `create` makes it when missing, otherwise a missing file is an error
    /// that says to run `lifecircle init`.
    func openStore(create: Bool = false) throws -> GeoPackageFacilityStore {
        if !create { try requireRegistry() }
        return try GeoPackageFacilityStore(path: options.registry, spatialReferenceSystems: try Self.standardSystems())
    }

    /// Opens the registry file read-only, for commands that only read it: they never wait for a writer.
    func openStoreForReading() throws -> GeoPackageFacilityStore {
        try requireRegistry()
        return try GeoPackageFacilityStore(readingFrom: options.registry)
    }

    private func requireRegistry() throws {
        if !FileManager.default.fileExists(atPath: options.registry) {
            throw CommandFailure(
                "\(options.registry): no registry here; create one with `lifecircle init` (or pass --registry PATH)",
                exitCode: ExitStatus.noInput)
        }
    }

    /// The systems every registry declares: EPSG:4326 (storage) and EPSG:4490 (CGCS2000).
    static func standardSystems() throws -> [SpatialReferenceSystem] {
        try [CRS.wgs84, CRS.cgcs2000].map(SpatialReferenceSystem.init(crs:))
    }

    /// The plugin for a kind named on the command line; prepares its table.
    func plugin(_ kind: String) throws -> any FacilityPlugin {
        try plugins.plugin(for: kind)
    }
}

/// Finds the GeoData folder that ships with lifecircle: $LIFECIRCLE_GEODATA, ./GeoData, or the
/// GeoData of the checkout the executable was built in.
enum DataLocator {
    static var geoData: URL? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["LIFECIRCLE_GEODATA"] {
            return URL(fileURLWithPath: env)
        }
        let here = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("GeoData")
        if fm.fileExists(atPath: here.path) { return here }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("GeoData")
            if fm.fileExists(atPath: candidate.appendingPathComponent("plugins").path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
