public import FacilityKit
public import GeoCore

/// One facility kind as a report names and draws it.
public struct FacilityKindLayer: Hashable, Sendable {
    public var kind: PluginID
    /// The kind's name, e.g. 托育机构 / childcare.
    public var name: LocalizedText
    /// Labels of the kind's fields (`places` → 托位 / places), for supply units and missing-data lists.
    public var fieldLabels: [String: LocalizedText]
    /// Where the kind's facilities are (EPSG:4326), drawn on the overview map; may be empty.
    public var locations: [Coordinate]

    public init(
        kind: PluginID, name: LocalizedText, fieldLabels: [String: LocalizedText] = [:], locations: [Coordinate] = []
    ) {
        self.kind = kind
        self.name = name
        self.fieldLabels = fieldLabels
        self.locations = locations
    }

    /// A layer named from a plugin's descriptor, with the field labels of its schema.
    public init(descriptor: PluginDescriptor, schema: AttributeSchema, locations: [Coordinate] = []) {
        var labels: [String: LocalizedText] = [:]
        for field in schema.fields { labels[field.name] = field.label }
        self.init(kind: descriptor.id, name: descriptor.name, fieldLabels: labels, locations: locations)
    }
}
