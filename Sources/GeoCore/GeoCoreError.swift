/// Errors of the value types: bad boxes, bad geometries, bad GeoJSON.
public enum GeoCoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidBoundingBox(String)
    case invalidGeometry(String)
    case invalidGeoJSON(String)

    public var description: String {
        switch self {
        case .invalidBoundingBox(let why): "invalid bounding box: \(why)"
        case .invalidGeometry(let why): "invalid geometry: \(why)"
        case .invalidGeoJSON(let why): "invalid GeoJSON: \(why)"
        }
    }
}
