internal import CGDAL
import GeoCore

/// OGR geometries as GeoCore's: x and y as stored (longitude first for geographic files), Z and M dropped,
/// curves approximated by GDAL's linear form.
enum OGRGeometryConversion {
    static func geometry(of handle: OGRGeometryH) -> Geometry? {
        guard OGR_G_IsEmpty(handle) == 0 else { return nil }
        if OGR_G_HasCurveGeometry(handle, 0) != 0 {
            guard let linear = OGR_G_GetLinearGeometry(handle, 0, nil) else { return nil }
            defer { OGR_G_DestroyGeometry(linear) }
            return geometry(of: linear)
        }
        switch OGR_GT_Flatten(OGR_G_GetGeometryType(handle)) {
        case wkbPoint:
            return .point(Coordinate(x: OGR_G_GetX(handle, 0), y: OGR_G_GetY(handle, 0)))
        case wkbLineString, wkbLinearRing:
            return .lineString(points(of: handle))
        case wkbPolygon:
            return .polygon(parts(of: handle).map(points(of:)))
        case wkbMultiPoint:
            return .multiPoint(parts(of: handle).map { Coordinate(x: OGR_G_GetX($0, 0), y: OGR_G_GetY($0, 0)) })
        case wkbMultiLineString:
            return .multiLineString(parts(of: handle).map(points(of:)))
        case wkbMultiPolygon:
            return .multiPolygon(parts(of: handle).map { parts(of: $0).map(points(of:)) })
        case wkbGeometryCollection:
            return .geometryCollection(parts(of: handle).compactMap(geometry(of:)))
        default:
            return nil
        }
    }

    private static func points(of handle: OGRGeometryH) -> [Coordinate] {
        (0..<OGR_G_GetPointCount(handle)).map { Coordinate(x: OGR_G_GetX(handle, $0), y: OGR_G_GetY(handle, $0)) }
    }

    private static func parts(of handle: OGRGeometryH) -> [OGRGeometryH] {
        (0..<OGR_G_GetGeometryCount(handle)).compactMap { OGR_G_GetGeometryRef(handle, $0) }
    }
}
