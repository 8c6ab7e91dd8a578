/// What a read decodes and hands to the visitor. Whatever is not asked for is skipped without being
/// decoded, which is where most of a read's time goes: a network build's pass over ways asks for no
/// nodes at all, and its pass over nodes asks for no tags.
public struct OSMReadOptions: Hashable, Sendable {
    /// How much of one kind of element to deliver.
    public enum Selection: Hashable, Sendable {
        /// None of them.
        case skip
        /// All of them, with empty tags.
        case withoutTags
        /// All of them, with their tags.
        case all
        /// Only those with at least one tag, with their tags (points of interest among nodes).
        case taggedOnly

        var delivers: Bool { self != .skip }
        var wantsTags: Bool { self == .all || self == .taggedOnly }
    }

    public var nodes: Selection
    public var ways: Selection
    public var relations: Selection

    public init(nodes: Selection = .all, ways: Selection = .all, relations: Selection = .all) {
        self.nodes = nodes
        self.ways = ways
        self.relations = relations
    }

    /// Every element with its tags.
    public static let all = OSMReadOptions()
    /// Ways with their tags, and nothing else.
    public static let waysOnly = OSMReadOptions(nodes: .skip, ways: .all, relations: .skip)
    /// Node ids and coordinates, and nothing else.
    public static let nodeCoordinates = OSMReadOptions(nodes: .withoutTags, ways: .skip, relations: .skip)

    /// Whether only nodes are wanted, so that a file sorted by type can stop at its first way.
    var wantsOnlyNodes: Bool { nodes.delivers && !ways.delivers && !relations.delivers }
}
