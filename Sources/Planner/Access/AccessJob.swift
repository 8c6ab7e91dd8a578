public import Coverage
public import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
public import Reports
import Rules

/// The capacity-accessibility use case: the registry's facilities of one kind as of a date, each with the
/// amount its capacity field gives (托位 of `childcare`), shared among the residents of a population group
/// in the registry's demand within a walking distance (two-step floating catchment). Facilities whose field
/// is empty are listed and left out.
public struct AccessJob {
    public let registry: String
    public let kind: any FacilityPlugin
    public let capacityField: String
    public let group: PopulationGroup
    public let withinMeters: Double
    public let decay: FloatingCatchment.Decay
    public let per: Double
    /// The value Aᵢ should reach (e.g. 5.5 per 1,000), for the share of residents below it.
    public let target: Double?
    public let maxSnapDistance: Double
    public let asOf: CivilDate?

    public init(
        registry: String, kind: any FacilityPlugin, capacityField: String, group: PopulationGroup,
        withinMeters: Double, decay: FloatingCatchment.Decay = .none, per: Double = 1000, target: Double? = nil,
        maxSnapDistance: Double = 250, asOf: CivilDate? = nil
    ) {
        self.registry = registry
        self.kind = kind
        self.capacityField = capacityField
        self.group = group
        self.withinMeters = withinMeters
        self.decay = decay
        self.per = per
        self.target = target
        self.maxSnapDistance = maxSnapDistance
        self.asOf = asOf
    }

    /// The field of `kind` named `name`, checked to hold numbers.
    public static func capacityField(_ name: String, of kind: any FacilityPlugin) throws(AccessError) -> FieldSpec {
        let numeric = kind.schema.fields.filter { $0.type == .integer || $0.type == .real }.map(\.name)
        guard let field = kind.schema.field(named: name) else {
            throw .unknownCapacityField(kind: kind.id, field: name, numericFields: numeric)
        }
        guard field.type == .integer || field.type == .real else {
            throw .capacityNotNumeric(kind: kind.id, field: name, type: field.type.name, numericFields: numeric)
        }
        return field
    }

    public func run(progress: @escaping @Sendable (String) -> Void) throws -> AccessRun {
        _ = try Self.capacityField(capacityField, of: kind)
        progress("loading the network")
        let context = try AnalysisContext(registry: registry, kinds: [], asOf: asOf)
        let demandStore = DemandStore(registry: registry)
        guard demandStore.exists else {
            throw RegistryError.input(
                file: demandStore.url.path, reason: "no demand; import population with `lifecircle demand import`")
        }
        let units = try demandStore.load()
        guard !units.isEmpty else {
            throw RegistryError.input(
                file: demandStore.url.path, reason: "the demand has no units; import population with `lifecircle demand import`")
        }
        guard units.contains(where: { $0.population[group] != nil }) else {
            let present = PopulationGroup.allCases.filter { g in units.contains { $0.population[g] != nil } }
            throw RegistryError.input(
                file: demandStore.url.path,
                reason: "no demand unit counts the group '\(group.rawValue)' (the demand has: "
                    + "\(present.map(\.rawValue).joined(separator: ", "))); import it with "
                    + "`lifecircle demand import … --groups \(group.rawValue)=COLUMN`")
        }
        let store = try GeoPackageFacilityStore(readingFrom: registry)
        var supply: [(facility: FacilityRecord, amount: Double)] = []
        var withoutCapacity: [FacilityRecord] = []
        for record in try store.facilities(kind: kind.id, in: nil, asOf: asOf) {
            if let amount = record.attributes[capacityField]?.numericValue {
                supply.append((record, amount))
            } else {
                withoutCapacity.append(record)
            }
        }
        progress("snapping \(units.count) demand units")
        let analysis = try AccessAnalysis(graph: context.graph, demand: units, maxSnapDistance: maxSnapDistance)
        progress("searching from \(supply.count) facilities within \(Int(withinMeters)) m")
        let result = try analysis.run(
            supply: supply, group: group, withinMeters: withinMeters, per: per, decay: decay,
            progress: { done, total in progress("searched from \(done) of \(total) facilities") })
        let adminUnits = try AdminUnitStore(registry: registry).load()
        let unitFigures =
            adminUnits.contains(where: { $0.outline != nil })
            ? try AccessUnitFigures.byOutline(adminUnits, result: result, target: target)
            : AccessUnitFigures.byDemandName(result: result, target: target)
        let outlines = adminUnits.compactMap(\.outline).flatMap(\.coordinates).filter(\.isValidGeographic)
        let streets = ReportMapLayers.streets(
            of: context.graph, within: BoundingBox(covering: outlines),
            source: NetworkFiles(registry: registry).cache.lastPathComponent)
        return AccessRun(
            kind: kind.id, capacityField: capacityField, target: target, result: result,
            withoutCapacity: withoutCapacity, unitFigures: unitFigures, streets: streets)
    }
}

/// What ``AccessJob`` found, with the figures a summary reports.
public struct AccessRun: Sendable {
    public let kind: PluginID
    public let capacityField: String
    public let target: Double?
    public let result: AccessResult
    /// Facilities open on the date whose capacity field is empty: left out of the run.
    public let withoutCapacity: [FacilityRecord]
    /// Figures per admin unit: the registry's units (`registry.admin.gpkg`) when it has outlines, each over
    /// the demand inside it; otherwise the units the demand names; empty when there are neither.
    public let unitFigures: [AccessUnitFigures]
    /// The network's streets for the map page.
    public let streets: StreetLayer

    /// Population-weighted mean, quantiles and share below the target, over every demand unit.
    public var summary: FloatingCatchmentResult.Summary { result.catchment.summary(target: target) }

    /// Whether ``unitFigures`` are the registry's admin units, with outlines.
    public var unitsHaveOutlines: Bool { unitFigures.contains { $0.outline != nil } }
}
