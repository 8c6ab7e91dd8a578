public import FacilityKit
import Foundation
public import GeoCore
import GeoPackage
import Projection

extension GeoPackageFacilityStore {
    /// Searches boxes that grow around the point through the R-tree until the k-th nearest open
    /// facility lies within the radius the box is sure to contain (or the box covers the kind's
    /// bounds), then ranks those by geodesic distance. Only the last box's rows are read.
    public func nearest(kind: PluginID, to point: Coordinate, k: Int, asOf date: CivilDate?) throws -> [NearbyFacility]
    {
        try FacilityStoreRules.checkQueryPoint(point)
        return try perform {
            try file.read { tx in
                try checkKnown(tx, kind)
                guard k > 0, let layer = try tx.layer(named: kind.rawValue), layer.featureCount > 0,
                    let bounds = layer.bounds
                else { return [] }
                var radius = SearchBox.initialRadius(k: k, count: layer.featureCount, bounds: bounds, from: point)
                while true {
                    let box = try SearchBox.around(point, radius: radius)
                    let candidates = FacilityStoreRules.filter(
                        try records(tx, kind: kind, in: box), in: nil, asOf: date)
                    let ranked = FacilityStoreRules.nearest(candidates, to: point, k: k)
                    if box.covers(bounds) || (ranked.count == k && (ranked.last?.distanceMeters ?? .infinity) <= radius)
                    {
                        return ranked
                    }
                    radius *= 2
                }
            }
        }
    }
}

/// Boxes in longitude/latitude sure to contain every point within a geodesic distance of a centre.
enum SearchBox {
    /// The smallest radius of curvature of WGS 84 (meridional, at the equator), in metres: no path
    /// of length s changes latitude by more than s / this, nor longitude by more than that over cos(latitude).
    static let minimumRadius = 6_335_439.0

    static func around(_ centre: Coordinate, radius: Double) throws -> BoundingBox {
        let dLat = radius / minimumRadius * 180 / .pi
        let south = max(-90, centre.lat - dLat)
        let north = min(90, centre.lat + dLat)
        let widest = max(abs(south), abs(north))
        let dLon = widest < 89.9 ? dLat / cos(widest * .pi / 180) : .infinity
        let (west, east) =
            dLon < 180 && centre.lon - dLon >= -180 && centre.lon + dLon <= 180
            ? (centre.lon - dLon, centre.lon + dLon) : (-180, 180)
        return try BoundingBox(minX: west, minY: south, maxX: east, maxY: north)
    }

    /// A first radius: the distance to the data's bounds plus the radius that holds about k
    /// facilities at the bounds' mean density; at least 100 m.
    static func initialRadius(k: Int, count: Int, bounds: BoundingBox, from point: Coordinate) -> Double {
        let midLat = (bounds.minY + bounds.maxY) / 2 * .pi / 180
        let width = (bounds.maxX - bounds.minX) * 111_320 * cos(midLat)
        let height = (bounds.maxY - bounds.minY) * 110_574
        let densityRadius = (width * height * Double(k) / Double(max(count, 1)) / .pi).squareRoot()
        let nearestInBounds = Coordinate(
            x: min(max(point.x, bounds.minX), bounds.maxX), y: min(max(point.y, bounds.minY), bounds.maxY))
        let toBounds = Geodesic.distance(point, nearestInBounds)
        return max(100, densityRadius + (toBounds.isFinite ? toBounds : 0))
    }
}

extension BoundingBox {
    func covers(_ other: BoundingBox) -> Bool {
        minX <= other.minX && minY <= other.minY && maxX >= other.maxX && maxY >= other.maxY
    }
}
