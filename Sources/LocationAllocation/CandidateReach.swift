/// For every candidate site, the demand units it reaches and the distance to each: a sparse candidate ×
/// demand matrix in compressed sparse row form, rows sorted by demand index. What is not listed is out of
/// reach (beyond the cut-off the distances were computed to).
///
/// Indices are plain positions in the caller's arrays of candidates and demand; this module knows nothing
/// of geography.
public struct CandidateReach: Hashable, Sendable {
    /// The number of demand units the indices refer to.
    public let demandCount: Int
    /// Row `c` is `demand[offsets[c]..<offsets[c + 1]]`, with `distances` at the same positions.
    let offsets: [Int]
    let demand: [Int32]
    let distances: [Double]

    /// One row per candidate: the demand units it reaches with their distances, in any order.
    /// Fails on an index out of `0..<demandCount`, a unit listed twice in a row, or a distance that is
    /// negative or not finite.
    public init(demandCount: Int, rows: [[(demand: Int, distance: Double)]]) throws(LocationAllocationError) {
        guard demandCount >= 0, demandCount < Int(Int32.max) else {
            throw .invalidProblem("\(demandCount) demand units: at most \(Int32.max - 1) fit")
        }
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var demand: [Int32] = []
        var distances: [Double] = []
        let total = rows.reduce(0) { $0 + $1.count }
        demand.reserveCapacity(total)
        distances.reserveCapacity(total)
        for (candidate, row) in rows.enumerated() {
            let sorted = row.sorted { $0.demand < $1.demand }
            for (position, entry) in sorted.enumerated() {
                try Self.check(candidate: candidate, demand: entry.demand, distance: entry.distance, demandCount: demandCount)
                if position > 0, sorted[position - 1].demand == entry.demand {
                    throw .invalidProblem("candidate \(candidate) lists demand unit \(entry.demand) twice")
                }
                demand.append(Int32(entry.demand))
                distances.append(entry.distance)
            }
            offsets.append(demand.count)
        }
        self.demandCount = demandCount
        self.offsets = offsets
        self.demand = demand
        self.distances = distances
    }

    /// The matrix in CSR form as it is stored: `offsets` (candidate count + 1 entries, from 0,
    /// non-decreasing, ending at the entry count), `demand` indices ascending within each row, and their
    /// `distances`. Checked like ``init(demandCount:rows:)``.
    public init(demandCount: Int, offsets: [Int], demand: [Int32], distances: [Double]) throws(LocationAllocationError) {
        guard demandCount >= 0, demandCount < Int(Int32.max) else {
            throw .invalidProblem("\(demandCount) demand units: at most \(Int32.max - 1) fit")
        }
        guard let first = offsets.first, first == 0, offsets.last == demand.count, demand.count == distances.count else {
            throw .invalidProblem(
                "offsets must run from 0 to the entry count (\(demand.count)), with one distance per entry "
                    + "(\(distances.count) given)")
        }
        for candidate in 0..<(offsets.count - 1) {
            guard offsets[candidate] <= offsets[candidate + 1] else {
                throw .invalidProblem("offsets decrease at candidate \(candidate)")
            }
            for position in offsets[candidate]..<offsets[candidate + 1] {
                try Self.check(
                    candidate: candidate, demand: Int(demand[position]), distance: distances[position],
                    demandCount: demandCount)
                if position > offsets[candidate], demand[position - 1] >= demand[position] {
                    throw .invalidProblem(
                        "candidate \(candidate): demand indices must ascend, \(demand[position - 1]) comes before "
                            + "\(demand[position])")
                }
            }
        }
        self.demandCount = demandCount
        self.offsets = offsets
        self.demand = demand
        self.distances = distances
    }

    private static func check(candidate: Int, demand: Int, distance: Double, demandCount: Int)
        throws(LocationAllocationError)
    {
        guard demand >= 0, demand < demandCount else {
            throw .invalidProblem(
                "candidate \(candidate) reaches demand unit \(demand), outside 0..<\(demandCount)")
        }
        guard distance.isFinite, distance >= 0 else {
            throw .invalidProblem(
                "candidate \(candidate), demand unit \(demand): distance \(distance) is not a distance")
        }
    }

    /// The number of candidate sites (rows).
    public var candidateCount: Int { offsets.count - 1 }
    /// The number of (candidate, demand) pairs within reach.
    public var entryCount: Int { demand.count }

    /// The demand units candidate `c` reaches, ascending, with their distances.
    public func row(_ candidate: Int) -> [(demand: Int, distance: Double)] {
        (offsets[candidate]..<offsets[candidate + 1]).map { (Int(demand[$0]), distances[$0]) }
    }

    /// The same candidates reaching only the demand within `limit` (inclusive): the covering sets at a
    /// service distance.
    public func within(_ limit: Double) -> CandidateReach {
        var offsets = [0]
        offsets.reserveCapacity(self.offsets.count)
        var demand: [Int32] = []
        var distances: [Double] = []
        for candidate in 0..<candidateCount {
            for position in self.offsets[candidate]..<self.offsets[candidate + 1] where self.distances[position] <= limit {
                demand.append(self.demand[position])
                distances.append(self.distances[position])
            }
            offsets.append(demand.count)
        }
        return CandidateReach(checkedDemandCount: demandCount, offsets: offsets, demand: demand, distances: distances)
    }

    /// Parts already known to be consistent.
    init(checkedDemandCount: Int, offsets: [Int], demand: [Int32], distances: [Double]) {
        demandCount = checkedDemandCount
        self.offsets = offsets
        self.demand = demand
        self.distances = distances
    }
}
