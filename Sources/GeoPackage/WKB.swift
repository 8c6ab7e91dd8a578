import GeoCore

/// ISO well-known binary (ISO 19125 / SQL-MM), the geometry part of a GeoPackage blob. Writes 2D
/// little endian; reads either byte order, ISO Z/M/ZM codes and the older high-bit Z/M/SRID flags,
/// dropping Z and M values.
enum WKB {
    enum TypeCode: UInt32 {
        case point = 1, lineString, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

        var name: String {
            switch self {
            case .point: "Point"
            case .lineString: "LineString"
            case .polygon: "Polygon"
            case .multiPoint: "MultiPoint"
            case .multiLineString: "MultiLineString"
            case .multiPolygon: "MultiPolygon"
            case .geometryCollection: "GeometryCollection"
            }
        }
    }

    /// Collections nested deeper than this are refused rather than risking the stack.
    static let maximumDepth = 64

    // MARK: Writing

    static func write(_ geometry: Geometry, into out: inout ByteWriter) {
        func header(_ code: TypeCode) {
            out.byte(1)
            out.uint32(code.rawValue)
        }
        func points(_ cs: [Coordinate]) {
            out.uint32(UInt32(cs.count))
            for c in cs {
                out.double(c.x)
                out.double(c.y)
            }
        }
        func rings(_ rs: [[Coordinate]]) {
            out.uint32(UInt32(rs.count))
            for r in rs { points(r) }
        }
        switch geometry {
        case .point(let c):
            header(.point)
            out.double(c.x)
            out.double(c.y)
        case .lineString(let cs):
            header(.lineString)
            points(cs)
        case .polygon(let rs):
            header(.polygon)
            rings(rs)
        case .multiPoint(let cs):
            header(.multiPoint)
            out.uint32(UInt32(cs.count))
            for c in cs { write(.point(c), into: &out) }
        case .multiLineString(let ls):
            header(.multiLineString)
            out.uint32(UInt32(ls.count))
            for l in ls { write(.lineString(l), into: &out) }
        case .multiPolygon(let ps):
            header(.multiPolygon)
            out.uint32(UInt32(ps.count))
            for p in ps { write(.polygon(p), into: &out) }
        case .geometryCollection(let gs):
            header(.geometryCollection)
            out.uint32(UInt32(gs.count))
            for g in gs { write(g, into: &out) }
        }
    }

    // MARK: Reading

    /// Reads one geometry. An empty point (NaN coordinates) reads as nil: GeoCore has no empty point.
    static func read(_ reader: inout ByteReader, depth: Int = 0) throws(GeoPackageError) -> Geometry? {
        let (code, dimensions) = try typeHeader(&reader)
        switch code {
        case .point:
            let c = try coordinate(&reader, dimensions: dimensions)
            return c.x.isNaN && c.y.isNaN ? nil : .point(c)
        case .lineString:
            return .lineString(try coordinates(&reader, dimensions: dimensions))
        case .polygon:
            return .polygon(try rings(&reader, dimensions: dimensions))
        case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
            guard depth < maximumDepth else {
                throw GeoPackageError(.invalidGeometry, "collections are nested more than \(maximumDepth) deep")
            }
            let count = try count(&reader, minimumBytesEach: 5)
            var members: [Geometry] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                let start = reader.offset
                guard let member = try read(&reader, depth: depth + 1) else { continue }
                if let expected = memberCode(of: code), expected.name != member.typeName {
                    throw GeoPackageError(
                        .invalidGeometry,
                        "a \(code.name) holds a \(member.typeName) at byte \(start); expected \(expected.name)")
                }
                members.append(member)
            }
            return collection(code, members)
        }
    }

    private static func memberCode(of code: TypeCode) -> TypeCode? {
        switch code {
        case .multiPoint: .point
        case .multiLineString: .lineString
        case .multiPolygon: .polygon
        default: nil
        }
    }

    private static func collection(_ code: TypeCode, _ members: [Geometry]) -> Geometry {
        switch code {
        case .multiPoint:
            return .multiPoint(members.compactMap { if case .point(let c) = $0 { c } else { nil } })
        case .multiLineString:
            return .multiLineString(members.compactMap { if case .lineString(let l) = $0 { l } else { nil } })
        case .multiPolygon:
            return .multiPolygon(members.compactMap { if case .polygon(let p) = $0 { p } else { nil } })
        default:
            return .geometryCollection(members)
        }
    }

    /// Reads the byte order and type, returning the base type and the number of ordinates (2–4).
    private static func typeHeader(_ reader: inout ByteReader) throws(GeoPackageError) -> (TypeCode, Int) {
        let start = reader.offset
        switch try reader.byte() {
        case 0: reader.littleEndian = false
        case 1: reader.littleEndian = true
        case let other:
            throw GeoPackageError(.invalidGeometry, "WKB byte order at byte \(start) is \(other), not 0 or 1")
        }
        let raw = try reader.uint32()
        var hasZ = raw & 0x8000_0000 != 0
        var hasM = raw & 0x4000_0000 != 0
        if raw & 0x2000_0000 != 0 { try reader.skip(4) }  // EWKB SRID, superseded by the blob header
        var code = raw & 0x0FFF_FFFF
        switch code / 1000 {
        case 1: hasZ = true
        case 2: hasM = true
        case 3: (hasZ, hasM) = (true, true)
        default: break
        }
        code %= 1000
        guard let type = TypeCode(rawValue: code) else {
            throw GeoPackageError(
                .invalidGeometry, "WKB geometry type \(raw) at byte \(start) is not supported (only the 7 simple types)"
            )
        }
        return (type, 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0))
    }

    private static func count(_ reader: inout ByteReader, minimumBytesEach: Int) throws(GeoPackageError) -> Int {
        let start = reader.offset
        let n = Int(try reader.uint32())
        guard n <= reader.remaining / max(minimumBytesEach, 1) else {
            throw GeoPackageError(.invalidGeometry, "WKB count \(n) at byte \(start) exceeds the blob's length")
        }
        return n
    }

    private static func coordinate(_ reader: inout ByteReader, dimensions: Int) throws(GeoPackageError) -> Coordinate {
        let x = try reader.double()
        let y = try reader.double()
        try reader.skip(8 * (dimensions - 2))
        return Coordinate(x: x, y: y)
    }

    private static func coordinates(_ reader: inout ByteReader, dimensions: Int) throws(GeoPackageError) -> [Coordinate]
    {
        let n = try count(&reader, minimumBytesEach: 8 * dimensions)
        var cs: [Coordinate] = []
        cs.reserveCapacity(n)
        for _ in 0..<n { cs.append(try coordinate(&reader, dimensions: dimensions)) }
        return cs
    }

    private static func rings(_ reader: inout ByteReader, dimensions: Int) throws(GeoPackageError) -> [[Coordinate]] {
        let n = try count(&reader, minimumBytesEach: 4)
        var rs: [[Coordinate]] = []
        rs.reserveCapacity(n)
        for _ in 0..<n { rs.append(try coordinates(&reader, dimensions: dimensions)) }
        return rs
    }
}
