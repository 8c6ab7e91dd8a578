/// Which OpenStreetMap ways a person may walk along, as versioned data (`GeoData/profiles/*.yaml`,
/// in the spirit of OSRM's `foot.lua` with its `api_version`).
///
/// ``isWalkable(_:)`` applies these rules in order; the first that decides wins (``evaluate(_:)`` says which):
///
/// 1. `area=yes` on a way: excluded when ``excludesAreas`` (a pedestrian area is a polygon, and its
///    outline is no street).
/// 2. No `highway` tag and no ``features`` match: excluded.
/// 3. `highway` in ``neverHighways`` (not built or gone): excluded, whatever `foot` says.
/// 4. A tag in ``excludedTags`` with a listed value (e.g. alpine `sac_scale`): excluded.
/// 5. `highway=steps` when steps are not allowed: excluded, unless a tag of ``stepsPassableWith`` is `yes`.
/// 6. `foot` in ``footDeny``: excluded.
/// 7. `foot` in ``footAllow``: included, on any highway (a cycleway or a motorway link with `foot=yes`).
/// 8. `access` in ``accessDeny``: excluded (`foot` did not allow it in rule 7).
/// 9. `highway` in ``walkableHighways`` (or `steps` that rule 5 let through), or a ``features`` match: included.
/// 10. `highway` in ``sidewalkHighways`` with a sidewalk on the road (`sidewalk=both|left|right|yes`,
///     or `sidewalk:both|left|right=yes`): included.
/// 11. Anything else: excluded.
///
/// Tag values are compared as written, after trimming spaces; for a list value (`yes;no`) the first
/// entry counts.
public struct WalkingProfile: Hashable, Sendable {
    /// The profile format this module reads (`format:` in the YAML).
    public static let formatVersion = 1

    /// Lower snake case, e.g. `walk`; the file is `<id>.yaml`.
    public let id: String
    /// The profile's own version (`1.0.0`), recorded with every analysis that uses it.
    public let version: String
    public let name: String
    public let summary: String
    /// Walkable `highway` values, except `steps`, which ``stepsAllowed`` governs.
    public let walkableHighways: Set<String>
    public let sidewalkHighways: Set<String>
    public let neverHighways: Set<String>
    public let footAllow: Set<String>
    public let footDeny: Set<String>
    public let accessDeny: Set<String>
    public let stepsAllowed: Bool
    public let stepsPassableWith: [String]
    public let excludesAreas: Bool
    /// Tag key → values that exclude a way whatever else it says.
    public let excludedTags: [String: Set<String>]
    /// Tag key → values that make a way walkable without a `highway` tag (`railway: [platform]`).
    public let features: [String: Set<String>]

    /// The two tag tables in key order, so the reason given is the same from run to run.
    private let orderedExclusions: [TagRule]
    private let orderedFeatures: [TagRule]

    private struct TagRule: Hashable, Sendable {
        var key: String
        var values: Set<String>
    }

    public init(
        id: String, version: String, name: String = "", summary: String = "",
        walkableHighways: Set<String>, sidewalkHighways: Set<String> = [], neverHighways: Set<String> = [],
        footAllow: Set<String> = ["yes", "designated", "permissive"], footDeny: Set<String> = ["no", "private"],
        accessDeny: Set<String> = ["no", "private"], stepsAllowed: Bool = true, stepsPassableWith: [String] = [],
        excludesAreas: Bool = true, excludedTags: [String: Set<String>] = [:], features: [String: Set<String>] = [:]
    ) throws(WalkNetworkError) {
        if let problem = Self.problem(withID: id) { throw .invalidArgument("walking profile id \(problem)") }
        if let problem = Self.problem(withVersion: version) {
            throw .invalidArgument("walking profile '\(id)': version \(problem)")
        }
        if walkableHighways.contains("steps") {
            throw .invalidArgument(
                "walking profile '\(id)': steps are governed by stepsAllowed, not by the list of walkable highways")
        }
        self.id = id
        self.version = version
        self.name = name
        self.summary = summary
        self.walkableHighways = walkableHighways
        self.sidewalkHighways = sidewalkHighways
        self.neverHighways = neverHighways
        self.footAllow = footAllow
        self.footDeny = footDeny
        self.accessDeny = accessDeny
        self.stepsAllowed = stepsAllowed
        self.stepsPassableWith = stepsPassableWith
        self.excludesAreas = excludesAreas
        self.excludedTags = excludedTags
        self.features = features
        orderedExclusions = excludedTags.sorted { $0.key < $1.key }.map { TagRule(key: $0.key, values: $0.value) }
        orderedFeatures = features.sorted { $0.key < $1.key }.map { TagRule(key: $0.key, values: $0.value) }
    }

