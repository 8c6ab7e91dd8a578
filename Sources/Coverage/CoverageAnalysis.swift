public import GeoCore
public import WalkNetwork

/// Who can walk to what: every demand unit's network distance to the nearest (and k-th nearest)
/// facility of each kind, and the population-weighted share covered at each threshold, overall and
/// per admin unit. Facilities and demand are snapped to every part of the network but fragments
/// (``ComponentSelection/analysed``), and each is reached by the facilities of its own part; what cannot be
/// snapped is listed, and counts as not covered. The result tells which part each unit lies on, so reports can
/// say how many residents live in parts without a facility, and how many had their nearest street on a fragment.
public struct CoverageAnalysis: Sendable {
    /// A place to walk from (demand) or to (a facility): an id, EPSG:4326.
    public struct Place: Hashable, Sendable {
        public var id: String
        public var location: Coordinate
        public init(id: String, location: Coordinate) {
            self.id = id
            self.location = location
        }
    }

    /// A demand place with its population by group and its admin unit.
    public struct DemandPlace: Hashable, Sendable {
        public var place: Place
        public var population: [String: Double]
        public var adminUnit: String?
        public init(place: Place, population: [String: Double], adminUnit: String?) {
            self.place = place
            self.population = population
            self.adminUnit = adminUnit
        }
    }

    public let graph: WalkGraph
    /// Thresholds in metres, ascending.
    public let thresholds: [Double]
    public let maxSnapDistance: Double
    /// Which nearest to report besides the first (1 = only the nearest).
    public let k: Int
    /// How far the searches walk: distances beyond it are reported as unreachable. The largest threshold is
    /// enough for the shares and much faster on a big network; `.infinity` gives every distance.
    public let searchBound: Double

    public init(
        graph: WalkGraph, thresholds: [Double], maxSnapDistance: Double = 250, k: Int = 1,
        searchBound: Double? = nil
    ) {
        self.graph = graph
        self.thresholds = thresholds.sorted()
        self.maxSnapDistance = maxSnapDistance
        self.k = max(1, k)
        self.searchBound = searchBound ?? (thresholds.max() ?? .infinity)
    }

    /// Runs every kind; the kinds' searches run concurrently (`NearestFacilitySearch.distances(in:from:to:maxDistance:k:)`).
    public func run(demand: [DemandPlace], facilities: [String: [Place]]) throws -> CoverageResult {
        let snapper = try Snapper(graph: graph, maxDistance: maxSnapDistance)
        let demandLocations = demand.map(\.place.location)
        let demandSnaps = try snapper.snap(demandLocations)
        let kinds = facilities.keys.sorted()
        let facilitySnaps = try kinds.map { try snapper.snap(facilities[$0]!.map(\.location)) }
        let targets = demandSnaps.map(\.snappedPoint)

        let found = try NearestFacilitySearch.distances(
            in: graph, from: facilitySnaps.map { $0.compactMap(\.snappedPoint) }, to: targets,
            maxDistance: searchBound, k: k)
        var perKind: [String: KindDistances] = [:]
        for (index, kind) in kinds.enumerated() {
            let entries = (0..<targets.count).map { i in
                KindDistances.Entry(
                    nearest: found[index].nearest(i)?.distance, kth: k > 1 ? found[index].kthNearest(i)?.distance : nil)
            }
            perKind[kind] = KindDistances(
                entries: entries,
                unsnappedFacilities: facilities[kind]!.indices.filter { facilitySnaps[index][$0].snappedPoint == nil }
                    .map { facilities[kind]![$0].id },
                partsWithFacility: Set(facilitySnaps[index].compactMap { $0.snappedPoint.map { graph.component(of: $0.edge) } }))
        }
        return CoverageResult(
            thresholds: thresholds, k: k, demand: demand, demandParts: targets.map { $0.map { graph.component(of: $0.edge) } },
            demandOnFragment: try nearestEdgeOnFragment(demandLocations, snapped: demandSnaps, graph: graph),
            kinds: perKind)
    }

    /// Which places have their nearest edge (within the snap distance) on a fragment that the analysis sets aside:
    /// a fragment edge nearer than the kept one they were `snapped` to. Only the fragments are indexed for this.
    func nearestEdgeOnFragment(_ places: [Coordinate], snapped: [SnapResult], graph: WalkGraph) throws -> [Bool] {
        let fragments = Set(graph.components.filter { !ComponentSelection.analysed.contains($0) }.map(\.index))
        guard !fragments.isEmpty else { return places.map { _ in false } }
        let nearest = try Snapper(
            graph: graph, maxDistance: maxSnapDistance, components: .only(fragments), searchRadius: maxSnapDistance
        ).snap(places)
        return zip(nearest, snapped).map { fragment, kept in
            guard let onFragment = fragment.snappedPoint else { return false }
            guard let onKept = kept.snappedPoint else { return true }
            return onFragment.leg < onKept.leg
        }
    }
}

/// Per kind: each demand unit's distances, and the facilities that could not be snapped.
public struct KindDistances: Sendable {
    public struct Entry: Sendable {
        /// Metres to the nearest facility; nil when none is reachable or the unit was not snapped.
        public var nearest: Double?
        /// Metres to the k-th nearest, when k > 1.
        public var kth: Double?
    }

    public var entries: [Entry]
    public var unsnappedFacilities: [String]
    /// The network parts (component indexes) that hold at least one facility of the kind.
    public var partsWithFacility: Set<Int>
}
