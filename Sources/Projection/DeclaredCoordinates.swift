public import GeoCore

/// Coordinates as a user declared them (`--crs`, a file's own CRS), brought to WGS 84 and refused where they
/// cannot be right: a position that lands outside the area of use of the declared CRS (PROJ's, widened by
/// ``margin``) is an ``ImplausibleCoordinate`` with a hint when the mistake is a known one — degrees given for a
/// projected CRS, X and Y swapped (Chinese survey tables put the northing in X), GCJ-02/BD-09 outside China.
///
/// Every input that declares a CRS goes through this one check: facility, demand and admin imports, road layers,
/// boundaries, candidate sites, scenario files, `nearest --at`. Owns PROJ transformers: one per task.
public final class DeclaredCoordinates {
    /// Degrees a position may lie outside the area of use: about 110 km, enough for data that runs a little past
    /// the edge of its zone, far less than the thousands of kilometres a wrong CRS moves it.
    public static let margin = 1.0

    public let crs: CRS
    /// Nil when PROJ knows none for the CRS; then only the transformation's own validity is checked.
    public let areaOfUse: CRS.AreaOfUse?
    private let toWGS84: CoordinateTransformer

    public init(crs: CRS) throws(ProjectionError) {
        self.crs = crs
        areaOfUse = try crs.areaOfUse()
        toWGS84 = try CoordinateTransformer(from: crs, to: .wgs84)
    }

    /// Each coordinate in WGS 84 (one batch through PROJ), or why it cannot be right.
    public func wgs84(_ coordinates: [Coordinate]) -> [Result<Coordinate, ImplausibleCoordinate>] {
        let transformed: [Coordinate?]
        if let batch = try? toWGS84.transform(coordinates) {
            transformed = batch
        } else {  // find the culprits one by one
            transformed = coordinates.map { try? toWGS84.transform($0) }
        }
        return zip(coordinates.indices, transformed).map { index, target in
            if let problem = problem(at: index, source: coordinates[index], wgs84: target) { return .failure(problem) }
            return .success(target!)
        }
    }

    /// Every coordinate in WGS 84, or the first that cannot be right.
    public func wgs84(all coordinates: [Coordinate]) throws(ImplausibleCoordinate) -> [Coordinate] {
        try wgs84(coordinates).map { result throws(ImplausibleCoordinate) in try result.get() }
    }

    public func wgs84(_ coordinate: Coordinate) throws(ImplausibleCoordinate) -> Coordinate {
        try wgs84(all: [coordinate])[0]
    }

    /// A geometry in WGS 84, its structure kept; the error's index counts `Geometry.coordinates`.
    public func wgs84(_ geometry: Geometry) throws(ImplausibleCoordinate) -> Geometry {
        var next = try wgs84(all: geometry.coordinates).makeIterator()
        return geometry.mapCoordinates { c in next.next() ?? c }
    }

    /// Nil when `wgs84` is a valid position inside the area of use.
    private func problem(at index: Int, source: Coordinate, wgs84: Coordinate?) -> ImplausibleCoordinate? {
        if let wgs84, wgs84.isValidGeographic, areaOfUse?.contains(wgs84, margin: Self.margin) ?? true { return nil }
        let landed = wgs84.flatMap { $0.isValidGeographic ? $0 : nil }
        var hint: ImplausibleCoordinate.Hint?
        if isInside(Coordinate(x: source.y, y: source.x)) {
            hint = .axesSwapped
        } else if crs.consumerMapSystem != nil {
            hint = .consumerMapOutsideChina
        } else if !crs.isGeographic, Coordinate(x: source.x, y: source.y).isValidGeographic,
            Self.geographicAlternatives.contains(where: { $0.contains(source, margin: Self.margin) })
        {
            hint = .degreesInProjectedCRS
        }
        return ImplausibleCoordinate(
            index: index, coordinate: source, crs: crs, landed: landed, areaOfUse: areaOfUse, hint: hint)
    }

