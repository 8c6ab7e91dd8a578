extension FloatingCatchmentResult {
    /// Population-weighted figures of accessibility over a set of demand places: what plans compare with
    /// targets such as 5.5 托位 per 1,000. Unsnapped places count, with Aᵢ = 0.
    public struct Summary: Hashable, Sendable {
        /// Residents of the places summarised.
        public var population: Double
        /// Σ Pᵢ·Aᵢ / Σ Pᵢ; nil when the places have no residents.
        public var mean: Double?
        /// Population-weighted quantiles of Aᵢ at the requested probabilities: the smallest Aᵢ at which the
        /// residents of places at or below it reach that share. Nil when there are no residents.
        public var quantiles: [Double: Double]
        /// The share (0–1) of residents whose Aᵢ is below the target; nil without a target or residents.
        public var shareBelowTarget: Double?
        /// Residents of places that could not be snapped (counted at Aᵢ = 0).
        public var unsnappedPopulation: Double
    }

    /// The population-weighted summary of the places `include` keeps (all by default).
    public func summary(
        quantiles probabilities: [Double] = [0.1, 0.25, 0.5, 0.75, 0.9], target: Double? = nil,
        include: (Int) -> Bool = { _ in true }
    ) -> Summary {
        var places: [(access: Double, population: Double)] = []
        var unsnapped = 0.0
        for i in demand.indices where include(i) {
            places.append((accessibility[i], demand[i].population))
            if !demandSnapped[i] { unsnapped += demand[i].population }
        }
        let population = places.reduce(0) { $0 + $1.population }
        guard population > 0 else {
            return Summary(population: 0, mean: nil, quantiles: [:], shareBelowTarget: nil, unsnappedPopulation: 0)
        }
        let mean = places.reduce(0) { $0 + $1.access * $1.population } / population
        places.sort { $0.access < $1.access }
        var quantiles: [Double: Double] = [:]
        for p in probabilities {
            var cumulative = 0.0
            for place in places {
                cumulative += place.population
                if cumulative >= p * population * (1 - 1e-12) {
                    quantiles[p] = place.access
                    break
                }
            }
        }
        let below = target.map { target in
            places.reduce(0) { $0 + ($1.access < target ? $1.population : 0) } / population
        }
        return Summary(
            population: population, mean: mean, quantiles: quantiles, shareBelowTarget: below,
            unsnappedPopulation: unsnapped)
    }

    /// Σ Pᵢ·Aᵢ / Σ Pᵢ over the places `include` keeps (all by default); nil when they have no residents.
    public func populationWeightedMean(include: (Int) -> Bool = { _ in true }) -> Double? {
        var weighted = 0.0
        var population = 0.0
        for i in demand.indices where include(i) {
            weighted += accessibility[i] * demand[i].population
            population += demand[i].population
        }
        return population > 0 ? weighted / population : nil
    }

    /// The population-weighted mean per group of places: `keys` gives each place's group (aligned with the
    /// demand; nil: in no group), e.g. its 街道 or 社区. Groups without residents are left out.
    public func populationWeightedMeans<Key: Hashable>(groupedBy keys: [Key?]) -> [Key: Double] {
        precondition(keys.count == demand.count, "one key per demand place")
        var weighted: [Key: Double] = [:]
        var population: [Key: Double] = [:]
        for i in demand.indices {
            guard let key = keys[i] else { continue }
            weighted[key, default: 0] += accessibility[i] * demand[i].population
            population[key, default: 0] += demand[i].population
        }
        return population.reduce(into: [:]) { means, entry in
            if entry.value > 0 { means[entry.key] = weighted[entry.key, default: 0] / entry.value }
        }
    }
}
