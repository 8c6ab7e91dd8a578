/// A facility kind. Swift plugins (targets under `Plugins/`) and manifest plugins (YAML files)
/// both conform, and both pass the same registration checks.
public protocol FacilityPlugin: Sendable {
    var descriptor: PluginDescriptor { get }
    var schema: AttributeSchema { get }
    /// How OpenStreetMap tags this kind, where it does.
    var osmMapping: OSMTagMapping? { get }
    /// The walking distance within which a facility of this kind serves its residents by default.
    var defaultCatchment: Catchment? { get }
    /// The rules that come with the kind (e.g. the female:male stall ratio of 公厕). Plan profiles
    /// pick them by id and may set their own targets.
    var rules: [Rule] { get }
    /// Attributes computed from the typed ones, never typed in (a park's child-friendliness from its
    /// playground, shade and toilets). Conditions in rules may read them; `derivedFields` describes them.
    func derivedAttributes(from attributes: [String: AttributeValue]) -> [String: AttributeValue]
    var derivedFields: [FieldSpec] { get }
}

extension FacilityPlugin {
    public var id: PluginID { descriptor.id }
    public var osmMapping: OSMTagMapping? { nil }
    public var defaultCatchment: Catchment? { nil }
    public var rules: [Rule] { [] }
    public func derivedAttributes(from attributes: [String: AttributeValue]) -> [String: AttributeValue] { [:] }
    public var derivedFields: [FieldSpec] { [] }

    /// The typed attributes with the derived ones added.
    public func attributesWithDerived(_ attributes: [String: AttributeValue]) -> [String: AttributeValue] {
        attributes.merging(derivedAttributes(from: attributes)) { typed, _ in typed }
    }
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
