public import GeoCore

/// A place where people live: a point (a building, a grid cell's centre, a polygon's centroid) with the
/// number of residents in each group, and the area it stands for when it came from a polygon or a cell.
public struct DemandUnit: Hashable, Sendable {
    public var id: String
    /// Where the residents are counted, EPSG:4326; this point is what is snapped to the network.
    public var location: Coordinate
    public var population: [PopulationGroup: Double]
    /// The polygon the unit stands for (a census block, a grid cell), EPSG:4326; nil for plain points.
    public var area: Geometry?
    /// The admin unit (街道/社区) it belongs to, when known.
    public var adminUnit: String?

    public init(
        id: String, location: Coordinate, population: [PopulationGroup: Double], area: Geometry? = nil,
        adminUnit: String? = nil
    ) {
        self.id = id
        self.location = location
        self.population = population
        self.area = area
        self.adminUnit = adminUnit
    }

    public func count(_ group: PopulationGroup) -> Double { population[group] ?? 0 }
}
