public import FacilityKit
public import LocationAllocation

/// What ``SitingJob`` found: the chosen sites ranked with what each adds, and the demand they newly serve.
public struct SitingResult: Sendable {
    public let kind: PluginID
    public let problem: SitingJob.Problem
    public let group: PopulationGroup
    public let demand: [DemandUnit]
    /// The group's count per demand unit.
    public let weights: [Double]
    public let instance: SitingInstance
    public let selection: SiteSelection
    /// The target and whether it is met, for a set covering.
    public let setCovering: SetCoveringSolution?
    /// The existing facilities of the kind, which stay.
    public let existingIDs: [String]

    /// A chosen site in rank order: what it adds given the sites ranked before it, and where that leaves
    /// the group.
    public struct RankedSite: Sendable {
        /// 1 for the site that adds most, and so on.
        public var rank: Int
        public var candidate: SiteCandidate
        /// Covering: residents newly within the service distance. p-median: person-metres of walking saved.
        public var gain: Double
        /// Covering: residents covered with this site and those before it (existing facilities included).
        /// p-median: the population-weighted distance, person-metres.
        public var cumulative: Double
        /// Covering: ``cumulative`` as a share of the group. p-median: the mean walking distance, metres
        /// (residents out of reach counted at twice the cut-off).
        public var cumulativeShare: Double
    }

    /// The whole group, covered or not.
    public var totalWeight: Double { weights.reduce(0, +) }

    public var isCovering: Bool { problem.serviceDistance != nil }

    public var rankedSites: [RankedSite] {
        let total = totalWeight
        var value = selection.valueBefore
        return selection.sites.enumerated().map { index, site in
            value += isCovering ? site.gain : -site.gain
            return RankedSite(
                rank: index + 1, candidate: instance.candidates[site.candidate], gain: site.gain, cumulative: value,
                cumulativeShare: total > 0 ? value / total : 0)
        }
    }

    /// Covering: the share of the group covered before the new sites and after. p-median: the mean walking
    /// distance before and after, metres.
    public var summary: (before: Double, after: Double) {
        let total = totalWeight
        guard total > 0 else { return (0, 0) }
        return (selection.valueBefore / total, selection.valueAfter / total)
    }

    /// A demand unit the new sites serve: covering, the units they bring within the service distance (to
    /// the site of the lowest rank that does, so that each site's units add up to its gain); p-median, the
    /// units whose nearest facility is now a new site.
    public struct ServedUnit: Sendable {
        public var unit: Int
        /// The rank of the site serving it.
        public var rank: Int
        /// Metres from that site.
        public var distance: Double
        /// Metres to the nearest existing facility, nil when none is within the cut-off.
        public var distanceBefore: Double?
    }

    public var servedUnits: [ServedUnit] {
        var served: [Int: ServedUnit] = [:]
        let reach = instance.reach
        for (index, site) in selection.sites.enumerated() {
            for (unit, distance) in reach.row(site.candidate) {
                let before = instance.existingDistances[unit]
                if let within = problem.serviceDistance {
                    guard distance <= within, before > within, served[unit] == nil else { continue }
                } else {
                    guard distance < min(before, 2 * instance.cutoff), distance < served[unit]?.distance ?? .infinity
                    else { continue }
                }
                served[unit] = ServedUnit(
                    unit: unit, rank: index + 1, distance: distance, distanceBefore: before.isFinite ? before : nil)
            }
        }
        return served.values.filter { weights[$0.unit] > 0 }.sorted { ($0.rank, $0.unit) < ($1.rank, $1.unit) }
    }
}
