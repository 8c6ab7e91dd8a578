public import FacilityKit

/// The facility kinds this run knows: every plugin passes the same checks on the way in, whether it
/// was compiled in or loaded from a manifest.
public struct PluginRegistry: Sendable {
    /// Where a plugin came from, for messages and `plugins list`.
    public enum Origin: Hashable, Sendable, CustomStringConvertible {
        case bundled
        case manifest(path: String)

        public var description: String {
            switch self {
            case .bundled: "bundled (Swift)"
            case .manifest(let path): "manifest \(path)"
            }
        }
    }

    public struct Entry: Sendable {
        public let plugin: any FacilityPlugin
        public let origin: Origin
    }

    private var entries: [PluginID: Entry] = [:]

    public init() {}

    /// Registers a plugin after checking its API version and schema, and that no plugin with the
    /// same id is registered.
    public mutating func register(_ plugin: any FacilityPlugin, origin: Origin) throws(RegistryError) {
        let descriptor = plugin.descriptor
        if let existing = entries[descriptor.id] {
            throw .duplicatePlugin(id: descriptor.id, first: existing.origin, second: origin)
        }
        guard descriptor.apiVersion == facilityKitAPIVersion else {
            throw .incompatibleAPIVersion(
                id: descriptor.id, origin: origin, required: descriptor.apiVersion, offered: facilityKitAPIVersion)
        }
        do {
            try plugin.schema.validate()
        } catch {
            throw .invalidSchema(id: descriptor.id, origin: origin, problem: error)
        }
        entries[descriptor.id] = Entry(plugin: plugin, origin: origin)
    }

    /// Every registered plugin, ordered by id.
    public var all: [Entry] { entries.values.sorted { $0.plugin.id < $1.plugin.id } }

    public var ids: [PluginID] { entries.keys.sorted() }

    /// The plugin for a kind given on the command line; an unknown kind lists the known ones.
    public func plugin(for kind: String) throws(RegistryError) -> any FacilityPlugin {
        guard let id = PluginID(rawValue: kind), let entry = entries[id] else {
            throw .unknownKind(kind, known: ids)
        }
        return entry.plugin
    }

    public func entry(for id: PluginID) -> Entry? { entries[id] }
}
