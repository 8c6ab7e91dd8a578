import Coverage
public import FacilityKit
public import FacilityRegistry
import Foundation
public import GeoCore
import GeometryOps
import Projection
public import Rules
public import WalkNetwork

/// What a compliance check knows, read from the registry and the files beside it: facilities as of a
/// date, the admin units, the walking network and the demand. Missing pieces become `EvidenceUnavailable`
/// with the command that makes them, so a rule that needs them is reported as not evaluable.
public final class RegistryEvidence: RuleEvidence {
    public let asOf: CivilDate
    public let units: [AdminUnit]
    let plugins: [PluginID: any FacilityPlugin]
    let graph: WalkGraph?
    let demand: [DemandUnit]
    let maxSnapDistance: Double
    /// Each unit's outline, prepared for point-in-polygon tests; smaller units first, so a facility is
    /// placed in the most specific unit that holds it.
    private let outlines: [(id: AdminUnitID, outline: PreparedGeometry)]
    /// The facilities of the kinds read, open on `asOf`.
    private let facilitiesByKind: [PluginID: [FacilityRecord]]
    private var unitCache: [FacilityKey: AdminUnitID?] = [:]
    /// The demand inside the area, snapped once for every floating-catchment rule of a check.
    private var accessAnalysis: AccessAnalysis?
    /// The unit of each demand unit, by index; nil when it lies outside every unit.
    private lazy var demandUnits: [AdminUnitID?] = demand.map { unitID(at: $0.location) }

    private struct FacilityKey: Hashable {
        var kind: PluginID
        var id: FacilityID
    }

