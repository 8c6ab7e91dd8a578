internal import CGEOS
public import GeoCore

extension PlanarGeometry {
    /// GEOS's copy of `geometry`, built from coordinate sequences directly.
    ///
    /// Throws `.invalidGeometry` naming the place (GeoJSON-style, e.g. `coordinates[1]`) for a coordinate that
    /// is not finite, a line string of a single position, or a ring of fewer than four positions or one that
    /// does not end where it starts. Empty geometries are kept as GEOS empties (`.polygon([])` is
    /// `POLYGON EMPTY`). Validity (self-intersections, holes outside shells) is not checked here: see
    /// `validity()` and `makeValid(method:)`.
    public convenience init(_ geometry: Geometry, in engine: GeometryEngine) throws(GeometryOpsError) {
        var builder = GEOSBuilder(engine, operation: "convert")
        let pointer = try builder.build(geometry, at: "")
        self.init(owning: pointer, in: engine)
    }

    /// The geometry as a GeoCore value. A `LinearRing` becomes a `.lineString`; an empty point, which GeoCore
    /// cannot hold, becomes an empty `.multiPoint`; empty parts of multi-geometries are left out.
    public func geometry() throws(GeometryOpsError) -> Geometry {
        var reader = GEOSReader(engine)
        return try reader.read(pointer)
    }
}

/// Builds GEOS geometries from GeoCore values; every pointer it returns is owned by the caller.
struct GEOSBuilder {
    let engine: GeometryEngine
    let operation: String
    /// Reused between sequences: x0, y0, x1, y1, …
    private var scratch: [Double] = []

    init(_ engine: GeometryEngine, operation: String) {
        self.engine = engine
        self.operation = operation
    }

    private func invalid(_ path: String, _ message: String) -> GeometryOpsError {
        let place = path.isEmpty ? "" : "\(path): "
        return GeometryOpsError(.invalidGeometry, operation: operation, place + message)
    }

    private func failed(_ path: String, _ what: String) -> GeometryOpsError {
        let place = path.isEmpty ? "" : "\(path): "
        return engine.failure(.invalidGeometry, operation, "\(place)GEOS could not make \(what)")
    }

    private static func join(_ path: String, _ member: String) -> String {
        path.isEmpty ? member : "\(path).\(member)"
    }

    mutating func build(_ geometry: Geometry, at path: String) throws(GeometryOpsError) -> OpaquePointer {
        let coordinates = Self.join(path, "coordinates")
        switch geometry {
        case .point(let c):
            return try point(c, at: coordinates)
        case .multiPoint(let cs):
            let members = GeometryList(engine, capacity: cs.count)
            for (i, c) in cs.enumerated() {
                members.append(try point(c, at: "\(coordinates)[\(i)]"))
            }
            return try members.collection(.multiPoint, operation)
        case .lineString(let cs):
            return try lineString(cs, at: coordinates)
        case .multiLineString(let lines):
            let members = GeometryList(engine, capacity: lines.count)
            for (i, line) in lines.enumerated() {
                members.append(try lineString(line, at: "\(coordinates)[\(i)]"))
            }
            return try members.collection(.multiLineString, operation)
        case .polygon(let rings):
            return try polygon(rings, at: coordinates)
        case .multiPolygon(let polygons):
            let members = GeometryList(engine, capacity: polygons.count)
            for (i, rings) in polygons.enumerated() {
                members.append(try polygon(rings, at: "\(coordinates)[\(i)]"))
            }
            return try members.collection(.multiPolygon, operation)
        case .geometryCollection(let geometries):
            let members = GeometryList(engine, capacity: geometries.count)
            for (i, member) in geometries.enumerated() {
                members.append(try build(member, at: Self.join(path, "geometries[\(i)]")))
            }
            return try members.collection(.geometryCollection, operation)
        }
    }

    func point(_ c: Coordinate, at path: String) throws(GeometryOpsError) -> OpaquePointer {
        guard c.isFinite else { throw invalid(path, "coordinates must be finite numbers, found \(c)") }
        engine.resetMessages()
        guard let point = GEOSGeom_createPointFromXY_r(engine.handle, c.x, c.y) else {
            throw failed(path, "a point")
        }
        return point
    }

    mutating func lineString(_ cs: [Coordinate], at path: String) throws(GeometryOpsError) -> OpaquePointer {
        engine.resetMessages()
        if cs.isEmpty {
            guard let empty = GEOSGeom_createEmptyLineString_r(engine.handle) else {
                throw failed(path, "an empty line string")
            }
            return empty
        }
        guard cs.count >= 2 else {
            throw invalid(path, "a line string needs at least 2 positions (or none), found \(cs.count)")
        }
        let sequence = try self.sequence(cs, at: path)
        engine.resetMessages()
        // GEOS takes ownership of the sequence, also when it fails.
        guard let line = GEOSGeom_createLineString_r(engine.handle, sequence) else {
            throw failed(path, "a line string")
        }
        return line
    }

    mutating func ring(_ cs: [Coordinate], at path: String) throws(GeometryOpsError) -> OpaquePointer {
        guard cs.count >= 4 else {
            throw invalid(path, "a polygon ring needs at least 4 positions, found \(cs.count)")
        }
        guard cs.first == cs.last else {
            throw invalid(path, "a polygon ring must end where it starts (first and last positions equal)")
        }
        let sequence = try self.sequence(cs, at: path)
        engine.resetMessages()
        guard let ring = GEOSGeom_createLinearRing_r(engine.handle, sequence) else {
            throw failed(path, "a ring")
        }
        return ring
    }

