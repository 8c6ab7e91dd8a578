import FacilityKit
import GeoCore
import Rules

/// The colours of the maps: pale for context, warm for what fails, cool for facilities.
enum MapPalette {
    /// Units shaded by how many rules fail in them: 0, 1, 2, 3 or more.
    static let failingRuleShades = ["#e9f3e4", "#fdd9b5", "#f6a165", "#d7482a"]
    static let unitPassed = "#cfe8c9"
    static let unitFailed = "#f4a582"
    static let unitNoData = "#dcdcdc"
    static let unitContext = "#f4f4f0"
    static let failing = "#c0181d"
    static let missingData = "#e08600"
    static let uncovered = "#5b2c83"
    /// Facilities meeting a rule, and the area they serve on foot.
    static let meeting = "#1f78b4"
    static let walkingArea = "#8cc4ea"
    static let container = "#333"
    /// Facility kinds on the overview map, in the order the report lists them.
    static let kinds = ["#1f6fb4", "#2a9d3a", "#8e5bbf", "#8c564b", "#d24fa8", "#1aa3b8", "#9a9a22", "#555555"]
}

extension CheckReport {
    static let mapWidth = 760.0
    static let mapMaxHeight = 560.0
    static let mapMargin = 18.0
    /// Above this many units, the maps leave out unit names.
    static let maxLabelledUnits = 40

    /// Units with an outline, largest first, so that smaller units are drawn on top of the ones holding them.
    var drawableUnits: [(unit: AdminUnit, outline: Geometry)] {
        units.compactMap { unit in unit.outline.map { (unit, $0) } }
            .filter { !$0.outline.isEmpty }
            .sorted { area(of: $0.outline) > area(of: $1.outline) }
    }

    /// The drawable units split into those holding other drawable units (a district around its
    /// streets), drawn as bold outlines on top, and the innermost ones, which the maps shade.
    var mapLayers:
        (innermost: [(unit: AdminUnit, outline: Geometry)], containers: [(unit: AdminUnit, outline: Geometry)])
    {
        let units = drawableUnits
        let parents = Set(units.compactMap(\.unit.parent))
        return (units.filter { !parents.contains($0.unit.id) }, units.filter { parents.contains($0.unit.id) })
    }

    private func area(of geometry: Geometry) -> Double {
        guard let box = geometry.boundingBox else { return 0 }
        return (box.maxX - box.minX) * (box.maxY - box.minY)
    }

    /// A projection fitted to the units' outlines, or to `points` when no unit has one.
    func mapProjection(points: [Coordinate]) -> MapProjection? {
        let outlines = drawableUnits.map(\.outline)
        guard let extent = MapProjection.extent(of: outlines, points: outlines.isEmpty ? points : []) else {
            return nil
        }
        return MapProjection(
            extent: extent, width: Self.mapWidth, maxHeight: Self.mapMaxHeight, margin: Self.mapMargin)
    }

    /// The streets under a map, or the caption's note that no network is saved.
    private func addStreets(to map: inout SVGMap, _ words: ReportWording, sharing: StreetSharing?) {
        guard let streets else {
            map.addNote(Words.noNetwork(words.language))
            return
        }
        map.addStreets(
            streets, mainLabel: words(Words.mainStreets), otherLabel: words(Words.otherStreets),
            thinnedNote: { Words.streetsThinned($0, source: streets.source, words.language) }, sharing: sharing)
    }

    private func addContainers(
        to map: inout SVGMap, _ containers: [(unit: AdminUnit, outline: Geometry)], _ words: ReportWording,
        tooltip: (AdminUnit) -> String
    ) {
        for (unit, outline) in containers { map.addOutline(outline, tooltip: tooltip(unit)) }
        if !containers.isEmpty { map.addLegend(.outline(stroke: MapPalette.container), words(Words.unitBoundary)) }
    }

    /// The overview: units shaded by how many rules fail in each, facilities as points per kind.
    func overviewMap(_ words: ReportWording, sharing: StreetSharing? = nil) -> SVGMap? {
        let points = kinds.flatMap(\.locations)
        guard let projection = mapProjection(points: points) else { return nil }
        var map = SVGMap(
            id: "map-overview", title: words(Words.overviewMap), projection: projection, northLabel: words(Words.north))
        let failing = failingRuleCounts
        let unevaluated = unevaluatedRuleCounts
        let (units, containers) = mapLayers
        // A unit where nothing fails but some rules could not be evaluated is grey, never the pale green of a pass.
        func isUnknown(_ id: AdminUnitID) -> Bool { (failing[id] ?? 0) == 0 && (unevaluated[id] ?? 0) > 0 }
        func label(_ id: AdminUnitID) -> String {
            let count = failing[id] ?? 0
            guard let unknown = unevaluated[id], unknown > 0 else { return failingRuleLabel(count, words) }
            return failingRuleLabel(count, words) + words.pick("，\(unknown) 项无法评估", ", \(unknown) not evaluable")
        }
        if !units.isEmpty {
            let last = MapPalette.failingRuleShades.count - 1
            for (count, shade) in MapPalette.failingRuleShades.enumerated() {
                map.addLegend(.area(fill: shade), failingRuleLabel(count, words, orMore: count == last))
            }
            if units.contains(where: { isUnknown($0.unit.id) }) {
                map.addLegend(
                    .area(fill: MapPalette.unitNoData),
                    words.pick("0 项未达标，但有指标无法评估（缺数据）", "none failing, but some not evaluable (no data)"))
            }
        }
        for (unit, outline) in units {
            let count = failing[unit.id] ?? 0
            let unknown = isUnknown(unit.id)
            let shade =
                unknown ? MapPalette.unitNoData : MapPalette.failingRuleShades[min(count, MapPalette.failingRuleShades.count - 1)]
            map.addArea(
                outline, fill: shade, cssClass: unknown ? "unit not-evaluable" : "unit failing-rules-\(min(count, 3))",
                tooltip: "\(unit.name) (\(unit.id)): \(label(unit.id))")
        }
        addStreets(to: &map, words, sharing: sharing)
        addContainers(to: &map, containers, words) { "\($0.name) (\($0.id)): \(label($0.id))" }
        addUnitLabels(to: &map, units)
        for (index, layer) in kinds.enumerated() where !layer.locations.isEmpty {
            let colour = MapPalette.kinds[index % MapPalette.kinds.count]
            map.addLegend(.point(fill: colour), "\(words(layer.name)) (\(layer.locations.count))")
            for location in layer.locations {
                map.addPoint(location, symbol: .point(fill: colour), cssClass: "facility kind-\(layer.kind)")
            }
        }
        return map
    }