    /// Reads the facilities of `kinds` as of the date here, so that a row the store cannot read fails the
    /// check (naming table, fid and column) instead of leaving the kind empty.
    /// - Parameters:
    ///   - kinds: the kinds the rules read; ``facilities(of:)`` answers nil for any other.
    ///   - graph: the saved walking network, when there is one.
    ///   - demand: the registry's demand units (empty when none were imported).
    public init(
        asOf: CivilDate, plugins: [any FacilityPlugin], store: any FacilityStore, units: [AdminUnit],
        graph: WalkGraph?, demand: [DemandUnit], maxSnapDistance: Double, kinds: Set<PluginID>
    ) throws {
        self.asOf = asOf
        self.plugins = Dictionary(plugins.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let storedKinds = Set(try store.kinds())
        var facilitiesByKind: [PluginID: [FacilityRecord]] = [:]
        for kind in kinds where self.plugins[kind] != nil {
            facilitiesByKind[kind] =
                storedKinds.contains(kind) ? try store.facilities(kind: kind, in: nil, asOf: asOf) : []
        }
        self.facilitiesByKind = facilitiesByKind
        self.units = units
        self.graph = graph
        self.demand = demand
        self.maxSnapDistance = maxSnapDistance
        let engine = try GeometryEngine()
        var outlines: [(id: AdminUnitID, area: Double, outline: PreparedGeometry)] = []
        for unit in units {
            guard let outline = unit.outline else { continue }
            let planar = try PlanarGeometry(outline, in: engine)
            outlines.append((unit.id, try planar.area, try planar.prepared()))
        }
        self.outlines = outlines.sorted { $0.area < $1.area }.map { ($0.id, $0.outline) }
    }

    public func facilities(of kind: PluginID) -> [FacilityRecord]? {
        facilitiesByKind[kind]
    }

    public func attributes(of facility: FacilityRecord) -> [String: AttributeValue] {
        plugins[facility.kind]?.attributesWithDerived(facility.attributes) ?? facility.attributes
    }

    public func unit(of facility: FacilityRecord) -> AdminUnitID? {
        let key = FacilityKey(kind: facility.kind, id: facility.id)
        if let known = unitCache[key] { return known }
        let found = unitID(at: facility.location)
        unitCache[key] = found
        return found
    }

    private func unitID(at point: Coordinate) -> AdminUnitID? {
        outlines.first { (try? $0.outline.intersects(point)) == true }?.id
    }

    public func label(of kind: PluginID) -> LocalizedText? {
        plugins[kind]?.descriptor.name
    }

    public func label(of group: PopulationGroupName) -> LocalizedText? {
        PopulationGroup(rawValue: group.rawValue).map { LocalizedText(zh: $0.label.zh, en: $0.label.en) }
    }

    public func label(ofField field: String, of kind: PluginID) -> LocalizedText? {
        plugins[kind].flatMap { plugin in (plugin.schema.fields + plugin.derivedFields).first { $0.name == field }?.label }
    }

    public func straightLineMeters(from a: Coordinate, to b: Coordinate) -> Double {
        Geodesic.distance(a, b)
    }

    public func coverage(of facilities: [FacilityRecord], group: PopulationGroupName, withinMeters: Double)
        throws(EvidenceUnavailable) -> PopulationCoverage
    {
        let (graph, demand, populationGroup) = try walkingInputs(group: group)
        let places = demand.map { index in
            CoverageAnalysis.DemandPlace(
                place: .init(id: self.demand[index].id, location: self.demand[index].location),
                population: [populationGroup.rawValue: self.demand[index].count(populationGroup)], adminUnit: nil)
        }
        let result: CoverageResult
        do {
            result = try CoverageAnalysis(
                graph: graph, thresholds: [withinMeters], maxSnapDistance: maxSnapDistance, k: 1
            ).run(
                demand: places,
                facilities: ["facilities": facilities.map { .init(id: $0.id.rawValue, location: $0.location) }])
        } catch {
            throw EvidenceUnavailable(
                zh: "步行可达性计算失败：\(error)", en: "the walking-distance search failed: \(error)")
        }
        guard result.demandSnapped.contains(true) else {
            throw EvidenceUnavailable(
                zh: "步行网络没有覆盖这些居民（没有一个人口单元能在 \(Int(maxSnapDistance)) 米内接入网络）；请用该地区的 OSM 数据运行 lifecircle network build",
                en: "the walking network does not reach these residents (no demand unit lies within \(Int(maxSnapDistance)) m of it); build the network of this area with `lifecircle network build`")
        }
        let entries = result.kinds["facilities"]?.entries
        var covered = UnitFigures(overall: 0), total = UnitFigures(overall: 0)
        var cutOff = UnitFigures(overall: 0)
        var nearFragments = 0.0
        var unsnapped = 0.0
        var uncovered: [Coordinate] = []
        for (position, index) in demand.enumerated() {
            let people = self.demand[index].count(populationGroup)
            let unit = demandUnits[index]
            total.overall += people
            if let unit { total.byUnit[unit, default: 0] += people }
            if !result.demandSnapped[position] { unsnapped += people }
            if result.demandOnFragment[position] { nearFragments += people }
            if result.isInPartWithoutFacility(position, kind: "facilities") {
                cutOff.overall += people
                if let unit { cutOff.byUnit[unit, default: 0] += people }
            }
            if let distance = entries?[position].nearest, distance <= withinMeters {
                covered.overall += people
                if let unit { covered.byUnit[unit, default: 0] += people }
            } else {
                if let unit { covered.byUnit[unit, default: 0] += 0 }
                if people > 0 { uncovered.append(self.demand[index].location) }
            }
        }
        return PopulationCoverage(
            covered: covered, total: total, unsnappedPopulation: unsnapped, uncoveredLocations: uncovered,
            inPartsWithoutFacility: cutOff, nearFragments: nearFragments)
    }

    public func floatingCatchment(
        supply: [(facility: FacilityRecord, amount: Double)], group: PopulationGroupName, withinMeters: Double,
        per: Double
    ) throws(EvidenceUnavailable) -> UnitFigures {
        let (graph, inside, populationGroup) = try walkingInputs(group: group)
        let result: AccessResult
        do {
            if accessAnalysis == nil {
                accessAnalysis = try AccessAnalysis(
                    graph: graph, demand: inside.map { demand[$0] }, maxSnapDistance: maxSnapDistance)
            }
            result = try accessAnalysis!.run(supply: supply, group: populationGroup, withinMeters: withinMeters, per: per)
        } catch {
            throw EvidenceUnavailable(
                zh: "两步移动搜索法计算失败：\(error)", en: "the two-step floating catchment failed: \(error)")
        }
        guard let overall = result.mean else {
            throw EvidenceUnavailable(
                zh: "范围内没有“\(populationGroup.label.zh)”人口", en: "no \(populationGroup.label.en) in the area")
        }
        let byUnit = result.means { unit in self.unitID(at: unit.location) }
        return UnitFigures(overall: overall, byUnit: byUnit)
    }

    /// The network, the demand units inside the check's area (all of them when there are no units), and the
    /// population group, or why they are missing.
    private func walkingInputs(group: PopulationGroupName) throws(EvidenceUnavailable)
        -> (WalkGraph, [Int], PopulationGroup)
    {
        guard let graph else {
            throw EvidenceUnavailable(
                zh: "没有步行网络：先运行 lifecircle network build --osm 本地区.osm.pbf",
                en: "no walking network: run `lifecircle network build --osm your-area.osm.pbf` first")
        }
        guard !demand.isEmpty else {
            throw EvidenceUnavailable(
                zh: "没有人口数据：先运行 lifecircle demand import", en: "no population: run `lifecircle demand import` first")
        }
        guard let populationGroup = PopulationGroup(rawValue: group.rawValue) else {
            throw EvidenceUnavailable(
                zh: "未知的人群“\(group)”；可用：\(PopulationGroup.allCases.map(\.rawValue).joined(separator: "、"))",
                en: "unknown population group '\(group)'; known: \(PopulationGroup.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let inside = demand.indices.filter { outlines.isEmpty || demandUnits[$0] != nil }
        guard !inside.isEmpty else {
            throw EvidenceUnavailable(
                zh: "人口数据不在任何行政单元内：人口与行政单元不是同一地区",
                en: "no demand unit lies inside the admin units: the population and the units are of different places")
        }
        guard inside.contains(where: { demand[$0].population[populationGroup] != nil }) else {
            throw EvidenceUnavailable(
                zh: "人口数据没有“\(populationGroup.label.zh)”一栏：导入时用 --groups \(populationGroup.rawValue)=列名",
                en: "the population data has no \(populationGroup.label.en): import it with --groups \(populationGroup.rawValue)=COLUMN")
        }
        return (graph, inside, populationGroup)
    }
}
