/// A simple-features geometry, one case per GeoJSON (RFC 7946) type. Rings are closed
/// (first == last); polygons list the outer ring first, holes after.
public indirect enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString([Coordinate])
    case multiLineString([[Coordinate]])
    case polygon([[Coordinate]])
    case multiPolygon([[[Coordinate]]])
    case geometryCollection([Geometry])

    /// The GeoJSON / OGC type name.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Every coordinate, in order.
    public var coordinates: [Coordinate] {
        switch self {
        case .point(let c): [c]
        case .multiPoint(let cs), .lineString(let cs): cs
        case .multiLineString(let lines), .polygon(let lines): lines.flatMap { $0 }
        case .multiPolygon(let polygons): polygons.flatMap { $0.flatMap { $0 } }
        case .geometryCollection(let members): members.flatMap(\.coordinates)
        }
    }

    /// The envelope; nil for an empty geometry.
    public var boundingBox: BoundingBox? { BoundingBox(covering: coordinates) }

    public var isEmpty: Bool { coordinates.isEmpty }

    /// The same geometry with every coordinate passed through `transform`, structure kept.
    public func mapCoordinates<E: Error>(_ transform: (Coordinate) throws(E) -> Coordinate) throws(E) -> Geometry {
        func ring(_ cs: [Coordinate]) throws(E) -> [Coordinate] {
            var out: [Coordinate] = []
            out.reserveCapacity(cs.count)
            for c in cs { out.append(try transform(c)) }
            return out
        }
        func rings(_ rs: [[Coordinate]]) throws(E) -> [[Coordinate]] {
            var out: [[Coordinate]] = []
            for r in rs { out.append(try ring(r)) }
            return out
        }
        switch self {
        case .point(let c): return .point(try transform(c))
        case .multiPoint(let cs): return .multiPoint(try ring(cs))
        case .lineString(let cs): return .lineString(try ring(cs))
        case .multiLineString(let ls): return .multiLineString(try rings(ls))
        case .polygon(let rs): return .polygon(try rings(rs))
        case .multiPolygon(let ps):
            var out: [[[Coordinate]]] = []
            for p in ps { out.append(try rings(p)) }
            return .multiPolygon(out)
        case .geometryCollection(let gs):
            var out: [Geometry] = []
            for g in gs { out.append(try g.mapCoordinates(transform)) }
            return .geometryCollection(out)
        }
    }
}
