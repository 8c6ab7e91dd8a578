public import FacilityKit
import FacilityRegistry
public import Foundation
import GeoCore
public import LocationAllocation
public import Projection
import WalkNetwork

/// The site-suggestion use case: where new facilities of a kind serve a population group best, given the
/// saved network, the registry's demand and its existing facilities of the kind (which stay).
public struct SitingJob {
    /// The question asked.
    public enum Problem: Hashable, Sendable {
        /// The `sites` new sites that cover the most people not yet within `within` metres of the kind.
        case maximalCovering(sites: Int, within: Double)
        /// The fewest new sites that bring `target` of the group within `within` metres.
        case setCovering(target: CoverageTarget, within: Double)
        /// The `sites` new sites that shorten the group's walk to the nearest facility most. Distances are
        /// walked as far as `cutoff` metres; residents farther from every facility count at twice that.
        case pMedian(sites: Int, cutoff: Double)

        /// How far the searches walk.
        public var cutoff: Double {
            switch self {
            case .maximalCovering(_, let within), .setCovering(_, let within): within
            case .pMedian(_, let cutoff): cutoff
            }
        }

        /// The distance within which a resident counts as covered (covering problems only).
        public var serviceDistance: Double? {
            switch self {
            case .maximalCovering(_, let within), .setCovering(_, let within): within
            case .pMedian: nil
            }
        }
    }

    /// Where the candidate sites come from.
    public enum Candidates: Sendable {
        /// The nodes of the network's largest connected part, no two closer than `spacing` metres (nil: all).
        case networkNodes(spacing: Double?)
        /// The registry's facilities of another kind, e.g. public venues that could host a room.
        case venues(any FacilityPlugin)
        /// Points of a file (CSV, GeoJSON, GeoPackage) in any CRS.
        case layer(URL, crs: CRS?, layer: String?, idColumn: String?)
        /// Sites given as they are, e.g. a scenario file's candidates (EPSG:4326).
        case sites([SiteCandidate])
    }

    public let registry: String
    public let kind: any FacilityPlugin
    public let problem: Problem
    public let group: PopulationGroup
    public let candidates: Candidates
    public let maxSnapDistance: Double
    public let asOf: CivilDate?

    public init(
        registry: String, kind: any FacilityPlugin, problem: Problem, group: PopulationGroup, candidates: Candidates,
        maxSnapDistance: Double = 250, asOf: CivilDate? = nil
    ) {
        self.registry = registry
        self.kind = kind
        self.problem = problem
        self.group = group
        self.candidates = candidates
        self.maxSnapDistance = maxSnapDistance
        self.asOf = asOf
    }

    public func run(progress: @escaping @Sendable (String) -> Void) throws -> SitingResult {
        progress("loading the network and the registry")
        var kinds: [any FacilityPlugin] = [kind]
        if case .venues(let venues) = candidates, venues.id != kind.id { kinds.append(venues) }
        let context = try AnalysisContext(registry: registry, kinds: kinds, asOf: asOf)
        let demandStore = DemandStore(registry: registry)
        guard demandStore.exists else {
            throw RegistryError.input(
                file: demandStore.url.path, reason: "no demand; import population with `lifecircle demand import`")
        }
        let demand = try demandStore.load()
        guard demand.contains(where: { $0.population[group] != nil }) else {
            throw RegistryError.input(
                file: demandStore.url.path,
                reason: "the demand has no counts of \(group.rawValue) (\(group.label.en)); import them with "
                    + "`lifecircle demand import FILE --population COLUMN --groups \(group.rawValue)=COLUMN`")
        }
        let weights = demand.map { $0.count(group) }
        guard weights.contains(where: { $0 > 0 }) else {
            throw RegistryError.input(
                file: demandStore.url.path, reason: "the demand counts no \(group.label.en) at all: nobody to serve")
        }

        let sites: [SiteCandidate]
        switch candidates {
        case .networkNodes(let spacing):
            sites = try SiteCandidate.networkNodes(of: context.graph, spacing: spacing)
        case .venues(let venues):
            sites = (context.facilities[venues.id] ?? []).map { SiteCandidate(id: $0.id, location: $0.location) }
            guard !sites.isEmpty else {
                throw RegistryError.input(
                    file: registry,
                    reason: "no \(venues.id) in the registry to use as candidate sites; import some with "
                        + "`lifecircle import \(venues.id) FILE`")
            }
        case .layer(let url, let crs, let layer, let idColumn):
            sites = try SiteCandidate.points(in: url, crs: crs, layer: layer, idColumn: idColumn)
        case .sites(let given):
            sites = given
        }
        guard !sites.isEmpty else {
            throw RegistryError.input(file: registry, reason: "no candidate sites: the network has no connected nodes")
        }
        let existing = context.facilities[kind.id] ?? []

        progress("walking \(plainMetres(problem.cutoff)) m from \(sites.count) candidate sites")
        let instance = try SitingInstance(
            graph: context.graph, demand: demand.map(\.location), candidates: sites, existing: existing.map(\.location),
            cutoff: problem.cutoff, maxSnapDistance: maxSnapDistance
        ) { done, total in progress("walking from candidate sites: \(done) of \(total)") }

        progress("choosing sites")
        let report: (SelectionProgress) -> Void = { step in
            switch step.stage {
            case .greedy: progress("greedy: \(step.count) sites chosen")
            case .interchange: progress("interchange: \(step.count) swaps (pass \(step.pass))")
            case .redundancy: progress("dropped \(step.count) redundant sites")
            }
        }
        var setCovering: SetCoveringSolution?
        let selection: SiteSelection
        switch problem {
        case .maximalCovering(let count, let within):
            selection = try CoveringProblem(
                weights: weights, reach: instance.reach, existingDistances: instance.existingDistances,
                serviceDistance: within
            ).maximalCovering(sites: count, progress: report)
        case .setCovering(let target, let within):
            let solution = try CoveringProblem(
                weights: weights, reach: instance.reach, existingDistances: instance.existingDistances,
                serviceDistance: within
            ).setCovering(target: target, progress: report)
            setCovering = solution
            selection = solution.selection
        case .pMedian(let count, let cutoff):
            selection = try MedianProblem(
                weights: weights, reach: instance.reach, existingDistances: instance.existingDistances,
                unreachableDistance: 2 * cutoff
            ).pMedian(sites: count, progress: report)
        }
        return SitingResult(
            kind: kind.id, problem: problem, group: group, demand: demand, weights: weights, instance: instance,
            selection: selection, setCovering: setCovering, existingIDs: existing.map(\.id))
    }
}

/// Metres without a needless fraction: 300, 312.5.
func plainMetres(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
