/// Tag conditions that all must hold: `["amenity": "toilets"]`, `["leisure": "playground",
/// "access": "*"]`. The value `*` accepts any value of a key that is present.
public struct OSMTagFilter: Hashable, Sendable, CustomStringConvertible {
    /// Key → wanted value, or `*` for any value.
    public let conditions: [String: String]

    /// Fails for no conditions (which would match everything) or an empty key.
    public init(_ conditions: [String: String]) throws(OSMError) {
        guard !conditions.isEmpty else {
            throw OSMError(.invalidArgument, file: "", "a tag filter needs at least one key=value condition")
        }
        guard !conditions.keys.contains("") else {
            throw OSMError(.invalidArgument, file: "", "a tag filter has an empty key")
        }
        self.conditions = conditions
    }

    public func matches(_ tags: OSMTags) -> Bool {
        if tags.isEmpty { return false }
        for (key, wanted) in conditions {
            guard let value = tags[key], wanted == "*" || value == wanted else { return false }
        }
        return true
    }

    /// `amenity=toilets,leisure=*`, keys sorted.
    public var description: String {
        conditions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
