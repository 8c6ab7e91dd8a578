/// The tags of one element, in the order the file lists them. Most nodes have none, and an empty
/// `OSMTags` allocates nothing. Lookups are linear, which beats hashing for the handful of tags an
/// element carries.
public struct OSMTags: Hashable, Sendable, RandomAccessCollection, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// One `key=value` pair.
    public struct Tag: Hashable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    var storage: [Tag]

    /// No tags.
    public init() { storage = [] }

    /// The tags in the given order.
    public init(_ tags: [Tag]) { storage = tags }

    /// The pairs in the given order.
    public init(_ pairs: [(key: String, value: String)]) {
        storage = pairs.map { Tag(key: $0.key, value: $0.value) }
    }

    /// The pairs sorted by key, so that the same dictionary always gives the same tags.
    public init(_ dictionary: [String: String]) {
        storage = dictionary.sorted { $0.key < $1.key }.map { Tag(key: $0.key, value: $0.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        storage = elements.map { Tag(key: $0.0, value: $0.1) }
    }

    mutating func append(key: String, value: String) { storage.append(Tag(key: key, value: value)) }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Tag { storage[position] }

    /// The value of `key`, or nil. Should a file repeat a key, the first value wins.
    public subscript(key: String) -> String? {
        for tag in storage where tag.key == key { return tag.value }
        return nil
    }

    /// Whether `key` is present, with any value.
    public func contains(key: String) -> Bool { storage.contains { $0.key == key } }

    /// The tags as a dictionary; should a file repeat a key, the first value wins.
    public var dictionary: [String: String] {
        Dictionary(storage.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    public var description: String { storage.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
}
