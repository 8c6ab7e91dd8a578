import Foundation
import GeoCore

/// One SVG map: unit outlines, points and markers drawn through a `MapProjection`, then a frame,
/// a scale bar, a north arrow and a legend below the map. Every text is escaped.
struct SVGMap {
    /// How a legend entry and the features it names are drawn.
    enum Symbol: Hashable {
        case area(fill: String)
        case point(fill: String)
        case cross(stroke: String)
        case square(stroke: String)
        case dot(fill: String)
    }

    struct LegendEntry: Hashable {
        var symbol: Symbol
        var label: String
    }

    let id: String
    let title: String
    let projection: MapProjection
    /// "北" or "N".
    let northLabel: String
    /// Shaded unit outlines.
    private(set) var areas: [String] = []
    /// Boundaries of units holding others, drawn over the shaded units and under the points.
    private(set) var outlines: [String] = []
    /// Point symbols, over the outlines.
    private(set) var points: [String] = []
    private(set) var labels: [String] = []
    private(set) var legend: [LegendEntry] = []
    /// Pixel cells already holding a point, per class, so that coincident points are drawn once.
    private var occupied: Set<String> = []

    private static let legendRowHeight = 20.0
    private static let legendColumnWidth = 230.0

    init(id: String, title: String, projection: MapProjection, northLabel: String) {
        self.id = id
        self.title = title
        self.projection = projection
        self.northLabel = northLabel
    }

    mutating func addLegend(_ symbol: Symbol, _ label: String) {
        let entry = LegendEntry(symbol: symbol, label: label)
        if !legend.contains(entry) { legend.append(entry) }
    }

    /// An admin unit's outline, filled, with its name as a tooltip.
    mutating func addArea(_ geometry: Geometry, fill: String, cssClass: String, tooltip: String) {
        let path = SVGPath(projection: projection).data(for: geometry)
        guard !path.isEmpty else { return }
        areas.append(
            "<path class=\"\(cssClass)\" d=\"\(path)\" fill=\"\(fill)\" fill-rule=\"evenodd\" stroke=\"#555\" "
                + "stroke-width=\"0.6\"><title>\(tooltip.htmlEscaped)</title></path>")
    }

    /// The boundary of a unit that holds others (a district around its streets): a bold line, no fill.
    mutating func addOutline(_ geometry: Geometry, tooltip: String) {
        let path = SVGPath(projection: projection).data(for: geometry)
        guard !path.isEmpty else { return }
        outlines.append(
            "<path class=\"unit unit-container\" d=\"\(path)\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.8\">"
                + "<title>\(tooltip.htmlEscaped)</title></path>")
    }

    /// A label at the middle of a geometry's extent.
    mutating func addLabel(_ text: String, at geometry: Geometry) {
        guard let box = BoundingBox(covering: geometry.coordinates.filter(\.isValidGeographic)) else { return }
        let p = projection.pixel(box.center)
        labels.append(
            "<text class=\"unit-label\" x=\"\(svgNumber(p.x))\" y=\"\(svgNumber(p.y))\">\(text.htmlEscaped)</text>")
    }

    /// A point symbol; a second point of the same class in the same half-pixel cell is skipped
    /// unless it carries a tooltip of its own.
    mutating func addPoint(_ c: Coordinate, symbol: Symbol, cssClass: String, tooltip: String? = nil) {
        guard c.isValidGeographic else { return }
        let p = projection.pixel(c)
        guard p.x >= 0, p.y >= 0, p.x <= projection.width, p.y <= projection.height else { return }
        let cell = "\(cssClass) \(Int((p.x * 2).rounded())) \(Int((p.y * 2).rounded()))"
        guard occupied.insert(cell).inserted || tooltip != nil else { return }
        let x = svgNumber(p.x)
        let y = svgNumber(p.y)
        let title = tooltip.map { "<title>\($0.htmlEscaped)</title>" } ?? ""
        switch symbol {
        case .point(let fill), .area(let fill):
            points.append(
                "<circle class=\"\(cssClass)\" cx=\"\(x)\" cy=\"\(y)\" r=\"3\" fill=\"\(fill)\" stroke=\"#fff\" "
                    + "stroke-width=\"0.8\">\(title)</circle>")
        case .dot(let fill):
            points.append(
                "<circle class=\"\(cssClass)\" cx=\"\(x)\" cy=\"\(y)\" r=\"1.3\" fill=\"\(fill)\">\(title)</circle>")
        case .cross(let stroke):
            points.append(
                "<path class=\"\(cssClass)\" d=\"M\(svgNumber(p.x - 4)) \(svgNumber(p.y - 4))l8 8m0 -8l-8 8\" "
                    + "stroke=\"\(stroke)\" stroke-width=\"2.2\">\(title)</path>")
        case .square(let stroke):
            points.append(
                "<rect class=\"\(cssClass)\" x=\"\(svgNumber(p.x - 3.5))\" y=\"\(svgNumber(p.y - 3.5))\" width=\"7\" "
                    + "height=\"7\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1.8\">\(title)</rect>")
        }
    }

