public import Foundation

/// A GeoJSON file's content: its features, its optional `"name"`, and the coordinate reference
/// system it declares with the pre-RFC 7946 (2008) `"crs"` member, if any.
///
/// Reading accepts a FeatureCollection, a single Feature or a bare geometry (which becomes one feature
/// with no properties). Every failure is a `GeoCoreError.invalidGeoJSON` naming the place, e.g.
/// `features[12].geometry.coordinates[0]: a Polygon ring needs at least 4 positions, found 3`.
///
/// Writing emits a FeatureCollection with sorted keys, so equal documents give equal bytes.
public struct GeoJSONDocument: Hashable, Sendable {
    public var featureCollection: FeatureCollection
    /// The `"name"` member GDAL and QGIS write (the layer name).
    public var name: String?
    /// The CRS the legacy `"crs"` member names, normalised to `EPSG:<code>` where it is an EPSG or OGC
    /// CRS (`urn:ogc:def:crs:EPSG::4490` → `EPSG:4490`, `urn:ogc:def:crs:OGC:1.3:CRS84` → `EPSG:4326`),
    /// otherwise the name as written. Nil when the file declares none: RFC 7946 data is then
    /// WGS 84 longitude/latitude.
    public var declaredCRS: String?

    public init(_ featureCollection: FeatureCollection, name: String? = nil, declaredCRS: String? = nil) {
        self.featureCollection = featureCollection
        self.name = name
        self.declaredCRS = declaredCRS
    }

    /// Reads GeoJSON text. A FeatureCollection is read one feature at a time: the text is checked by
    /// `JSONScanner` (syntax with line and column, nesting depth, repeated keys) and each feature is
    /// decoded on its own, so memory holds the features and not a tree of the whole file.
    public init(data: Data) throws(GeoCoreError) {
        var given: Data? = data
        try self.init(chunks: {
            defer { given = nil }
            return given.map { [UInt8]($0) }
        })
    }

    /// Reads GeoJSON text that arrives in chunks (nil at the end), as ``init(data:)`` does: memory holds a
    /// chunk and the features read, so text that is not GeoJSON fails where it stops being so, whatever
    /// follows. A reader that fails returns nil and reports its own error.
    public init(chunks: @escaping () -> [UInt8]?) throws(GeoCoreError) {
        var scanner = JSONScanner(chunks: chunks)
        let decoder = JSONDecoder()
        // The top level's members other than the features, those a decoder reads (others are skipped).
        var members: [(name: String, text: [UInt8])] = []
        var features: [Feature]?
        var featuresSeen = false
        do {
            guard scanner.peek() != nil else { throw scanner.error("the file is empty") }
            guard scanner.peek() == UInt8(ascii: "{") else {
                throw scanner.unexpected(expecting: "a GeoJSON object, starting with '{'")
            }
            scanner.offset += 1
            var keys: [String: (line: Int, column: Int)] = [:]
            if !scanner.consume(UInt8(ascii: "}")) {
                repeat {
                    let name = try scanner.key(in: &keys)
                    if name == "features" { featuresSeen = true }
                    if name == "features", scanner.peek() == UInt8(ascii: "[") {
                        features = try Self.readFeatures(&scanner, decoder: decoder)
                    } else {
                        _ = scanner.peek()
                        let start = scanner.offset
                        let kept = Self.decodedMembers.contains(name)
                        if kept { scanner.mark = start }
                        try scanner.skipValue(depth: 1)
                        if kept { members.append((name, scanner.text(from: start))) }
                        scanner.mark = nil
                    }
                } while scanner.consume(UInt8(ascii: ","))
                try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
            }
            if scanner.peek() != nil { throw scanner.unexpected(expecting: "the end of the text") }
        } catch let error as JSONScanner.SyntaxError {
            throw .invalidGeoJSON(error.description)
        } catch {
            throw error as? GeoCoreError ?? .invalidGeoJSON("\(error)")
        }

        func member<Value: Decodable>(_ name: String, as type: Value.Type) throws(GeoCoreError) -> Value? {
            guard let text = members.first(where: { $0.name == name })?.text else { return nil }
            do {
                return try decoder.decode(Value?.self, from: Data(text))
            } catch let error as DecodingError {
                throw GeoCoreError(geoJSON: error).within(name)
            } catch {
                throw (error as? GeoCoreError ?? .invalidGeoJSON("\(error)")).within(name)
            }
        }
        guard let type = try member("type", as: String.self) else {
            throw .invalidGeoJSON(at: "top level", "missing member \"type\"")
        }
        guard type == "FeatureCollection" else {
            // A Feature or a geometry: small, decoded whole from the members kept.
            self = try Self.decodeWhole(Self.object(members))
            return
        }
        guard let features else {
            if featuresSeen { throw .invalidGeoJSON(at: "features", "expected an array") }
            throw .invalidGeoJSON(at: "top level", "missing member \"features\"")
        }
        // A malformed name is not worth refusing the file for.
        let name = (try? member("name", as: String.self)) ?? nil
        let crs = try member("crs", as: LegacyCRS.self)?.identifier
        self.init(FeatureCollection(features: features), name: name, declaredCRS: crs)
    }

