public import FacilityKit
import Rules

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

    /// Registers a plugin after checking its API version, its schema, its rules (every condition
    /// parses, and those on its own kind read only its fields, derived ones included), the attribute values its
    /// POI type mapping implies, and that no plugin with the same id is registered. The registry holds it with
    /// the standard fields (``AttributeSchema/standardFields``) added to its schema.
    public mutating func register(_ declared: any FacilityPlugin, origin: Origin) throws(RegistryError) {
        let plugin = RegisteredPlugin(declared)
        let descriptor = plugin.descriptor
        if let existing = entries[descriptor.id] {
            throw .duplicatePlugin(id: descriptor.id, first: existing.origin, second: origin)
        }
        guard descriptor.apiVersion == facilityKitAPIVersion else {
            throw .incompatibleAPIVersion(
                id: descriptor.id, origin: origin, required: descriptor.apiVersion, offered: facilityKitAPIVersion)
        }
        do throws(StoreError) {
            try FacilityStoreRules.checkKindName(descriptor.id)
        } catch {
            if case .invalidKind(_, let reason) = error {
                throw .invalidKindID(id: descriptor.id, origin: origin, reason: reason)
            }
        }
        do {
            try plugin.schema.validate()
        } catch {
            throw .invalidSchema(id: descriptor.id, origin: origin, problem: error)
        }
        try Self.checkRules(of: plugin, origin: origin)
        try Self.checkPOIMapping(of: plugin, origin: origin)
        entries[descriptor.id] = Entry(plugin: plugin, origin: origin)
    }

    /// A plugin's rules: ids unique, conditions that parse, and on its own kind only its fields.
    /// Conditions on other kinds (a mandate's venues) are checked when a profile is resolved.
    static func checkRules(of plugin: any FacilityPlugin, origin: Origin) throws(RegistryError) {
        let fields = plugin.schema.fields + plugin.derivedFields
        var seen: Set<RuleID> = []
        for rule in plugin.rules {
            guard seen.insert(rule.id).inserted else {
                throw .invalidRule(id: plugin.id, origin: origin, rule: rule.id, problem: "the rule id is used twice")
            }
            for site in rule.conditionSites {
                do throws(ConditionError) {
                    let expression = try ConditionExpression(parsing: site.condition)
                    if site.kind == plugin.id { try expression.check(against: fields) }
                } catch {
                    throw .invalidRule(
                        id: plugin.id, origin: origin, rule: rule.id,
                        problem: "\(site.role) \"\(error.excerpt)\": \(error)")
                }
            }
            if case .perCapita(let filter, let supply?, _, _, _, _) = rule.measure, filter.kind == plugin.id,
                !fields.contains(where: { $0.name == supply })
            {
                throw .invalidRule(
                    id: plugin.id, origin: origin, rule: rule.id,
                    problem: "supply_field '\(supply)' is not a field of \(plugin.id)")
            }
        }
    }

    /// Every value a POI type implies names a field of the kind and parses as that field's value.
    static func checkPOIMapping(of plugin: any FacilityPlugin, origin: Origin) throws(RegistryError) {
        for condition in plugin.poiMapping?.conditions ?? [] {
            for (name, text) in condition.impliedAttributes.sorted(by: { $0.key < $1.key }) {
                let types = (condition.amapTypecodes + condition.baiduTags).joined(separator: ", ")
                guard let field = plugin.schema.field(named: name) else {
                    throw .invalidSchema(
                        id: plugin.id, origin: origin,
                        problem: SchemaError(field: name, reason: "the POI type \(types) implies a field the kind lacks"))
                }
                do {
                    _ = try field.parse(text)
                } catch {
                    throw .invalidSchema(
                        id: plugin.id, origin: origin,
                        problem: SchemaError(field: name, reason: "the POI type \(types) implies \(error.reason)"))
                }
            }
        }
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
