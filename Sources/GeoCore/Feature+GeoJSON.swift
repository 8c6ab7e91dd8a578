/// GeoJSON feature objects (RFC 7946 §3.2). Reading accepts a `"geometry"` or `"properties"` that is
/// null or missing (as GDAL does); writing always emits both, `null` for no geometry and `{}` for no
/// properties. An `"id"` must be a string or a number.
extension Feature: Codable {
    enum GeoJSONKey: String, CodingKey {
        case type, id, geometry, properties
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: GeoJSONKey.self)
        try GeoJSONType.expect("Feature", in: container, key: .type, codingPath: decoder.codingPath)
        switch try container.decodeIfPresent(JSONValue.self, forKey: .id) {
        case nil, .null?: id = nil
        case let value? where value.stringValue != nil || value.numberValue != nil: id = value
        case .some:
            throw GeoCoreError.invalidGeoJSON(
                at: GeoCoreError.geoJSONPath(decoder.codingPath, member: "id"),
                "a Feature id must be a string or a number")
        }
        geometry = try container.decodeIfPresent(Geometry.self, forKey: .geometry)
        properties = try container.decodeIfPresent([String: JSONValue].self, forKey: .properties) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: GeoJSONKey.self)
        try container.encode("Feature", forKey: .type)
        try container.encodeIfPresent(id, forKey: .id)
        if let geometry {
            try container.encode(geometry, forKey: .geometry)
        } else {
            try container.encodeNil(forKey: .geometry)
        }
        try container.encode(properties, forKey: .properties)
    }
}

/// GeoJSON feature collections (RFC 7946 §3.3): `"type": "FeatureCollection"` and `"features"`.
extension FeatureCollection: Codable {
    enum GeoJSONKey: String, CodingKey {
        case type, features
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: GeoJSONKey.self)
        try GeoJSONType.expect("FeatureCollection", in: container, key: .type, codingPath: decoder.codingPath)
        features = try container.decode([Feature].self, forKey: .features)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: GeoJSONKey.self)
        try container.encode("FeatureCollection", forKey: .type)
        try container.encode(features, forKey: .features)
    }
}

/// Checks of the `"type"` member.
enum GeoJSONType {
    /// Throws unless the object's `"type"` is `expected`.
    static func expect<Key: CodingKey>(
        _ expected: String, in container: KeyedDecodingContainer<Key>, key: Key, codingPath: [any CodingKey]
    ) throws {
        let found = try container.decode(String.self, forKey: key)
        guard found == expected else {
            throw GeoCoreError.invalidGeoJSON(
                at: GeoCoreError.geoJSONPath(codingPath, member: "type"), "expected \"\(expected)\", found \"\(found)\""
            )
        }
    }
}