    mutating func polygon(_ rings: [[Coordinate]], at path: String) throws(GeometryOpsError) -> OpaquePointer {
        let list = GeometryList(engine, capacity: rings.count)
        for (i, ring) in rings.enumerated() {
            list.append(try self.ring(ring, at: "\(path)[\(i)]"))
        }
        return try list.polygon(operation, at: path)
    }

    /// A new coordinate sequence (x, y), owned by the caller.
    private mutating func sequence(_ cs: [Coordinate], at path: String) throws(GeometryOpsError) -> OpaquePointer {
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(cs.count * 2)
        for (i, c) in cs.enumerated() {
            guard c.isFinite else { throw invalid("\(path)[\(i)]", "coordinates must be finite numbers, found \(c)") }
            scratch.append(c.x)
            scratch.append(c.y)
        }
        engine.resetMessages()
        let handle = engine.handle
        let sequence = scratch.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(handle, $0.baseAddress, UInt32(cs.count), 0, 0)
        }
        guard let sequence else { throw failed(path, "a coordinate sequence") }
        return sequence
    }
}

/// Reads GEOS geometries into GeoCore values, without taking ownership.
struct GEOSReader {
    let engine: GeometryEngine
    private var scratch: [Double] = []

    init(_ engine: GeometryEngine) {
        self.engine = engine
    }

    private func failed(_ what: String) -> GeometryOpsError {
        engine.failure(.operationFailed, "geometry", "GEOS could not read \(what)")
    }

    mutating func read(_ g: OpaquePointer) throws(GeometryOpsError) -> Geometry {
        let handle = engine.handle
        engine.resetMessages()
        let rawType = GEOSGeomTypeId_r(handle, g)
        guard let type = GEOSTypeID(rawValue: rawType) else {
            throw GeometryOpsError(
                .invalidGeometry, operation: "geometry", "GEOS geometry type \(rawType) has no GeoJSON equivalent",
                geosMessage: engine.lastError)
        }
        switch type {
        case .point:
            guard let c = try coordinates(g).first else { return .multiPoint([]) }
            return .point(c)
        case .lineString, .linearRing:
            return .lineString(try coordinates(g))
        case .polygon:
            return .polygon(try rings(g))
        case .multiPoint:
            var points: [Coordinate] = []
            for member in try parts(g) {
                points.append(contentsOf: try coordinates(member).prefix(1))
            }
            return .multiPoint(points)
        case .multiLineString:
            var lines: [[Coordinate]] = []
            for member in try parts(g) {
                let line = try coordinates(member)
                if !line.isEmpty { lines.append(line) }
            }
            return .multiLineString(lines)
        case .multiPolygon:
            var polygons: [[[Coordinate]]] = []
            for member in try parts(g) {
                let rings = try rings(member)
                if !rings.isEmpty { polygons.append(rings) }
            }
            return .multiPolygon(polygons)
        case .geometryCollection:
            var members: [Geometry] = []
            for member in try parts(g) {
                members.append(try read(member))
            }
            return .geometryCollection(members)
        }
    }

    /// The members of a multi-geometry or collection, borrowed from it.
    private func parts(_ g: OpaquePointer) throws(GeometryOpsError) -> [OpaquePointer] {
        let handle = engine.handle
        engine.resetMessages()
        let count = GEOSGetNumGeometries_r(handle, g)
        guard count >= 0 else { throw failed("the parts of a collection") }
        var members: [OpaquePointer] = []
        members.reserveCapacity(Int(count))
        for i in 0..<count {
            guard let member = GEOSGetGeometryN_r(handle, g, i) else { throw failed("part \(i) of a collection") }
            members.append(member)
        }
        return members
    }

    /// A polygon's rings, shell first; none for an empty polygon.
    private mutating func rings(_ polygon: OpaquePointer) throws(GeometryOpsError) -> [[Coordinate]] {
        let handle = engine.handle
        engine.resetMessages()
        switch GEOSisEmpty_r(handle, polygon) {
        case 1: return []
        case 0: break
        default: throw failed("a polygon")
        }
        guard let shell = GEOSGetExteriorRing_r(handle, polygon) else { throw failed("a polygon's shell") }
        let holeCount = GEOSGetNumInteriorRings_r(handle, polygon)
        guard holeCount >= 0 else { throw failed("a polygon's holes") }
        var rings = [try coordinates(shell)]
        for i in 0..<holeCount {
            guard let hole = GEOSGetInteriorRingN_r(handle, polygon, i) else { throw failed("hole \(i) of a polygon") }
            rings.append(try coordinates(hole))
        }
        return rings
    }

    /// The x, y of a point, line string or ring.
    private mutating func coordinates(_ g: OpaquePointer) throws(GeometryOpsError) -> [Coordinate] {
        let handle = engine.handle
        engine.resetMessages()
        guard let sequence = GEOSGeom_getCoordSeq_r(handle, g) else { throw failed("a coordinate sequence") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, sequence, &size) != 0 else { throw failed("a coordinate sequence") }
        guard size > 0 else { return [] }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: Int(size) * 2))
        let copied = scratch.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(handle, sequence, $0.baseAddress, 0, 0)
        }
        guard copied != 0 else { throw failed("a coordinate sequence") }
        var out: [Coordinate] = []
        out.reserveCapacity(Int(size))
        for i in 0..<Int(size) {
            out.append(Coordinate(x: scratch[2 * i], y: scratch[2 * i + 1]))
        }
        return out
    }
}
