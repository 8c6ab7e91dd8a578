/// A relation: members (nodes, ways, relations) with roles, and tags.
public struct OSMRelation: Hashable, Sendable {
    /// One member of a relation.
    public struct Member: Hashable, Sendable {
        public var element: OSMElementID
        public var role: String

        public init(element: OSMElementID, role: String) {
            self.element = element
            self.role = role
        }
    }

    public var id: OSMRelationID
    public var members: [Member]
    public var tags: OSMTags

    public init(id: OSMRelationID, members: [Member], tags: OSMTags = OSMTags()) {
        self.id = id
        self.members = members
        self.tags = tags
    }
}
