public import Coverage
public import GeoCore
import GeometryOps
public import Rules

/// The accessibility of one admin unit: the population-weighted figures over the demand units inside it.
public struct AccessUnitFigures: Sendable {
    /// The registry's unit id, or the name the demand gives when the registry has no admin units.
    public let id: String
    public let name: String
    /// The unit's outline (EPSG:4326); nil when the unit is only a name in the demand.
    public let outline: Geometry?
    /// Residents of the group, mean Aᵢ, quantiles and share below the target over the unit's demand.
    public let summary: FloatingCatchmentResult.Summary

    public init(id: String, name: String, outline: Geometry?, summary: FloatingCatchmentResult.Summary) {
        self.id = id
        self.name = name
        self.outline = outline
        self.summary = summary
    }

    /// One entry per admin unit with an outline: a demand unit counts in every unit whose outline holds its
    /// point (a district and its street alike), found with GEOS prepared geometries.
    static func byOutline(
        _ units: [AdminUnit], result: AccessResult, target: Double?
    ) throws -> [AccessUnitFigures] {
        let engine = try GeometryEngine()
        let locations = result.units.map(\.location)
        var figures: [AccessUnitFigures] = []
        for unit in units.sorted(by: { $0.id < $1.id }) {
            guard let outline = unit.outline, !outline.isEmpty else { continue }
            let prepared = try PlanarGeometry(outline, in: engine).prepared()
            let inside = try prepared.intersects(locations)
            let summary = result.catchment.summary(target: target) { inside[$0] }
            figures.append(AccessUnitFigures(id: unit.id.rawValue, name: unit.name, outline: outline, summary: summary))
        }
        return figures
    }

    /// One entry per admin unit the demand names, without outlines.
    static func byDemandName(result: AccessResult, target: Double?) -> [AccessUnitFigures] {
        Array(Set(result.units.compactMap(\.adminUnit))).sorted().map { name in
            let summary = result.catchment.summary(target: target) { result.units[$0].adminUnit == name }
            return AccessUnitFigures(id: name, name: name, outline: nil, summary: summary)
        }
    }
}