    /// Whether a source position, transformed, lands inside the area of use.
    private func isInside(_ source: Coordinate) -> Bool {
        guard let target = try? toWGS84.transform(source), target.isValidGeographic else { return false }
        return areaOfUse?.contains(target, margin: Self.margin) ?? true
    }

    /// Where longitude/latitude in degrees could be meant: anywhere on Earth.
    private static let geographicAlternatives = [
        CRS.AreaOfUse(west: -180, south: -90, east: 180, north: 90, name: "World")
    ]
}

@available(*, unavailable)
extension DeclaredCoordinates: Sendable {}

/// A position that cannot be in the CRS it was declared in: it lands outside the CRS's area of use.
public struct ImplausibleCoordinate: Error, Hashable, Sendable, CustomStringConvertible {
    /// The mistakes recognised.
    public enum Hint: Hashable, Sendable {
        /// Longitude/latitude given for a projected CRS.
        case degreesInProjectedCRS
        /// X and Y swapped: swapped, the position falls inside the area of use.
        case axesSwapped
        /// GCJ-02 or BD-09 declared for a place outside China, where those offsets do not exist.
        case consumerMapOutsideChina
    }

    /// The position's index in the batch given (0-based).
    public let index: Int
    /// The position as given, x first.
    public let coordinate: Coordinate
    public let crs: CRS
    /// Where it would land in WGS 84; nil when it has no valid position there.
    public let landed: Coordinate?
    public let areaOfUse: CRS.AreaOfUse?
    public let hint: Hint?

    /// Why, without where, in English: callers put the file, row and columns in front.
    public var description: String { english }

    /// Why, in the language of the run (`zh` or `en`, as `ReportLanguage` spells them).
    public func text(language: String) -> String { language == "zh" ? chinese : english }

    private var chinese: String {
        let given = "x=\(Self.number(coordinate.x))，y=\(Self.number(coordinate.y))"
        var text = "（\(given)）不可能是 \(crs) 的坐标"
        if let landed {
            text += "：换算后落在东经 \(Self.number(landed.lon))°、北纬 \(Self.number(landed.lat))°"
        } else {
            text += "：换算到 WGS 84 不是有效的经纬度"
        }
        if let areaOfUse, landed != nil {
            text += "，超出该坐标系的适用范围（\(areaOfUse)）\(Int(DeclaredCoordinates.margin))° 以上"
        }
        switch hint {
        case .degreesInProjectedCRS:
            text += "；这些数字像是以度为单位的经纬度：是否应为 --crs EPSG:4490（CGCS2000）或 --crs EPSG:4326（WGS 84）？"
        case .axesSwapped:
            text += "；X、Y 互换后落在范围内：是否两列写反了？（测绘表格的 X 是北坐标，请把北坐标列作为 y）"
        case .consumerMapOutsideChina:
            text += "；\(crs.name) 偏移只存在于中国境内：境外坐标就是 WGS 84，请用 --crs EPSG:4326"
        case nil: break
        }
        return text
    }

    private var english: String {
        let given = "x=\(Self.number(coordinate.x)), y=\(Self.number(coordinate.y))"
        var text = "(\(given)) cannot be in \(crs)"
        if let landed {
            text += ": it lands at \(Self.number(landed.lon))°E \(Self.number(landed.lat))°N"
        } else {
            text += ": its position in WGS 84 is not a valid longitude/latitude"
        }
        if let areaOfUse, landed != nil {
            text += ", outside the CRS's area of use, \(areaOfUse), by more than \(Int(DeclaredCoordinates.margin))°"
        }
        switch hint {
        case .degreesInProjectedCRS:
            text += "; these look like longitude/latitude in degrees: did you mean --crs EPSG:4490 (CGCS2000) "
                + "or --crs EPSG:4326 (WGS 84)?"
        case .axesSwapped:
            text += "; with X and Y swapped it falls inside: are the columns swapped? (Chinese survey tables put "
                + "the northing in X; give the northing column as y)"
        case .consumerMapOutsideChina:
            text += "; \(crs.name) offsets exist only in China: coordinates elsewhere are plain WGS 84, "
                + "--crs EPSG:4326"
        case nil: break
        }
        return text
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
