public import GeoCore
public import WalkNetwork

/// Who can walk to what: every demand unit's network distance to the nearest (and k-th nearest)
/// facility of each kind, and the population-weighted share covered at each threshold, overall and
/// per admin unit. Facilities and demand are snapped to the network's largest connected part; what
/// cannot be snapped is listed, and counts as not covered.
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
        let demandSnaps = try snapper.snap(demand.map(\.place.location))
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
                    .map { facilities[kind]![$0].id })
        }
        return CoverageResult(
            thresholds: thresholds, k: k, demand: demand, demandSnapped: demandSnaps.map { $0.snappedPoint != nil },
            kinds: perKind)
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
}
