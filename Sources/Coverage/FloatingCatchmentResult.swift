/// What a two-step floating catchment run found: per facility its ratio Rⱼ, per demand place its
/// accessibility Aᵢ, both per ``per`` residents, and what could not be snapped.
public struct FloatingCatchmentResult: Sendable {
    public let catchment: Double
    public let decay: FloatingCatchment.Decay
    public let per: Double
    public let supply: [FloatingCatchment.Supply]
    public let demand: [FloatingCatchment.Demand]
    /// Whether each facility could be snapped to the network.
    public let supplySnapped: [Bool]
    /// Whether each demand place could be snapped to the network.
    public let demandSnapped: [Bool]
    /// Per facility, the demand places within its catchment, by ascending demand index, with distances.
    public let reached: [[FloatingCatchment.Reach]]
    /// Per facility, Σₖ Pₖ·W(dₖⱼ): the (distance-weighted) residents its supply is shared among.
    public let catchmentPopulation: [Double]
    /// Per facility, Rⱼ × per: its supply per `per` residents within reach. Nil when it could not be snapped
    /// or has no residents within reach (its supply then reaches nobody).
    public let ratios: [Double?]
    /// Per demand place, Aᵢ × per: the supply it reaches per `per` residents. 0 for places that reach no
    /// facility and for places that could not be snapped.
    public let accessibility: [Double]

    /// The facilities that could not be snapped, by id.
    public var unsnappedSupply: [String] { supply.indices.filter { !supplySnapped[$0] }.map { supply[$0].id } }

    /// The demand places that could not be snapped, by id.
    public var unsnappedDemand: [String] { demand.indices.filter { !demandSnapped[$0] }.map { demand[$0].id } }

    /// Snapped facilities with no residents within reach, by id: their supply is shared with nobody.
    public var supplyWithoutResidents: [String] {
        supply.indices.filter { supplySnapped[$0] && ratios[$0] == nil }.map { supply[$0].id }
    }

    /// The supply shared among residents: Σⱼ Sⱼ over facilities with a ratio. Equal (to rounding) to
    /// Σᵢ Pᵢ·Aᵢ / per.
    public var distributedSupply: Double {
        supply.indices.reduce(0) { sum, j in ratios[j] == nil ? sum : sum + supply[j].amount }
    }
}
