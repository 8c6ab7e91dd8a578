public import GeoCore

/// A GeoPackage geometry blob (GeoPackage 1.3 §2.1.3): the header — magic `GP`, version 0, flags
/// (envelope type, empty flag, byte order), `srs_id`, envelope — followed by ISO WKB.
///
/// Written little endian with an `[minx, maxx, miny, maxy]` envelope, except points, which need
/// none. Read in either byte order with any envelope type (0–4; Z and M ranges are skipped).
public struct GeometryBlob: Hashable, Sendable {
    /// The geometry; nil only for an empty point, which GeoCore cannot represent.
    public var geometry: Geometry?
    public var srsID: Int32
    /// The header's empty flag.
    public var isEmpty: Bool
    /// The xy envelope: the header's, or computed from the geometry when the header has none;
    /// nil when empty.
    public var envelope: BoundingBox?

    /// A blob for a geometry; its envelope is computed.
    public init(geometry: Geometry, srsID: Int32) {
        self.geometry = geometry
        self.srsID = srsID
        self.isEmpty = geometry.isEmpty
        self.envelope = geometry.boundingBox
    }

    /// Decodes a blob. Errors say why, not where: callers add the table and row.
    public init(decoding bytes: [UInt8]) throws(GeoPackageError) {
        var reader = ByteReader(bytes)
        let header = try Header(&reader)
        self.srsID = header.srsID
        self.geometry = try WKB.read(&reader)
        self.isEmpty = header.isEmpty || (geometry?.isEmpty ?? true)
        self.envelope = isEmpty ? nil : header.envelope ?? geometry?.boundingBox
    }

    /// The blob's bytes. Fails when a coordinate is not finite.
    public func encoded() throws(GeoPackageError) -> [UInt8] {
        guard let geometry else { return Self.emptyPointBlob(srsID: srsID) }
        guard geometry.coordinates.allSatisfy(\.isFinite) else {
            throw GeoPackageError(
                .invalidGeometry, "the \(geometry.typeName) has a coordinate that is not a finite number")
        }
        var out = ByteWriter()
        let box = isEmpty ? nil : geometry.boundingBox
        let withEnvelope: Bool
        if case .point = geometry { withEnvelope = false } else { withEnvelope = box != nil }
        Header.write(srsID: srsID, envelope: withEnvelope ? box : nil, isEmpty: isEmpty, into: &out)
        WKB.write(geometry, into: &out)
        return out.bytes
    }

    /// An empty point: NaN coordinates and the empty flag, as the specification asks.
    static func emptyPointBlob(srsID: Int32) -> [UInt8] {
        var out = ByteWriter()
        Header.write(srsID: srsID, envelope: nil, isEmpty: true, into: &out)
        out.byte(1)
        out.uint32(WKB.TypeCode.point.rawValue)
        out.double(.nan)
        out.double(.nan)
        return out.bytes
    }

    /// Whether the blob is empty and its xy extent, reading only the header when it has an envelope:
    /// what the R-tree triggers' `ST_*` functions need.
    static func extent(of bytes: [UInt8]) throws(GeoPackageError) -> (isEmpty: Bool, box: BoundingBox?) {
        var reader = ByteReader(bytes)
        let header = try Header(&reader)
        if header.isEmpty { return (true, nil) }
        if let box = header.envelope { return (false, box) }
        let geometry = try WKB.read(&reader)
        let box = geometry?.boundingBox
        return (box == nil, box)
    }
}

extension GeometryBlob {
    /// The fixed part of a blob before the WKB.
    struct Header {
        var srsID: Int32
        var isEmpty: Bool
        var envelope: BoundingBox?

        init(_ reader: inout ByteReader) throws(GeoPackageError) {
            guard try reader.byte() == 0x47, try reader.byte() == 0x50 else {
                throw GeoPackageError(.invalidGeometry, "the blob does not start with the GeoPackage magic 'GP'")
            }
            let version = try reader.byte()
            guard version == 0 else {
                throw GeoPackageError(.invalidGeometry, "blob version \(version) is not supported (expected 0)")
            }
            let flags = try reader.byte()
            guard flags & 0b0010_0000 == 0 else {
                throw GeoPackageError(
                    .invalidGeometry, "extended geometry blobs (ExtendedGeoPackageBinary) are not supported")
            }
            isEmpty = flags & 0b0001_0000 != 0
            reader.littleEndian = flags & 1 == 1
            srsID = try reader.int32()
            let envelopeType = (flags >> 1) & 0b111
            let doubles: Int
            switch envelopeType {
            case 0: doubles = 0
            case 1: doubles = 4
            case 2, 3: doubles = 6
            case 4: doubles = 8
            default:
                throw GeoPackageError(.invalidGeometry, "envelope type \(envelopeType) is not one of 0–4")
            }
            if doubles > 0 {
                let minX = try reader.double()
                let maxX = try reader.double()
                let minY = try reader.double()
                let maxY = try reader.double()
                try reader.skip(8 * (doubles - 4))
                // An empty geometry's envelope is NaN; a NaN or inverted envelope counts as none.
                envelope = try? BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
            } else {
                envelope = nil
            }
        }

        static func write(srsID: Int32, envelope: BoundingBox?, isEmpty: Bool, into out: inout ByteWriter) {
            out.byte(0x47)
            out.byte(0x50)
            out.byte(0)
            let envelopeCode: UInt8 = envelope == nil ? 0 : 1
            out.byte((isEmpty ? 0b0001_0000 : 0) | envelopeCode << 1 | 1)
            out.int32(srsID)
            if let envelope {
                out.double(envelope.minX)
                out.double(envelope.maxX)
                out.double(envelope.minY)
                out.double(envelope.maxY)
            }
        }
    }
}