    /// The top-level members the decoders read: of a FeatureCollection, a Feature or a geometry.
    private static let decodedMembers: Set<String> = [
        "type", "name", "crs", "id", "geometry", "properties", "bbox", "coordinates", "geometries",
    ]

    /// An object of members already checked by the scanner.
    private static func object(_ members: [(name: String, text: [UInt8])]) -> Data {
        var data = Data("{".utf8)
        for (index, member) in members.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append((try? JSONEncoder().encode(member.name)) ?? Data("\"\"".utf8))
            data.append(UInt8(ascii: ":"))
            data.append(contentsOf: member.text)
        }
        data.append(UInt8(ascii: "}"))
        return data
    }

    private static func decodeWhole(_ data: Data) throws(GeoCoreError) -> GeoJSONDocument {
        do {
            return try JSONDecoder().decode(GeoJSONDocument.self, from: data)
        } catch let error as GeoCoreError {
            throw error
        } catch let error as DecodingError {
            throw GeoCoreError(geoJSON: error)
        } catch {
            throw .invalidGeoJSON("\(error)")
        }
    }

    /// The elements of `features`, each checked by the scanner and then decoded alone.
    private static func readFeatures(_ scanner: inout JSONScanner, decoder: JSONDecoder) throws -> [Feature] {
        try scanner.expect(UInt8(ascii: "["), "'['")
        var features: [Feature] = []
        if scanner.consume(UInt8(ascii: "]")) { return features }
        repeat {
            _ = scanner.peek()
            let start = scanner.offset
            scanner.mark = start
            try scanner.skipValue(depth: 2)
            let text = scanner.text(from: start)
            scanner.mark = nil
            let path = "features[\(features.count)]"
            do {
                features.append(try decoder.decode(Feature.self, from: Data(text)))
            } catch let error as DecodingError {
                throw GeoCoreError(geoJSON: error).within(path)
            } catch {
                throw (error as? GeoCoreError ?? .invalidGeoJSON("\(error)")).within(path)
            }
        } while scanner.consume(UInt8(ascii: ","))
        try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
        return features
    }

    /// GeoJSON text: a FeatureCollection with sorted keys; `"name"` when there is one, and a `"crs"`
    /// member when `declaredCRS` is set and is not WGS 84 (EPSG:4326), so GDAL and QGIS read the
    /// coordinates in the right system.
    public func encoded(prettyPrinted: Bool = false) throws(GeoCoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch let error as EncodingError {
            guard case .invalidValue(let value, let context) = error else { throw .invalidGeometry("\(error)") }
            throw .invalidGeometry(
                "\(GeoCoreError.geoJSONPath(context.codingPath)): \(value) cannot be written as a JSON number")
        } catch {
            throw .invalidGeometry("\(error)")
        }
    }
}

