/// GeoJSON geometry objects (RFC 7946 §3.1): `"type"` with `"coordinates"`, or `"geometries"` for a
/// collection. Positions are written `[x, y]`; a third (or further) number is read and ignored.
///
/// Reading checks what RFC 7946 requires of the shapes (a LineString has two positions or more, a
/// Polygon ring four or more and ends where it starts) and throws `GeoCoreError.invalidGeoJSON`
/// naming the place, e.g. `features[12].geometry.coordinates[0]: a Polygon ring needs at least 4
/// positions, found 3`. Errors of the JSON structure itself come out of the decoder as
/// `DecodingError`; `GeoJSONDocument` turns those into `GeoCoreError` too.
extension Geometry: Codable {
    enum GeoJSONKey: String, CodingKey {
        case type, coordinates, geometries
    }

    /// Every GeoJSON geometry type name, in RFC order.
    static let geoJSONTypeNames = [
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: GeoJSONKey.self)
        let type = try container.decode(String.self, forKey: .type)
        let path = GeoCoreError.geoJSONPath(decoder.codingPath, member: "coordinates")
        func coordinates<T: Decodable>(_: T.Type) throws -> T {
            try container.decode(T.self, forKey: .coordinates)
        }
        switch type {
        case "Point":
            self = .point(try Self.position(coordinates([Double].self), at: path))
        case "MultiPoint":
            self = .multiPoint(try Self.positions(coordinates([[Double]].self), at: path))
        case "LineString":
            self = .lineString(try Self.line(coordinates([[Double]].self), at: path))
        case "MultiLineString":
            self = .multiLineString(try Self.lines(coordinates([[[Double]]].self), at: path))
        case "Polygon":
            self = .polygon(try Self.rings(coordinates([[[Double]]].self), at: path))
        case "MultiPolygon":
            let raw = try coordinates([[[[Double]]]].self)
            var polygons: [[[Coordinate]]] = []
            polygons.reserveCapacity(raw.count)
            for (i, polygon) in raw.enumerated() {
                polygons.append(try Self.rings(polygon, at: "\(path)[\(i)]"))
            }
            self = .multiPolygon(polygons)
        case "GeometryCollection":
            self = .geometryCollection(try container.decode([Geometry].self, forKey: .geometries))
        default:
            throw GeoCoreError.invalidGeoJSON(
                at: GeoCoreError.geoJSONPath(decoder.codingPath, member: "type"),
                "unknown geometry type \"\(type)\"; expected one of \(Self.geoJSONTypeNames.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: GeoJSONKey.self)
        try container.encode(typeName, forKey: .type)
        func numbers(_ c: Coordinate) -> [Double] { [c.x, c.y] }
        switch self {
        case .point(let c):
            try container.encode(numbers(c), forKey: .coordinates)
        case .multiPoint(let cs), .lineString(let cs):
            try container.encode(cs.map(numbers), forKey: .coordinates)
        case .multiLineString(let lines), .polygon(let lines):
            try container.encode(lines.map { $0.map(numbers) }, forKey: .coordinates)
        case .multiPolygon(let polygons):
            try container.encode(polygons.map { $0.map { $0.map(numbers) } }, forKey: .coordinates)
        case .geometryCollection(let members):
            try container.encode(members, forKey: .geometries)
        }
    }
}

// MARK: - Reading positions

extension Geometry {
    private static func position(_ numbers: [Double], at path: @autoclosure () -> String) throws(GeoCoreError)
        -> Coordinate
    {
        guard numbers.count >= 2 else {
            throw .invalidGeoJSON(at: path(), "a position needs at least 2 numbers, found \(numbers.count)")
        }
        return Coordinate(x: numbers[0], y: numbers[1])
    }

    private static func positions(_ raw: [[Double]], at path: @autoclosure () -> String) throws(GeoCoreError)
        -> [Coordinate]
    {
        var out: [Coordinate] = []
        out.reserveCapacity(raw.count)
        for (i, numbers) in raw.enumerated() {
            out.append(try position(numbers, at: "\(path())[\(i)]"))
        }
        return out
    }

    private static func line(_ raw: [[Double]], at path: @autoclosure () -> String) throws(GeoCoreError)
        -> [Coordinate]
    {
        guard raw.count >= 2 else {
            throw .invalidGeoJSON(at: path(), "a LineString needs at least 2 positions, found \(raw.count)")
        }
        return try positions(raw, at: path())
    }

    private static func lines(_ raw: [[[Double]]], at path: @autoclosure () -> String) throws(GeoCoreError)
        -> [[Coordinate]]
    {
        var out: [[Coordinate]] = []
        out.reserveCapacity(raw.count)
        for (i, member) in raw.enumerated() {
            out.append(try line(member, at: "\(path())[\(i)]"))
        }
        return out
    }

    /// A polygon's rings: each a closed line of four positions or more.
    private static func rings(_ raw: [[[Double]]], at path: @autoclosure () -> String) throws(GeoCoreError)
        -> [[Coordinate]]
    {
        var out: [[Coordinate]] = []
        out.reserveCapacity(raw.count)
        for (i, member) in raw.enumerated() {
            guard member.count >= 4 else {
                throw .invalidGeoJSON(
                    at: "\(path())[\(i)]", "a Polygon ring needs at least 4 positions, found \(member.count)")
            }
            let ring = try positions(member, at: "\(path())[\(i)]")
            guard ring.first == ring.last else {
                throw .invalidGeoJSON(
                    at: "\(path())[\(i)]", "a Polygon ring must end where it starts (first and last positions equal)")
            }
            out.append(ring)
        }
        return out
    }
}
