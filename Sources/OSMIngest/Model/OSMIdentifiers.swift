/// The id of an OpenStreetMap node, as the file gives it (negative in files not yet uploaded).
public struct OSMNodeID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (a: OSMNodeID, b: OSMNodeID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "n\(rawValue)" }
}

/// The id of an OpenStreetMap way.
public struct OSMWayID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (a: OSMWayID, b: OSMWayID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "w\(rawValue)" }
}

/// The id of an OpenStreetMap relation.
public struct OSMRelationID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (a: OSMRelationID, b: OSMRelationID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "r\(rawValue)" }
}

/// The three kinds of OpenStreetMap element.
public enum OSMElementKind: String, Hashable, Sendable, CaseIterable, Comparable {
    case node, way, relation

    private var order: Int {
        switch self {
        case .node: 0
        case .way: 1
        case .relation: 2
        }
    }

    public static func < (a: OSMElementKind, b: OSMElementKind) -> Bool { a.order < b.order }
}

/// Any element's identity: its kind and its id, written `n123`, `w45`, `r6` as osmium and OPL do.
/// Ordered as OSM files are sorted: nodes, then ways, then relations, each by id.
public struct OSMElementID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var kind: OSMElementKind
    public var id: Int64

    public init(kind: OSMElementKind, id: Int64) {
        self.kind = kind
        self.id = id
    }

    public static func node(_ id: OSMNodeID) -> OSMElementID { OSMElementID(kind: .node, id: id.rawValue) }
    public static func way(_ id: OSMWayID) -> OSMElementID { OSMElementID(kind: .way, id: id.rawValue) }
    public static func relation(_ id: OSMRelationID) -> OSMElementID { OSMElementID(kind: .relation, id: id.rawValue) }

    public static func < (a: OSMElementID, b: OSMElementID) -> Bool { (a.kind, a.id) < (b.kind, b.id) }

    public var description: String {
        switch kind {
        case .node: "n\(id)"
        case .way: "w\(id)"
        case .relation: "r\(id)"
        }
    }
}
