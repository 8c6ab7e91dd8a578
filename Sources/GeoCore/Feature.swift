/// A GeoJSON feature: a geometry (possibly none) with properties. RFC 7946 §3.2.
public struct Feature: Hashable, Sendable {
    public var id: JSONValue?
    public var geometry: Geometry?
    public var properties: [String: JSONValue]

    public init(id: JSONValue? = nil, geometry: Geometry?, properties: [String: JSONValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }
}

/// A GeoJSON feature collection. RFC 7946 §3.3. Coordinates are EPSG:4326 longitude/latitude
/// unless a caller that knows better says otherwise.
public struct FeatureCollection: Hashable, Sendable {
    public var features: [Feature]

    public init(features: [Feature]) {
        self.features = features
    }
}
