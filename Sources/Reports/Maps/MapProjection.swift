import Foundation
import GeoCore

/// A local equirectangular projection fitted to a map frame: x = R·(lon − lon₀)·cos(lat₀),
/// y = R·(lat − lat₀) in metres, then scaled to pixels with north up. Over a district (tens of
/// kilometres) its distortion is well under 1%, enough for a report map and its scale bar.
struct MapProjection: Hashable {
    /// The mean Earth radius (IUGG), in metres.
    static let earthRadius = 6_371_008.8

    /// The frame's width and height in pixels, margins included.
    let width: Double
    let height: Double
    /// Pixels per metre on the ground.
    let pixelsPerMeter: Double

    private let center: Coordinate
    private let cosCenterLatitude: Double
    private let metersPerDegree = MapProjection.earthRadius * .pi / 180

    /// Fits `extent` (EPSG:4326) into a frame `width` pixels wide and at most `maxHeight` high, inside
    /// `margin` pixels. An extent smaller than `minimumSpan` metres (one point, say) is widened to it.
    init(extent: BoundingBox, width: Double, maxHeight: Double, margin: Double, minimumSpan: Double = 500) {
        center = extent.center
        cosCenterLatitude = cos(center.lat * .pi / 180)
        let spanX = max((extent.maxX - extent.minX) * metersPerDegree * cosCenterLatitude, minimumSpan)
        let spanY = max((extent.maxY - extent.minY) * metersPerDegree, minimumSpan)
        let scale = min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY)
        self.width = width
        pixelsPerMeter = scale
        height = max(spanY * scale + 2 * margin, min(maxHeight, 240))
    }

    /// The extent of every valid geographic coordinate of the geometries and points; nil for none.
    static func extent(of geometries: [Geometry], points: [Coordinate]) -> BoundingBox? {
        let coordinates = geometries.lazy.flatMap(\.coordinates).filter(\.isValidGeographic)
        let box = BoundingBox(covering: coordinates)
        let pointBox = BoundingBox(covering: points.lazy.filter(\.isValidGeographic))
        switch (box, pointBox) {
        case (let a?, let b?): return a.union(b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): return nil
        }
    }

    var metersPerPixel: Double { 1 / pixelsPerMeter }

    /// The pixel position of a geographic coordinate; the frame's centre is the extent's centre.
    func pixel(_ c: Coordinate) -> (x: Double, y: Double) {
        let x = (c.lon - center.lon) * metersPerDegree * cosCenterLatitude
        let y = (c.lat - center.lat) * metersPerDegree
        return (width / 2 + x * pixelsPerMeter, height / 2 - y * pixelsPerMeter)
    }
}
