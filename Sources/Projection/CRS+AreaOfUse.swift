internal import CProj
public import GeoCore
import Foundation

extension CRS {
    /// Where a CRS is meant to be used: PROJ's area of use, a longitude/latitude box in degrees.
    public struct AreaOfUse: Hashable, Sendable, CustomStringConvertible {
        public let west: Double
        public let south: Double
        public let east: Double
        public let north: Double
        /// PROJ's description, e.g. "China - onshore between 112°30'E and 115°30'E."
        public let name: String

        public init(west: Double, south: Double, east: Double, north: Double, name: String) {
            self.west = west
            self.south = south
            self.east = east
            self.north = north
            self.name = name
        }

        /// Whether a longitude/latitude lies in the box widened by `margin` degrees on every side. A box whose
        /// west edge is east of its east edge crosses the antimeridian.
        public func contains(_ c: Coordinate, margin: Double = 0) -> Bool {
            guard c.lat >= south - margin, c.lat <= north + margin else { return false }
            if west - margin <= -180, east + margin >= 180 { return true }
            if west <= east { return c.lon >= west - margin && c.lon <= east + margin }
            return c.lon >= west - margin || c.lon <= east + margin
        }

        public var description: String {
            func degrees(_ value: Double, _ positive: String, _ negative: String) -> String {
                let text = String(format: "%.2f", abs(value))
                return "\(text)°\(value < 0 ? negative : positive)"
            }
            return "\(name) (\(degrees(west, "E", "W"))–\(degrees(east, "E", "W")), "
                + "\(degrees(south, "N", "S"))–\(degrees(north, "N", "S")))"
        }
    }

    /// The area of use PROJ gives for this CRS (from the EPSG database, or the WKT's BBOX); for gcj02 and bd09,
    /// the box of China outside which their offsets do not apply. Nil when the definition carries none (most
    /// PROJ strings and WKT without an extent).
    public func areaOfUse() throws(ProjectionError) -> AreaOfUse? {
        if consumerMapSystem != nil {
            let longitudes = ChineseMapOffsets.chinaLongitudes, latitudes = ChineseMapOffsets.chinaLatitudes
            return AreaOfUse(
                west: longitudes.lowerBound, south: latitudes.lowerBound, east: longitudes.upperBound,
                north: latitudes.upperBound, name: "China (where the \(name) offsets apply)")
        }
        let context = try ProjContext()
        let object = try makeObject(in: context)
        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        var name: UnsafePointer<CChar>?
        guard proj_get_area_of_use(context.pointer, object.pointer, &west, &south, &east, &north, &name) != 0,
            [west, south, east, north].allSatisfy({ $0.isFinite && $0 != -1000 })
        else { return nil }
        return AreaOfUse(
            west: west, south: south, east: east, north: north,
            name: name.map { String(cString: $0).trimmingCharacters(in: CharacterSet(charactersIn: ". ")) } ?? self.name)
    }
}
