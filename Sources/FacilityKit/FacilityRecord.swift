public import GeoCore

/// One facility in the registry: where it is (EPSG:4326), what it is, and when it was open.
public struct FacilityRecord: Hashable, Sendable {
    public var id: FacilityID
    public var kind: PluginID
    public var name: String
    /// Longitude/latitude in EPSG:4326, the registry's storage system.
    public var location: Coordinate
    public var attributes: [String: AttributeValue]
    /// The first day open; nil when unknown (taken as always open before).
    public var opened: CivilDate?
    /// The first day closed; nil while open.
    public var closed: CivilDate?

    public init(
        id: FacilityID, kind: PluginID, name: String, location: Coordinate,
        attributes: [String: AttributeValue] = [:], opened: CivilDate? = nil, closed: CivilDate? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.location = location
        self.attributes = attributes
        self.opened = opened
        self.closed = closed
    }

    /// Whether the facility was open on the date: opened on or before it, not yet closed.
    public func isOpen(on date: CivilDate) -> Bool {
        if let opened, opened > date { return false }
        if let closed, closed <= date { return false }
        return true
    }
}
