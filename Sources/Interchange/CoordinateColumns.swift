import Foundation

/// The two columns of a table that hold a point's longitude (or easting) and latitude (or northing).
public struct CoordinateColumns: Hashable, Sendable {
    public var lon: String
    public var lat: String

    public init(lon: String, lat: String) {
        self.lon = lon
        self.lat = lat
    }

    /// Names people give coordinate columns, geographic ones first; matched ignoring case,
    /// surrounding spaces and a bracketed note such as `经度（GCJ-02）` or `lng [AMap]`.
    static let knownNames: [(lon: String, lat: String)] = [
        ("经度", "纬度"), ("longitude", "latitude"), ("lon", "lat"), ("lng", "lat"), ("long", "lat"),
        ("东经", "北纬"), ("point_x", "point_y"), ("x坐标", "y坐标"), ("x", "y"),
    ]

    /// The first known pair of names present in `header`; nil when there is none.
    public static func detect(in header: [String]) -> CoordinateColumns? {
        let keys = header.map(matchKey)
        for pair in knownNames {
            if let lon = keys.firstIndex(of: pair.lon), let lat = keys.firstIndex(of: pair.lat) {
                return CoordinateColumns(lon: header[lon], lat: header[lat])
            }
        }
        return nil
    }

    /// A header name as compared with the known names: lowercased, trimmed, bracketed notes removed.
    private static func matchKey(_ name: String) -> String {
        let opening: Set<Character> = ["(", "（", "[", "【"]
        let closing: Set<Character> = [")", "）", "]", "】"]
        var depth = 0
        var key = ""
        for character in name {
            if opening.contains(character) {
                depth += 1
            } else if closing.contains(character) {
                depth = max(depth - 1, 0)
            } else if depth == 0 {
                key.append(character)
            }
        }
        return key.lowercased().trimmingCharacters(in: .whitespaces)
    }
}
