public import FacilityKit
import Foundation
public import GeoCore

/// A capacity-accessibility run as a page a person reads (`access.html`): a map of Aᵢ per demand point, the
/// facilities and the admin units shaded by their mean, and the per-unit table. Built by the caller from
/// its run; ``html(language:)`` renders it.
public struct AccessReport: Hashable, Sendable {
    public struct DemandPoint: Hashable, Sendable {
        public var id: String
        public var location: Coordinate
        /// Residents of the group.
        public var population: Double
        /// Aᵢ per ``AccessReport/per`` residents; 0 when nothing is in reach.
        public var access: Double

        public init(id: String, location: Coordinate, population: Double, access: Double) {
            self.id = id
            self.location = location
            self.population = population
            self.access = access
        }
    }

    public struct Facility: Hashable, Sendable {
        public var id: String
        public var name: String
        public var location: Coordinate
        /// Nil when the facility's capacity field is empty (it was left out of the run).
        public var capacity: Double?

        public init(id: String, name: String, location: Coordinate, capacity: Double?) {
            self.id = id
            self.name = name
            self.location = location
            self.capacity = capacity
        }
    }

    public struct Unit: Hashable, Sendable {
        public var id: String
        public var name: String
        /// EPSG:4326; nil when the unit is only named by the demand.
        public var outline: Geometry?
        public var population: Double
        /// Population-weighted mean Aᵢ; nil when the unit has no residents of the group.
        public var mean: Double?
        public var shareBelowTarget: Double?

        public init(
            id: String, name: String, outline: Geometry?, population: Double, mean: Double?, shareBelowTarget: Double?
        ) {
            self.id = id
            self.name = name
            self.outline = outline
            self.population = population
            self.mean = mean
            self.shareBelowTarget = shareBelowTarget
        }
    }

    /// What was measured, e.g. "托育机构托位可达性" / "Childcare places accessibility".
    public var title: LocalizedText
    /// How: the catchment, the method, the population group.
    public var method: LocalizedText
    /// Aᵢ is capacity per this many residents.
    public var per: Double
    public var target: Double?
    /// The figures over every demand point (a unit with id "" and no outline).
    public var overall: Unit
    public var demand: [DemandPoint]
    public var facilities: [Facility]
    public var units: [Unit]
    /// The streets drawn under the data (the registry's walking network); nil when none is given.
    public var streets: StreetLayer?

    public init(
        title: LocalizedText, method: LocalizedText, per: Double, target: Double?, overall: Unit,
        demand: [DemandPoint], facilities: [Facility], units: [Unit], streets: StreetLayer? = nil
    ) {
        self.streets = streets
        self.title = title
        self.method = method
        self.per = per
        self.target = target
        self.overall = overall
        self.demand = demand
        self.facilities = facilities
        self.units = units
    }

    /// The classes the map colours Aᵢ in: nothing in reach, then the quartiles of the positive values.
    public var accessClasses: AccessClasses { AccessClasses(values: demand.filter { $0.population > 0 }.map(\.access)) }
}

/// Five classes of Aᵢ for a map: 0 (nothing within reach) and four classes split at the quartiles of the
/// positive values, so each holds about a quarter of the demand points that reach anything. Bounds that
/// coincide (few distinct values) merge their classes.
public struct AccessClasses: Hashable, Sendable {
    /// Upper bounds of the positive classes, ascending; the last is the largest value.
    public let upperBounds: [Double]
    /// Whether some value is 0, so the "nothing within reach" class is shown.
    public let hasZero: Bool

    public init(values: [Double]) {
        let positive = values.filter { $0 > 0 && $0.isFinite }.sorted()
        hasZero = values.contains { $0 <= 0 }
        guard !positive.isEmpty else {
            upperBounds = []
            return
        }
        var bounds: [Double] = []
        for q in [0.25, 0.5, 0.75, 1.0] {
            // The nearest-rank quantile: a value that occurs, so class bounds are values on the map.
            let rank = max(0, Int((q * Double(positive.count)).rounded(.up)) - 1)
            let bound = positive[min(rank, positive.count - 1)]
            if bounds.last != bound { bounds.append(bound) }
        }
        upperBounds = bounds
    }

    /// Number of classes (at most 5): the zero class, when present, and the positive ones.
    public var count: Int { (hasZero ? 1 : 0) + upperBounds.count }

    /// The class of a value: 0 for "nothing within reach" when ``hasZero``, then one per upper bound; a
    /// value above the last bound falls in the last class.
    public func index(of value: Double) -> Int {
        let offset = hasZero ? 1 : 0
        guard value > 0 else { return 0 }
        let positive = upperBounds.firstIndex { value <= $0 } ?? max(upperBounds.count - 1, 0)
        return offset + positive
    }

    /// The lower and upper bound of each class, in order; the zero class is (0, 0).
    public var bounds: [(lower: Double, upper: Double)] {
        var result: [(lower: Double, upper: Double)] = hasZero ? [(0, 0)] : []
        var lower = 0.0
        for upper in upperBounds {
            result.append((lower, upper))
            lower = upper
        }
        return result
    }
}