    func render() -> String {
        let width = projection.width
        let mapHeight = projection.height
        let columns = max(1, Int(width / Self.legendColumnWidth))
        let rows = (legend.count + columns - 1) / columns
        let legendHeight = legend.isEmpty ? 0 : Double(rows) * Self.legendRowHeight + 12
        let height = mapHeight + legendHeight
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id.htmlEscaped)\" class=\"map\" "
        svg += "viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" width=\"\(svgNumber(width))\" "
        svg += "height=\"\(svgNumber(height))\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">"
        svg += "<title>\(title.htmlEscaped)</title>"
        let clip = "\(id)-clip".htmlEscaped
        svg += "<defs><clipPath id=\"\(clip)\"><rect width=\"\(svgNumber(width))\" height=\"\(svgNumber(mapHeight))\"/>"
        svg += "</clipPath></defs>"
        svg += "<rect class=\"map-background\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(mapHeight))\" "
        svg += "fill=\"#fbfbf8\"/>"
        svg +=
            "<g clip-path=\"url(#\(clip))\">" + areas.joined() + outlines.joined() + points.joined() + labels.joined()
        svg += "</g>"
        svg += "<rect class=\"map-frame\" x=\"0.5\" y=\"0.5\" width=\"\(svgNumber(width - 1))\" "
        svg += "height=\"\(svgNumber(mapHeight - 1))\" fill=\"none\" stroke=\"#888\"/>"
        svg += scaleBar() + northArrow() + legendBlock(top: mapHeight, columns: columns)
        return svg + "</svg>"
    }

    /// A bar of a round length (1, 2 or 5 × 10ⁿ metres) about a fifth of the map's width.
    func scaleBar() -> String {
        let meters = Self.roundLength(below: projection.metersPerPixel * projection.width / 5)
        let length = meters * projection.pixelsPerMeter
        let x = 12.0
        let y = projection.height - 16
        let half = length / 2
        var text = "<g class=\"scale-bar\" data-meters=\"\(Int(meters))\">"
        text +=
            "<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(half))\" height=\"5\" fill=\"#333\"/>"
        text += "<rect x=\"\(svgNumber(x + half))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(half))\" height=\"5\" "
        text += "fill=\"#fff\" stroke=\"#333\" stroke-width=\"0.8\"/>"
        text +=
            "<text x=\"\(svgNumber(x + length + 6))\" y=\"\(svgNumber(y + 6))\">\(NumberText.distance(meters))</text>"
        return text + "</g>"
    }

    /// The largest 1, 2 or 5 × 10ⁿ not above `meters` (at least 1 m).
    static func roundLength(below meters: Double) -> Double {
        guard meters.isFinite, meters >= 1 else { return 1 }
        let magnitude = pow(10, floor(log10(meters)))
        for step in [5.0, 2.0, 1.0] where step * magnitude <= meters { return step * magnitude }
        return magnitude
    }

    private func northArrow() -> String {
        let x = projection.width - 24
        let y = 14.0
        return "<g class=\"north-arrow\"><path d=\"M\(svgNumber(x)) \(svgNumber(y))l7 20l-7 -5l-7 5z\" fill=\"#333\"/>"
            + "<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(y + 34))\" text-anchor=\"middle\">"
            + "\(northLabel.htmlEscaped)</text></g>"
    }

    private func legendBlock(top: Double, columns: Int) -> String {
        guard !legend.isEmpty else { return "" }
        var text = "<g class=\"legend\">"
        for (index, entry) in legend.enumerated() {
            let x = 10 + Double(index % columns) * Self.legendColumnWidth
            let y = top + 10 + Double(index / columns) * Self.legendRowHeight
            text += "<g class=\"legend-entry\">" + swatch(entry.symbol, x: x, y: y)
            text += "<text x=\"\(svgNumber(x + 20))\" y=\"\(svgNumber(y + 11))\">\(entry.label.htmlEscaped)</text></g>"
        }
        return text + "</g>"
    }

    private func swatch(_ symbol: Symbol, x: Double, y: Double) -> String {
        let cx = svgNumber(x + 7)
        let cy = svgNumber(y + 7)
        switch symbol {
        case .area(let fill):
            return "<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"14\" height=\"14\" fill=\"\(fill)\" "
                + "stroke=\"#555\" stroke-width=\"0.6\"/>"
        case .point(let fill):
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\" fill=\"\(fill)\"/>"
        case .dot(let fill):
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"1.8\" fill=\"\(fill)\"/>"
        case .cross(let stroke):
            return "<path d=\"M\(svgNumber(x + 3)) \(svgNumber(y + 3))l8 8m0 -8l-8 8\" stroke=\"\(stroke)\" "
                + "stroke-width=\"2.2\"/>"
        case .square(let stroke):
            return
                "<rect x=\"\(svgNumber(x + 3.5))\" y=\"\(svgNumber(y + 3.5))\" width=\"7\" height=\"7\" fill=\"none\" "
                + "stroke=\"\(stroke)\" stroke-width=\"1.8\"/>"
        }
    }
}
