/// A facility kind. Swift plugins (targets under `Plugins/`) and manifest plugins (YAML files)
/// both conform, and both pass the same registration checks.
public protocol FacilityPlugin: Sendable {
    var descriptor: PluginDescriptor { get }
    var schema: AttributeSchema { get }
    /// How OpenStreetMap tags this kind, where it does.
    var osmMapping: OSMTagMapping? { get }
    /// The walking distance within which a facility of this kind serves its residents by default.
    var defaultCatchment: Catchment? { get }
}

extension FacilityPlugin {
    public var id: PluginID { descriptor.id }
    public var osmMapping: OSMTagMapping? { nil }
    public var defaultCatchment: Catchment? { nil }
}

/// Which OSM objects are facilities of a kind: any one of `match` (all its tags must be present;
/// the value `*` accepts any value), and which tags fill which attributes.
public struct OSMTagMapping: Hashable, Sendable {
    public var match: [[String: String]]
    /// Attribute field name → OSM key whose value is parsed into it.
    public var attributeTags: [String: String]

    public init(match: [[String: String]], attributeTags: [String: String] = [:]) {
        self.match = match
        self.attributeTags = attributeTags
    }

    /// Whether an object with these tags is of the kind.
    public func matches(_ tags: [String: String]) -> Bool {
        match.contains { condition in
            condition.allSatisfy { key, value in
                guard let actual = tags[key] else { return false }
                return value == "*" || actual == value
            }
        }
    }
}

/// A default catchment: how far residents are expected to walk to a facility of the kind, and
/// the standard that says so.
public struct Catchment: Hashable, Sendable {
    public var walkingDistanceMeters: Double
    public var source: String?

    public init(walkingDistanceMeters: Double, source: String? = nil) {
        self.walkingDistanceMeters = walkingDistanceMeters
        self.source = source
    }
}
