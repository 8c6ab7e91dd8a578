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
    /// `--plugins` (a folder of them, or one manifest file); every one goes through the same checks.
    init(options: GlobalOptions) throws {
        self.options = options
        var registry = PluginRegistry()
        for plugin in BundledPlugins.all {
            try registry.register(plugin, origin: .bundled)
        }
        var manifests: [ManifestPlugin] = []
        if let shipped = DataLocator.geoData?.appendingPathComponent("plugins"),
            FileManager.default.fileExists(atPath: shipped.path)
        {
            manifests += try ManifestPlugin.loadAll(in: shipped)
        }
        if let extra = options.plugins {
            let url = URL(fileURLWithPath: extra)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw CommandFailure(
                    "--plugins \(extra): no such folder or manifest file", exitCode: ExitStatus.noInput)
            }
            manifests += isFolder.boolValue ? try ManifestPlugin.loadAll(in: url) : [try ManifestPlugin(contentsOf: url)]
        }
        for manifest in manifests {
            try registry.register(manifest, origin: .manifest(path: manifest.path))
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

/// Finds the data lifecircle ships with (plugins, plans, rules, walking profiles, the demo's data), in order:
/// `$LIFECIRCLE_GEODATA`; a `GeoData` folder next to the executable; `../share/lifecircle` from the
/// executable's folder (what `scripts/install.sh PREFIX` lays out); the `GeoData` of the checkout the
/// executable was built in. The executable is found by its real path (`/proc/self/exe`), so a symlink
/// on PATH or a bare `lifecircle` typed in any folder finds the same data.
enum DataLocator {
    static var geoData: URL? {
        if let env = ProcessInfo.processInfo.environment["LIFECIRCLE_GEODATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return candidates(executable: executable).first(where: holdsData)
    }

    /// The data folder, or a failure naming what needed it and everywhere it was looked for.
    static func required(for purpose: String) throws -> URL {
        if let found = geoData { return found }
        let places = candidates(executable: executable).prefix(3).map(\.path).joined(separator: ", ")
        throw CommandFailure(
            "lifecircle's data (GeoData: \(purpose)) not found in \(places) or the checkout it was built in; "
                + "install it with scripts/install.sh or set LIFECIRCLE_GEODATA to the folder",
            exitCode: ExitStatus.noInput)
    }

    /// Where to look, nearest the executable first.
    static func candidates(executable: URL) -> [URL] {
        let bin = executable.deletingLastPathComponent()
        var found = [
            bin.appendingPathComponent("GeoData"),
            bin.deletingLastPathComponent().appendingPathComponent("share/lifecircle"),
        ]
        // A build folder (.build/<triple>/debug) sits a few levels below the checkout's GeoData.
        var folder = bin
        for _ in 0..<6 {
            folder.deleteLastPathComponent()
            found.append(folder.appendingPathComponent("GeoData"))
        }
        return found
    }

    /// A data folder has the manifest plugins and the plan profiles.
    static func holdsData(_ folder: URL) -> Bool {
        let fm = FileManager.default
        return ["plugins", "plans"].allSatisfy { fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// The running executable with every symlink resolved: `/proc/self/exe` on Linux, else
    /// Foundation's idea of it, else the first argument.
    static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).resolvingSymlinksInPath()
    }
}
