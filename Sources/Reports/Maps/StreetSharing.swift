/// The streets of one page's maps, drawn once per projection: the first map of a projection carries them under
/// an id, the others `<use>` them (an inline SVG may reference an element of another in the same document).
final class StreetSharing {
    /// The streets thinned for one projection.
    struct Drawing {
        var id: String
        /// The `<g>` with an id, holding the main and the other streets' paths.
        var markup: String
        var hasMain: Bool
        var hasOther: Bool
        var droppedForBudget: Int

        /// Main streets first, bolder; then the rest, within one vertex budget for both.
        init(_ layer: StreetLayer, projection: MapProjection, id: String) {
            let ordered = layer.lines.enumerated().sorted { a, b in
                a.element.wayLength != b.element.wayLength
                    ? a.element.wayLength > b.element.wayLength : a.offset < b.offset
            }.map(\.element)
            // Main streets: ways of at least a kilometre, or, where the ways are short (an extract cut into
            // pieces), the longest ways holding the top sixth of the lines.
            let sixth = ordered.isEmpty ? 0 : ordered[(ordered.count - 1) / 6].wayLength
            let threshold = min(StreetLayer.mainStreetLength, sixth)
            let main = ordered.prefix { $0.wayLength >= threshold && $0.wayLength > 0 }
            let other = ordered.dropFirst(main.count)
            let lines = SVGLines(projection: projection)
            var budget = lines.maxVertices
            var drawn: Set<SVGLines.SegmentKey> = []
            let mainDrawing = lines.draw(main.map(\.points), budget: &budget, drawn: &drawn)
            let otherDrawing = lines.draw(other.map(\.points), budget: &budget, drawn: &drawn)
            self.id = id
            var markup = "<g id=\"\(id.htmlEscaped)\" class=\"streets\" fill=\"none\" stroke-linecap=\"round\">"
            if !otherDrawing.data.isEmpty {
                markup += "<path class=\"street street-other\" d=\"\(otherDrawing.data)\" stroke=\"\(Self.otherColour)\" "
                    + "stroke-width=\"\(svgNumber(Self.otherWidth))\"/>"
            }
            if !mainDrawing.data.isEmpty {
                markup += "<path class=\"street street-main\" d=\"\(mainDrawing.data)\" stroke=\"\(Self.mainColour)\" "
                    + "stroke-width=\"\(svgNumber(Self.mainWidth))\"/>"
            }
            self.markup = markup + "</g>"
            hasMain = !mainDrawing.data.isEmpty
            hasOther = !otherDrawing.data.isEmpty
            droppedForBudget = mainDrawing.droppedForBudget + otherDrawing.droppedForBudget
        }

        static let mainColour = "#8d8d8d"
        static let otherColour = "#b4b4b4"
        static let mainWidth = 1.3
        static let otherWidth = 0.6
    }

    static let mainSymbol = SVGMap.Symbol.line(stroke: Drawing.mainColour, width: Drawing.mainWidth)
    static let otherSymbol = SVGMap.Symbol.line(stroke: Drawing.otherColour, width: Drawing.otherWidth)

    var drawings: [MapProjection: Drawing] = [:]
    private let prefix: String

    init(prefix: String = "streets") { self.prefix = prefix }

    func nextID() -> String { "\(prefix)-\(drawings.count + 1)" }
}
