public import FacilityKit
public import GeoCore

/// Evidence held in memory: facilities, admin units and which unit holds each facility, with the
/// network answers (coverage, two-step floating catchment) and distances given as functions. For
/// tests and for what-if runs whose figures are already known; the Planner's evidence computes
/// them on the walking network.
public struct StaticRuleEvidence: RuleEvidence {
    public typealias CoverageAnswer =
        @Sendable (
            _ facilities: [FacilityRecord], _ group: PopulationGroupName, _ withinMeters: Double
        ) throws(EvidenceUnavailable) -> PopulationCoverage
    public typealias CatchmentAnswer =
        @Sendable (
            _ supply: [(facility: FacilityRecord, amount: Double)], _ group: PopulationGroupName,
            _ withinMeters: Double,
            _ per: Double
        ) throws(EvidenceUnavailable) -> UnitFigures

    public var asOf: CivilDate
    public var units: [AdminUnit]
    /// Every facility by kind, open or not; a kind absent here has no plugin.
    public var facilitiesByKind: [PluginID: [FacilityRecord]]
    /// Which admin unit holds each facility, by kind and id.
    public var placement: [PluginID: [FacilityID: AdminUnitID]]
    public var labels: [PluginID: LocalizedText]
    /// Adds a kind's derived attributes to the typed ones.
    public var derive: @Sendable (PluginID, [String: AttributeValue]) -> [String: AttributeValue]
    public var coverageAnswer: CoverageAnswer?
    public var catchmentAnswer: CatchmentAnswer?
    public var distance: @Sendable (Coordinate, Coordinate) -> Double

    /// Without `coverage` or `catchment`, rules that need them are not evaluable ("no walking
    /// network or demand"); without `distance`, venues are matched by name only.
    public init(
        asOf: CivilDate, units: [AdminUnit] = [], facilities: [PluginID: [FacilityRecord]],
        placement: [PluginID: [FacilityID: AdminUnitID]] = [:], labels: [PluginID: LocalizedText] = [:],
        derive: @escaping @Sendable (PluginID, [String: AttributeValue]) -> [String: AttributeValue] = { _, _ in [:] },
        coverage: CoverageAnswer? = nil, catchment: CatchmentAnswer? = nil,
        distance: @escaping @Sendable (Coordinate, Coordinate) -> Double = { _, _ in .infinity }
    ) {
        self.asOf = asOf
        self.units = units
        facilitiesByKind = facilities
        self.placement = placement
        self.labels = labels
        self.derive = derive
        coverageAnswer = coverage
        catchmentAnswer = catchment
        self.distance = distance
    }

    public func facilities(of kind: PluginID) -> [FacilityRecord]? {
        facilitiesByKind[kind]?.filter { $0.isOpen(on: asOf) }
    }

    public func attributes(of facility: FacilityRecord) -> [String: AttributeValue] {
        facility.attributes.merging(derive(facility.kind, facility.attributes)) { typed, _ in typed }
    }

    public func unit(of facility: FacilityRecord) -> AdminUnitID? { placement[facility.kind]?[facility.id] }

    public func coverage(of facilities: [FacilityRecord], group: PopulationGroupName, withinMeters: Double)
        throws(EvidenceUnavailable) -> PopulationCoverage
    {
        guard let coverageAnswer else { throw Self.noNetwork }
        return try coverageAnswer(facilities, group, withinMeters)
    }

    public func floatingCatchment(
        supply: [(facility: FacilityRecord, amount: Double)], group: PopulationGroupName, withinMeters: Double,
        per: Double
    ) throws(EvidenceUnavailable) -> UnitFigures {
        guard let catchmentAnswer else { throw Self.noNetwork }
        return try catchmentAnswer(supply, group, withinMeters, per)
    }

    public func straightLineMeters(from a: Coordinate, to b: Coordinate) -> Double { distance(a, b) }

    public func label(of kind: PluginID) -> LocalizedText? { labels[kind] }

    static let noNetwork = EvidenceUnavailable(
        zh: "没有步行路网或人口分布：先运行 lifecircle network build 与 lifecircle demand import",
        en: "No walking network or demand: run lifecircle network build and lifecircle demand import first")
}
