import FacilityKit
import Foundation
import GeoCore

/// The query of `/collections/{kind}/items`, checked: every problem names its parameter.
struct ItemsQuery: Equatable {
    static let defaultLimit = 10
    /// The most features one page holds; a larger `limit` is served as this (OGC API – Features permits it).
    static let maximumLimit = 10_000
    /// OGC CRS84, the only system the API serves (the registry stores EPSG:4326 in longitude/latitude order).
    static let crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    /// The parameters the API defines; any other is refused, as Part 1 requires (/req/core/query-param-unknown).
    static let known: Set<String> = ["f", "limit", "offset", "bbox", "bbox-crs", "datetime", "crs"]

    var limit = defaultLimit
    var offset = 0
    var bbox: BoundingBox?
    /// The as-of date: facilities open on it. Nil when `datetime` is absent.
    var asOf: CivilDate?
    /// The `datetime` value as given, for the paging links.
    var datetime: String?

    /// Reads the query parameters; `today` is the as-of date of an interval open at its end.
    init(_ parameters: [(name: String, value: String)], today: CivilDate) throws(APIProblem) {
        var seen: Set<String> = []
        for (name, value) in parameters {
            guard Self.known.contains(name) else {
                throw .badParameter(name, "unknown parameter; known: \(Self.known.sorted().joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else { throw .badParameter(name, "given more than once") }
            switch name {
            case "f": try Self.checkFormat(value)
            case "limit":
                guard let number = Int(value), number >= 1 else {
                    throw .badParameter(name, "expected a whole number from 1, got '\(value)'")
                }
                limit = min(number, Self.maximumLimit)
            case "offset":
                guard let number = Int(value), number >= 0 else {
                    throw .badParameter(name, "expected a whole number from 0, got '\(value)'")
                }
                offset = number
            case "bbox": bbox = try Self.box(value)
            case "bbox-crs", "crs":
                guard value == Self.crs84 else { throw .badParameter(name, "only \(Self.crs84) is served") }
            case "datetime":
                asOf = try Self.asOfDate(value, today: today)
                datetime = value
            default: break
            }
        }
    }

    /// `f=json` (or geojson): the one encoding served.
    static func checkFormat(_ value: String) throws(APIProblem) {
        guard ["json", "geojson"].contains(value.lowercased()) else {
            throw .badParameter("f", "only json is served, got '\(value)'")
        }
    }

    /// `W,S,E,N` in CRS84, or the six numbers of a 3-D box (heights ignored: facilities are points on the ground).
    static func box(_ text: String) throws(APIProblem) -> BoundingBox {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4 || numbers.count == 6, numbers.allSatisfy({ $0 != nil }) else {
            throw .badParameter("bbox", "expected four numbers W,S,E,N (or six with heights), got '\(text)'")
        }
        let values = numbers.compactMap { $0 }
        let (w, s, e, n) = values.count == 4
            ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4])
        guard (-180...180).contains(w), (-180...180).contains(e), (-90...90).contains(s), (-90...90).contains(n) else {
            throw .badParameter("bbox", "longitudes must lie in -180…180 and latitudes in -90…90, got '\(text)'")
        }
        do {
            return try BoundingBox(minX: w, minY: s, maxX: e, maxY: n)
        } catch {
            throw .badParameter("bbox", "\(error.description) (a box across the antimeridian is not supported)")
        }
    }

    /// `datetime` as the as-of date: an instant's day, or an interval's end day (`start/end`, `../end`); an
    /// interval open at its end (`start/..`) is read as of today. Times are allowed and only their day is used.
    static func asOfDate(_ text: String, today: CivilDate) throws(APIProblem) -> CivilDate {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 1 || parts.count == 2 else {
            throw .badParameter("datetime", "expected a date, a date-time or an interval start/end, got '\(text)'")
        }
        let days = try parts.map { (part: String) throws(APIProblem) -> CivilDate? in
            if parts.count == 2, part == ".." || part.isEmpty { return nil }
            guard let day = day(of: part) else {
                throw .badParameter(
                    "datetime", "'\(part)' is not a date like 2025-12-31 or a date-time like 2025-12-31T00:00:00Z")
            }
            return day
        }
        if days.count == 2, let start = days[0], let end = days[1], start > end {
            throw .badParameter("datetime", "the interval ends before it starts: '\(text)'")
        }
        if days.count == 2, days[0] == nil, days[1] == nil {
            throw .badParameter("datetime", "an interval needs a start or an end, got '\(text)'")
        }
        return days.last! ?? today
    }

    /// The day of `2025-12-31` or of an RFC 3339 date-time `2025-12-31T08:00:00Z`.
    static func day(of text: String) -> CivilDate? {
        let date = String(text.prefix(10))
        let shape = date.enumerated().allSatisfy { index, character in
            index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
        }
        guard date.count == 10, shape else { return nil }
        let rest = text.dropFirst(10)
        if !rest.isEmpty {
            guard let first = rest.first, first == "T" || first == "t",
                (try? Date.ISO8601FormatStyle(includingFractionalSeconds: rest.contains(".")).parse(text)) != nil
            else { return nil }
        }
        return CivilDate(parsing: date)
    }

    /// The query of another page of the same request.
    func query(offset: Int) -> String {
        var items = [("limit", String(limit)), ("offset", String(offset))]
        if let bbox { items.append(("bbox", bbox.description)) }
        if let datetime { items.append(("datetime", datetime)) }
        return items.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