    /// Why `id` is not a profile id (lower snake case, e.g. `walk`), or nil when it is one.
    static func problem(withID id: String) -> String? {
        let valid =
            id.first.map { ("a"..."z").contains($0) } == true
            && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        return valid ? nil : "'\(id)' is not a valid id: use lower snake case, e.g. walk or stroller"
    }

    /// Why `version` is not a version (numbers separated by dots, e.g. `1.0.0`), or nil when it is one.
    static func problem(withVersion version: String) -> String? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            !parts.isEmpty && parts.count <= 4
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        return valid ? nil : "'\(version)' is not a version like 1.0.0"
    }

    /// `id@version`, as analyses record it.
    public var label: String { "\(id)@\(version)" }

    /// Why a way is or is not walkable: the rule of the list above that decided.
    public enum Reason: Hashable, Sendable {
        case area
        case noHighway
        case neverHighway(String)
        case excludedTag(key: String, value: String)
        case steps
        case footDenied(String)
        case footAllowed(String)
        case accessDenied(String)
        case listedHighway(String)
        case feature(key: String, value: String)
        case sidewalk(String)
        case unlistedHighway(String)
    }

    public struct Decision: Hashable, Sendable {
        public var isWalkable: Bool
        public var reason: Reason
    }

    public func isWalkable(_ tags: [String: String]) -> Bool {
        evaluate(tags).isWalkable
    }

    /// As ``isWalkable(_:)-([String:String])``, with the tags read through `tag` (key → value, nil when
    /// absent), so a reader can decide on its own tag storage without building a dictionary per way.
    public func isWalkable(tag: (String) -> String?) -> Bool {
        evaluate(tag: tag).isWalkable
    }

    /// The decision for a way's tags, with the rule that made it.
    public func evaluate(_ tags: [String: String]) -> Decision {
        evaluate { tags[$0] }
    }

    /// The decision for a way whose tags `tag` reads (key → value, nil when absent), with the rule that made
    /// it. Only the keys the rules name are asked for; a way with neither `highway` nor a feature key is
    /// decided (rule 2) after at most 2 + ``features``.count look-ups.
    public func evaluate(tag: (String) -> String?) -> Decision {
        func value(_ key: String) -> String? {
            guard let raw = tag(key) else { return nil }
            let first = raw.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = first.trimmingSpaces()
            return trimmed.isEmpty ? nil : trimmed
        }
        func no(_ reason: Reason) -> Decision { Decision(isWalkable: false, reason: reason) }
        func yes(_ reason: Reason) -> Decision { Decision(isWalkable: true, reason: reason) }

        if excludesAreas, value("area") == "yes" { return no(.area) }
        let highway = value("highway")
        var feature: (key: String, value: String)?
        for rule in orderedFeatures {
            if let v = value(rule.key), rule.values.contains(v) {
                feature = (rule.key, v)
                break
            }
        }
        guard highway != nil || feature != nil else { return no(.noHighway) }
        if let highway, neverHighways.contains(highway) { return no(.neverHighway(highway)) }
        for rule in orderedExclusions {
            if let v = value(rule.key), rule.values.contains(v) { return no(.excludedTag(key: rule.key, value: v)) }
        }
        if highway == "steps", !stepsAllowed, !stepsPassableWith.contains(where: { value($0) == "yes" }) {
            return no(.steps)
        }
        if let foot = value("foot") {
            if footDeny.contains(foot) { return no(.footDenied(foot)) }
            if footAllow.contains(foot) { return yes(.footAllowed(foot)) }
        }
        if let access = value("access"), accessDeny.contains(access) { return no(.accessDenied(access)) }
        if let highway, highway == "steps" || walkableHighways.contains(highway) { return yes(.listedHighway(highway)) }
        if let feature { return yes(.feature(key: feature.key, value: feature.value)) }
        if let highway, sidewalkHighways.contains(highway) {
            let onRoad: Set<String> = ["both", "left", "right", "yes"]
            if let sidewalk = value("sidewalk"), onRoad.contains(sidewalk) { return yes(.sidewalk(highway)) }
            if ["sidewalk:both", "sidewalk:left", "sidewalk:right"].contains(where: { value($0) == "yes" }) {
                return yes(.sidewalk(highway))
            }
        }
        return no(.unlistedHighway(highway ?? ""))
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
