/// A facility kind. Swift plugins (targets under `Plugins/`) and manifest plugins (YAML files)
/// both conform, and both pass the same registration checks.
public protocol FacilityPlugin: Sendable {
    var descriptor: PluginDescriptor { get }
    var schema: AttributeSchema { get }
    /// How OpenStreetMap tags this kind, where it does.
    var osmMapping: OSMTagMapping? { get }
    /// How AMap (高德) typecodes and Baidu tags type this kind, where they do.
    var poiMapping: POITypeMapping? { get }
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
    public var poiMapping: POITypeMapping? { nil }
    public var defaultCatchment: Catchment? { nil }
    public var rules: [Rule] { [] }
    public func derivedAttributes(from attributes: [String: AttributeValue]) -> [String: AttributeValue] { [:] }
    public var derivedFields: [FieldSpec] { [] }

    /// The typed attributes with the derived ones added.
    public func attributesWithDerived(_ attributes: [String: AttributeValue]) -> [String: AttributeValue] {
        attributes.merging(derivedAttributes(from: attributes)) { typed, _ in typed }
    }
}

/// Which OSM objects are facilities of a kind: any one of `conditions` (all its tags must be present;
/// the value `*` accepts any value), what each condition says about the facility, and which tags fill
/// which attributes.
public struct OSMTagMapping: Hashable, Sendable {
    /// One way OSM tags the kind, and the attribute values that way of tagging implies:
    /// `amenity=kindergarten` is a life-circle service whose category is `kindergarten`.
    public struct TagCondition: Hashable, Sendable {
        public var tags: [String: String]
        /// Field name → value, written as a list cell would hold it (an enum value, `yes`, `3`).
        public var impliedAttributes: [String: String]

        public init(_ tags: [String: String], implies impliedAttributes: [String: String] = [:]) {
            self.tags = tags
            self.impliedAttributes = impliedAttributes
        }

        /// Whether an object with these tags meets the condition.
        public func matches(_ tags: [String: String]) -> Bool {
            self.tags.allSatisfy { key, value in
                guard let actual = tags[key] else { return false }
                return value == "*" || actual == value
            }
        }
    }

    /// In order: where several match, the first one's implied attributes apply, so the more
    /// specific conditions come first (`amenity=school` with `isced:level=1` before `amenity=school`).
    public var conditions: [TagCondition]
    /// Attribute field name → OSM key whose value is parsed into it.
    public var attributeTags: [String: String]

    public init(conditions: [TagCondition], attributeTags: [String: String] = [:]) {
        self.conditions = conditions
        self.attributeTags = attributeTags
    }

    /// Conditions that imply no attribute values (the manifest format's `match:` list).
    public init(match: [[String: String]], attributeTags: [String: String] = [:]) {
        self.init(conditions: match.map { TagCondition($0) }, attributeTags: attributeTags)
    }

    /// The tag sets of the conditions.
    public var match: [[String: String]] { conditions.map(\.tags) }

    /// Whether an object with these tags is of the kind.
    public func matches(_ tags: [String: String]) -> Bool {
        conditions.contains { $0.matches(tags) }
    }

    /// The first condition an object with these tags meets.
    public func firstMatch(_ tags: [String: String]) -> TagCondition? {
        conditions.first { $0.matches(tags) }
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
