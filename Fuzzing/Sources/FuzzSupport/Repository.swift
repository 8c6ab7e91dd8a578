public import FacilityKit
public import Foundation
import LifeCircleCLI

/// Where the fuzz targets find the data the CLI reads beside the input (GeoData's rule packs and
/// walking profiles), and the plugins it registers.
public enum Repository {
    /// `$LIFECIRCLE_GEODATA` as the CLI reads it, else the GeoData folder of the checkout these targets
    /// were built from.
    public static let geoData: URL = {
        if let folder = ProcessInfo.processInfo.environment["LIFECIRCLE_GEODATA"] {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        // Fuzzing/Sources/FuzzSupport/Repository.swift → the checkout.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("GeoData")
    }()

    /// The Swift plugins compiled into lifecircle.
    public static let bundledPlugins: [any FacilityPlugin] = BundledPlugins.all

    /// The bundled plugin of a kind.
    public static func bundledPlugin(_ id: String) -> any FacilityPlugin {
        guard let plugin = bundledPlugins.first(where: { $0.id.rawValue == id }) else {
            fatalError("fuzz harness: no bundled plugin '\(id)'")
        }
        return plugin
    }

    /// Each bundled kind's fields, derived ones included, as `check` resolves a profile against them.
    public static let knownFields: [PluginID: Set<String>] = Dictionary(
        bundledPlugins.map { ($0.id, Set(($0.schema.fields + $0.derivedFields).map(\.name))) },
        uniquingKeysWith: { first, _ in first })

    /// Each bundled kind's rules, as a rule catalog takes them.
    public static let pluginRules: [PluginID: [Rule]] = Dictionary(
        bundledPlugins.map { ($0.id, $0.rules) }, uniquingKeysWith: { first, _ in first })

    /// A loaded resource the harness cannot do without; its absence is a broken setup, not a finding.
    public static func required<T>(_ what: String, _ load: () throws -> T) -> T {
        do {
            return try load()
        } catch {
            fatalError("fuzz harness: cannot load \(what) from \(geoData.path): \(error)")
        }
    }
}
