public import FacilityKit
public import GeoCore

/// What the rule evaluator needs to know about the world, as of one date. The Planner provides it
/// from the registry, the admin units, the walking network and the demand; tests provide small
/// in-memory ones. Anything missing is an `EvidenceUnavailable` with a reason a person can act on,
/// and the rule is reported as not evaluable, never as passed.
public protocol RuleEvidence {
    /// The date the registry is read as of.
    var asOf: CivilDate { get }
    /// The admin units (街道/社区, or a whole district) the check is about.
    var units: [AdminUnit] { get }
    /// The facilities of a kind open on `asOf`; nil when no plugin of that kind is registered.
    func facilities(of kind: PluginID) -> [FacilityRecord]?
    /// The typed attributes of a facility with the plugin's derived ones added.
    func attributes(of facility: FacilityRecord) -> [String: AttributeValue]
    /// The admin unit whose polygon holds the facility; nil when none does.
    func unit(of facility: FacilityRecord) -> AdminUnitID?
    /// The population of a group living within a walking distance of any of the facilities,
    /// overall and per admin unit.
    func coverage(of facilities: [FacilityRecord], group: PopulationGroupName, withinMeters: Double)
        throws(EvidenceUnavailable) -> PopulationCoverage
    /// Two-step floating catchment: supply (e.g. 托位) per `per` residents of the group, as each
    /// resident can reach it within the distance; population-weighted, overall and per admin unit.
    func floatingCatchment(
        supply: [(facility: FacilityRecord, amount: Double)], group: PopulationGroupName, withinMeters: Double,
        per: Double
    ) throws(EvidenceUnavailable) -> UnitFigures
    /// Distance as the crow flies (geodesic), in metres.
    func straightLineMeters(from a: Coordinate, to b: Coordinate) -> Double
    /// The name of a kind in both languages (the plugin's name), for sentences in reports; nil
    /// when unknown, and the kind's id is shown instead.
    func label(of kind: PluginID) -> LocalizedText?
    /// The name of a population group (`age_0_3` → 0–3岁儿童); nil shows the group's id.
    func label(of group: PopulationGroupName) -> LocalizedText?
    /// The label of a kind's field (`places` → 托位数); nil shows the field's name.
    func label(ofField field: String, of kind: PluginID) -> LocalizedText?
}

extension RuleEvidence {
    public func label(of kind: PluginID) -> LocalizedText? { nil }
    public func label(of group: PopulationGroupName) -> LocalizedText? { nil }
    public func label(ofField field: String, of kind: PluginID) -> LocalizedText? { nil }
}

/// The id of an admin unit: its code where it has one (e.g. 440114), else its name.
public struct AdminUnitID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: AdminUnitID, b: AdminUnitID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A 街道, 社区 or district: its outline (EPSG:4326) and its residents by group, where known.
public struct AdminUnit: Hashable, Sendable {
    public var id: AdminUnitID
    public var name: String
    /// e.g. `district`, `street`, `community`.
    public var level: String?
    public var parent: AdminUnitID?
    public var outline: Geometry?
    /// Residents by group, where the unit's data gives them.
    public var population: [PopulationGroupName: Double]
    /// Where the population figures come from (e.g. "花都区统计局 2023 年末常住人口").
    public var populationSource: String?

    public init(
        id: AdminUnitID, name: String, level: String? = nil, parent: AdminUnitID? = nil, outline: Geometry? = nil,
        population: [PopulationGroupName: Double] = [:], populationSource: String? = nil
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.parent = parent
        self.outline = outline
        self.population = population
        self.populationSource = populationSource
    }
}

/// A figure overall and per admin unit.
public struct UnitFigures: Hashable, Sendable {
    public var overall: Double
    public var byUnit: [AdminUnitID: Double]

    public init(overall: Double, byUnit: [AdminUnitID: Double] = [:]) {
        self.overall = overall
        self.byUnit = byUnit
    }
}

/// Residents within reach and in all, overall and per admin unit.
public struct PopulationCoverage: Hashable, Sendable {
    public var covered: UnitFigures
    public var total: UnitFigures
    /// Demand that could not be snapped to the network: counted as not covered, and said so.
    public var unsnappedPopulation: Double
    /// Where the uncovered residents are (demand unit locations), for the report's gap map.
    public var uncoveredLocations: [Coordinate]
    /// Residents on a part of the walking network that holds none of the facilities (a town joined to the
    /// rest only by roads one cannot walk): no walk reaches one. Overall and per admin unit.
    public var inPartsWithoutFacility: UnitFigures
    /// Residents whose nearest street was a fragment too small to analyse (they were snapped to a larger part).
    public var nearFragments: Double

    public init(
        covered: UnitFigures, total: UnitFigures, unsnappedPopulation: Double = 0,
        uncoveredLocations: [Coordinate] = [], inPartsWithoutFacility: UnitFigures = UnitFigures(overall: 0),
        nearFragments: Double = 0
    ) {
        self.covered = covered
        self.total = total
        self.unsnappedPopulation = unsnappedPopulation
        self.uncoveredLocations = uncoveredLocations
        self.inPartsWithoutFacility = inPartsWithoutFacility
        self.nearFragments = nearFragments
    }
}

/// Why a rule could not be evaluated, in both report languages.
public struct EvidenceUnavailable: Error, Hashable, Sendable {
    public var reason: LocalizedText
    public init(_ reason: LocalizedText) { self.reason = reason }
    public init(zh: String, en: String) { self.reason = LocalizedText(zh: zh, en: en) }
}
