/// What a coverage run found, with the population-weighted shares it implies.
public struct CoverageResult: Sendable {
    public let thresholds: [Double]
    public let k: Int
    public let demand: [CoverageAnalysis.DemandPlace]
    /// The network part (component index) each demand unit was snapped to; nil when it was not snapped.
    public let demandParts: [Int?]
    /// Whether each demand unit's nearest street lies on a fragment the analysis set aside
    /// (``WalkNetwork/ComponentSelection/analysed``); such a unit was snapped to a kept part, or not at all.
    public let demandOnFragment: [Bool]
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

    /// Whether each demand unit could be snapped to the network.
    public var demandSnapped: [Bool] { demandParts.map { $0 != nil } }

    /// Residents of `group` (of the units `include` keeps) snapped to a part of the network without any `kind`:
    /// no walk reaches one, however far.
    public func residentsInPartsWithoutFacility(kind: String, group: String, include: (Int) -> Bool = { _ in true })
        -> Double
    {
        demand.indices.reduce(0) { sum, i in
            include(i) && isInPartWithoutFacility(i, kind: kind) ? sum + (demand[i].population[group] ?? 0) : sum
        }
    }

    /// Whether demand unit `i` was snapped to a part of the network that holds no `kind`.
    public func isInPartWithoutFacility(_ i: Int, kind: String) -> Bool {
        guard let part = demandParts[i], let parts = kinds[kind]?.partsWithFacility else { return false }
        return !parts.contains(part)
    }

    /// Residents of `group` (of the units `include` keeps) whose nearest street lies on a fragment set aside.
    public func residentsNearFragments(group: String, include: (Int) -> Bool = { _ in true }) -> Double {
        demand.indices.reduce(0) { sum, i in
            demandOnFragment[i] && include(i) ? sum + (demand[i].population[group] ?? 0) : sum
        }
    }

    /// The admin units named by the demand, sorted; empty when the demand names none.
    public var adminUnits: [String] { Array(Set(demand.compactMap(\.adminUnit))).sorted() }

    /// The demand units that could not be snapped, by id.
    public var unsnappedDemand: [String] {
        demand.indices.filter { !demandSnapped[$0] }.map { demand[$0].place.id }
    }
}