    /// "2 项未达标", "≥ 3 项未达标" / "2 targets failing".
    private func failingRuleLabel(_ count: Int, _ words: ReportWording, orMore: Bool = false) -> String {
        let number = orMore ? "≥ \(count)" : "\(count)"
        return words.pick("\(number) 项未达标", number + (count == 1 && !orMore ? " target failing" : " targets failing"))
    }

    /// A rule's map, when it has places to show: units shaded by its per-unit result, failing
    /// facilities and venues as marks, uncovered residents as dots. Nil when it has none.
    func ruleMap(_ outcome: RuleResult, _ words: ReportWording, sharing: StreetSharing? = nil) -> SVGMap? {
        let (units, containers) = mapLayers
        let outcomes = Dictionary(outcome.units.map { ($0.unit, $0) }) { first, _ in first }
        let hasUnitResults = (units + containers).contains { outcomes[$0.unit.id] != nil }
        guard hasUnitResults || !outcome.failing.isEmpty || !outcome.uncoveredLocations.isEmpty || !outcome.meeting.isEmpty
        else { return nil }
        let points = outcome.failing.map(\.location) + outcome.uncoveredLocations + outcome.meeting.map(\.location)
        guard let projection = mapProjection(points: points) else { return nil }
        var map = SVGMap(
            id: "map-rule-\(outcome.rule.id)", title: "\(words(outcome.rule.title)) — \(words(Words.ruleMapCaption))",
            projection: projection, northLabel: words(Words.north))
        let shading: [(state: String, fill: String, label: LocalizedText)] = [
            ("unit-passed", MapPalette.unitPassed, Words.unitPassed),
            ("unit-failed", MapPalette.unitFailed, Words.unitFailed),
            ("unit-no-data", MapPalette.unitNoData, Words.unitNoData),
            ("unit-context", MapPalette.unitContext, Words.unitContext),
        ]
        func shade(_ id: AdminUnitID) -> Int {
            guard let reading = outcomes[id] else { return 3 }
            return reading.passed.map { $0 ? 0 : 1 } ?? 2
        }
        let used = Set(units.map { shade($0.unit.id) })
        for (index, entry) in shading.enumerated() where used.contains(index) {
            map.addLegend(.area(fill: entry.fill), words(entry.label))
        }
        for (unit, outline) in units {
            let (state, fill, _) = shading[shade(unit.id)]
            let figure = outcomes[unit.id].map { words.value($0.measured, of: outcome) }
            map.addArea(
                outline, fill: fill, cssClass: "unit \(state)",
                tooltip: "\(unit.name) (\(unit.id))" + (figure.map { ": \($0)" } ?? ""))
        }
        if let area = walkingAreas[outcome.rule.id] {
            map.addWalkingArea(area, fill: MapPalette.walkingArea, label: Words.walkingArea(area.meters, words.language))
        }
        addStreets(to: &map, words, sharing: sharing)
        addContainers(to: &map, containers, words) { unit in
            "\(unit.name) (\(unit.id))" + (outcomes[unit.id].map { ": " + words.value($0.measured, of: outcome) } ?? "")
        }
        addUnitLabels(to: &map, units)
        for feature in outcome.meeting {
            map.addPoint(
                feature.location, symbol: .point(fill: MapPalette.meeting), cssClass: "meeting-feature",
                tooltip: "\(feature.name) (\(feature.facility))")
        }
        if !outcome.meeting.isEmpty { map.addLegend(.point(fill: MapPalette.meeting), words(Words.meetingFacilities)) }
        for location in outcome.uncoveredLocations {
            map.addPoint(location, symbol: .dot(fill: MapPalette.uncovered), cssClass: "uncovered")
        }
        if !outcome.uncoveredLocations.isEmpty {
            map.addLegend(.dot(fill: MapPalette.uncovered), words(Words.uncoveredResidents))
        }
        for feature in outcome.failing {
            let tooltip =
                "\(feature.name) (\(feature.facility)): " + words.failingReason(feature.reason, kind: feature.kind)
            if case .missingData = feature.reason {
                map.addLegend(.square(stroke: MapPalette.missingData), words(Words.featureMissingData))
                map.addPoint(
                    feature.location, symbol: .square(stroke: MapPalette.missingData),
                    cssClass: "failing-feature reason-missing-data", tooltip: tooltip)
            } else {
                map.addLegend(.cross(stroke: MapPalette.failing), words(Words.featureFails))
                map.addPoint(
                    feature.location, symbol: .cross(stroke: MapPalette.failing),
                    cssClass: "failing-feature reason-fails",
                    tooltip: tooltip)
            }
        }
        return map
    }

    private func addUnitLabels(to map: inout SVGMap, _ units: [(unit: AdminUnit, outline: Geometry)]) {
        guard units.count <= Self.maxLabelledUnits else { return }
        for (unit, outline) in units { map.addLabel(unit.name, at: outline) }
    }
}
