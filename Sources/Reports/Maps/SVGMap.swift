import Foundation
import GeoCore

/// One SVG map: unit outlines, the streets, walking areas, points and markers drawn through a
/// `MapProjection`, then a frame; below the frame a band with the scale bar and the north arrow (so that
/// no marker or label can sit on them) and the legend. Every text is escaped.
struct SVGMap {
    /// How a legend entry and the features it names are drawn.
    enum Symbol: Hashable {
        case area(fill: String)
        case point(fill: String)
        case cross(stroke: String)
        case square(stroke: String)
        case dot(fill: String)
        /// A street: a line of the given width.
        case line(stroke: String, width: Double)
        /// The bold boundary of a unit holding others.
        case outline(stroke: String)
        /// A walking area: the reachable streets, widened and translucent.
        case band(fill: String)
    }

    struct LegendEntry: Hashable {
        var symbol: Symbol
        var label: String
    }

    /// A rectangle in the SVG's pixels.
    struct Box: Hashable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        func contains(_ p: (x: Double, y: Double)) -> Bool {
            p.x >= x && p.x <= x + width && p.y >= y && p.y <= y + height
        }
    }

    let id: String
    let title: String
    let projection: MapProjection
    /// "北" or "N".
    let northLabel: String
    /// Shaded unit outlines.
    private(set) var areas: [String] = []
    /// Walking areas, over the units and under the streets.
    private(set) var walkingAreas: [String] = []
    /// The streets, over the units and walking areas, under the outlines and points.
    private(set) var streets: [String] = []
    /// Boundaries of units holding others, drawn over the shaded units and under the points.
    private(set) var outlines: [String] = []
    /// Point symbols, over the outlines.
    private(set) var points: [String] = []
    private(set) var labels: [String] = []
    private(set) var legend: [LegendEntry] = []
    /// Sentences for the map's caption: what it leaves out and why (no network saved, streets thinned).
    private(set) var notes: [String] = []
    /// Pixel cells already holding a point, per class, so that coincident points are drawn once.
    private var occupied: Set<String> = []

    private static let legendRowHeight = 20.0
    private static let legendColumnWidth = 230.0
    /// The band under the frame holding the scale bar (left) and the north arrow (right).
    static let furnitureHeight = 44.0
    static let walkingAreaOpacity = 0.85

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

    mutating func addNote(_ note: String) {
        if !notes.contains(note) { notes.append(note) }
    }

    /// The streets under the data, main streets (long ways) first and bolder, thinned to the map's scale.
    /// With `sharing`, the first map of a projection gives its streets an id and later maps of the same
    /// projection `<use>` them, so that a page of many maps carries its streets once.
    mutating func addStreets(
        _ layer: StreetLayer, mainLabel: String, otherLabel: String, thinnedNote: (Int) -> String,
        sharing: StreetSharing? = nil
    ) {
        let drawing: StreetSharing.Drawing
        if let shared = sharing?.drawings[projection] {
            drawing = shared
            streets.append("<use class=\"streets\" href=\"#\(shared.id.htmlEscaped)\"/>")
        } else {
            drawing = StreetSharing.Drawing(layer, projection: projection, id: sharing.map { $0.nextID() } ?? "\(id)-streets")
            sharing?.drawings[projection] = drawing
            streets.append(drawing.markup)
        }
        if drawing.hasMain { addLegend(StreetSharing.mainSymbol, mainLabel) }
        if drawing.hasOther { addLegend(StreetSharing.otherSymbol, otherLabel) }
        if drawing.droppedForBudget > 0 { addNote(thinnedNote(drawing.droppedForBudget)) }
    }

    /// A walking area: the reachable street portions drawn as wide translucent lines (a line as wide as the
    /// area's buffer on both sides, at least 3 pixels), so overlapping reaches do not darken.
    mutating func addWalkingArea(_ area: WalkingArea, fill: String, label: String) {
        var budget = 20_000
        var drawn: Set<SVGLines.SegmentKey> = []
        let drawing = SVGLines(projection: projection, tolerance: 0.8, minimumLength: 0, maxVertices: budget)
            .draw(area.lines, budget: &budget, drawn: &drawn)
        guard !drawing.data.isEmpty else { return }
        let width = max(3, 2 * area.bufferMeters * projection.pixelsPerMeter)
        walkingAreas.append(
            "<g class=\"walking-area\" opacity=\"\(svgNumber(Self.walkingAreaOpacity))\"><path d=\"\(drawing.data)\" fill=\"none\" stroke=\"\(fill)\" "
                + "stroke-width=\"\(svgNumber(width))\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></g>")
        addLegend(.band(fill: fill), label)
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
        case .line, .outline, .band:
            return
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
        let legendTop = mapHeight + Self.furnitureHeight
        let legendHeight = legend.isEmpty ? 0 : Double(rows) * Self.legendRowHeight + 12
        let height = legendTop + legendHeight
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id.htmlEscaped)\" class=\"map\" "
        svg += "viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" width=\"\(svgNumber(width))\" "
        svg += "height=\"\(svgNumber(height))\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">"
        svg += "<title>\(title.htmlEscaped)</title>"
        let clip = "\(id)-clip".htmlEscaped
        svg += "<defs><clipPath id=\"\(clip)\"><rect width=\"\(svgNumber(width))\" height=\"\(svgNumber(mapHeight))\"/>"
        svg += "</clipPath></defs>"
        svg += "<rect class=\"map-background\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(mapHeight))\" "
        svg += "fill=\"#fbfbf8\"/>"
        svg += "<g clip-path=\"url(#\(clip))\">" + areas.joined() + walkingAreas.joined() + streets.joined()
        svg += outlines.joined() + labels.joined() + points.joined() + "</g>"
        svg += "<rect class=\"map-frame\" x=\"0.5\" y=\"0.5\" width=\"\(svgNumber(width - 1))\" "
        svg += "height=\"\(svgNumber(mapHeight - 1))\" fill=\"none\" stroke=\"#888\"/>"
        svg += scaleBar() + northArrow() + legendBlock(top: legendTop, columns: columns)
        return svg + "</svg>"
    }

    /// Where the scale bar is drawn: the left of the band under the frame, where no data is drawn.
    var scaleBarBox: Box {
        let meters = Self.roundLength(below: projection.metersPerPixel * projection.width / 5)
        let length = meters * projection.pixelsPerMeter
        return Box(x: 12, y: projection.height + 14, width: length + 60, height: 16)
    }

    /// Where the north arrow is drawn: the right of the band under the frame.
    var northArrowBox: Box {
        Box(x: projection.width - 44, y: projection.height + 4, width: 40, height: Self.furnitureHeight - 6)
    }

    /// A bar of a round length (1, 2 or 5 × 10ⁿ metres) about a fifth of the map's width.
    func scaleBar() -> String {
        let meters = Self.roundLength(below: projection.metersPerPixel * projection.width / 5)
        let length = meters * projection.pixelsPerMeter
        let x = scaleBarBox.x
        let y = scaleBarBox.y + 4
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
        // The arrow, and its letter to the left of it, inside their box under the frame.
        let box = northArrowBox
        let x = box.x + box.width - 12
        let y = box.y + 4
        return "<g class=\"north-arrow\"><path d=\"M\(svgNumber(x)) \(svgNumber(y))l7 24l-7 -6l-7 6z\" fill=\"#333\"/>"
            + "<text x=\"\(svgNumber(x - 12))\" y=\"\(svgNumber(y + 20))\" text-anchor=\"end\">"
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
        case .line(let stroke, let width):
            return "<path d=\"M\(svgNumber(x)) \(cy)h14\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(max(width, 1)))\"/>"
        case .outline(let stroke):
            return "<rect x=\"\(svgNumber(x + 1))\" y=\"\(svgNumber(y + 1))\" width=\"12\" height=\"12\" fill=\"none\" "
                + "stroke=\"\(stroke)\" stroke-width=\"1.8\"/>"
        case .band(let fill):
            return "<path d=\"M\(svgNumber(x + 3)) \(cy)h8\" stroke=\"\(fill)\" stroke-width=\"8\" stroke-linecap=\"round\" "
                + "opacity=\"\(svgNumber(Self.walkingAreaOpacity))\"/>"
        case .square(let stroke):
            return
                "<rect x=\"\(svgNumber(x + 3.5))\" y=\"\(svgNumber(y + 3.5))\" width=\"7\" height=\"7\" fill=\"none\" "
                + "stroke=\"\(stroke)\" stroke-width=\"1.8\"/>"
        }
    }
}