extension GeoJSONDocument: Codable {
    enum GeoJSONKey: String, CodingKey {
        case type, name, crs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: GeoJSONKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "FeatureCollection":
            featureCollection = try FeatureCollection(from: decoder)
        case "Feature":
            featureCollection = FeatureCollection(features: [try Feature(from: decoder)])
        case _ where Geometry.geoJSONTypeNames.contains(type):
            featureCollection = FeatureCollection(features: [Feature(geometry: try Geometry(from: decoder))])
        default:
            throw GeoCoreError.invalidGeoJSON(
                at: "type",
                "\"\(type)\" is not a GeoJSON type; expected FeatureCollection, Feature or a geometry type")
        }
        // A malformed name is not worth refusing the file for.
        name = (try? container.decodeIfPresent(String.self, forKey: .name)) ?? nil
        declaredCRS = try container.decodeIfPresent(LegacyCRS.self, forKey: .crs)?.identifier
    }

    public func encode(to encoder: any Encoder) throws {
        try featureCollection.encode(to: encoder)
        var container = encoder.container(keyedBy: GeoJSONKey.self)
        try container.encodeIfPresent(name, forKey: .name)
        if let declaredCRS, LegacyCRS.epsgCode(in: declaredCRS) != 4326 {
            try container.encode(LegacyCRS(naming: declaredCRS), forKey: .crs)
        }
    }
}

/// The 2008 GeoJSON `"crs"` member: `{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}}`,
/// or the older `{"type": "EPSG", "properties": {"code": 4490}}`. A `"crs"` of null means "unknown".
struct LegacyCRS: Codable {
    var type: String
    var properties: [String: JSONValue]

    enum CodingKeys: String, CodingKey {
        case type, properties
    }

    /// The named form GDAL writes: EPSG codes as OGC URNs, anything else as given.
    init(naming crs: String) {
        type = "name"
        let name = Self.epsgCode(in: crs).map { "urn:ogc:def:crs:EPSG::\($0)" } ?? crs
        properties = ["name": .string(name)]
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        properties = try container.decodeIfPresent([String: JSONValue].self, forKey: .properties) ?? [:]
    }

    /// `EPSG:<code>` for EPSG and OGC names, the name itself otherwise. Throws for a `"link"` CRS
    /// (which would need fetching) or a malformed member, since guessing would mix systems silently.
    var identifier: String {
        get throws(GeoCoreError) {
            switch type.lowercased() {
            case "name":
                guard let name = properties["name"]?.stringValue?.trimmingCharacters(in: .whitespaces),
                    !name.isEmpty
                else { throw .invalidGeoJSON(at: "crs.properties.name", "a named CRS needs a name") }
                return Self.epsgCode(in: name).map { "EPSG:\($0)" } ?? name
            case "epsg":
                guard
                    let code = properties["code"]?.numberValue ?? properties["code"]?.stringValue.flatMap(Double.init),
                    code > 0, code.rounded() == code
                else { throw .invalidGeoJSON(at: "crs.properties.code", "an EPSG CRS needs a numeric code") }
                return "EPSG:\(Int(code))"
            default:
                throw .invalidGeoJSON(
                    at: "crs.type",
                    "a \"\(type)\" CRS is not supported, only a named one (\"type\": \"name\"); "
                        + "state the coordinate system explicitly instead")
            }
        }
    }

    /// The EPSG code a CRS name stands for: `EPSG:4490`, `urn:ogc:def:crs:EPSG::4490`,
    /// `urn:ogc:def:crs:EPSG:6.6:4490`, `http://www.opengis.net/def/crs/EPSG/0/4490`, and the OGC
    /// longitude-first CRSs `CRS84` (4326), `CRS83` (4269), `CRS27` (4267).
    static func epsgCode(in name: String) -> Int? {
        let upper = name.uppercased()
        let ogc = ["CRS84": 4326, "CRS83": 4269, "CRS27": 4267]
        let separators: Set<Character> = [":", "/"]
        let parts = upper.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard let last = parts.last else { return nil }
        if let code = ogc[last], upper == last || parts.contains("OGC") {
            return code
        }
        guard parts.contains("EPSG"), let code = Int(last), code > 0 else { return nil }
        return code
    }
}
