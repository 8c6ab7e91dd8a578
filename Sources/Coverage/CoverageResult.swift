/// What a coverage run found, with the population-weighted shares it implies.
public struct CoverageResult: Sendable {
    public let thresholds: [Double]
    public let k: Int
    public let demand: [CoverageAnalysis.DemandPlace]
    /// Whether each demand unit could be snapped to the network.
    public let demandSnapped: [Bool]
    /// Kind → distances per demand unit.
    public let kinds: [String: KindDistances]

    /// Residents of `group` (of the units `include` keeps) within `threshold` of the nearest `kind`,
    /// and in all. Units that could not be snapped count in the total and never as covered.
    public func share(
        kind: String, threshold: Double, group: String, include: (Int) -> Bool = { _ in true }
    ) -> (covered: Double, total: Double) {
        guard let entries = kinds[kind]?.entries else { return (0, 0) }
        var covered = 0.0
        var total = 0.0
        for (i, unit) in demand.enumerated() where include(i) {
            let people = unit.population[group] ?? 0
            total += people
            if let d = entries[i].nearest, d <= threshold { covered += people }
        }
        return (covered, total)
    }

    /// The admin units named by the demand, sorted; empty when the demand names none.
    public var adminUnits: [String] { Array(Set(demand.compactMap(\.adminUnit))).sorted() }

    /// The demand units that could not be snapped, by id.
    public var unsnappedDemand: [String] {
        demand.indices.filter { !demandSnapped[$0] }.map { demand[$0].place.id }
    }
}
