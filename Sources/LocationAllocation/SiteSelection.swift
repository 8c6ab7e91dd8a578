/// What a solver chose: the sites, ranked, with what each adds, and the value of the objective before and
/// after; also greedy's own choice, so that the interchange's improvement can be seen.
///
/// The value is the problem's objective: for the covering problems the weight (population) covered, for the
/// p-median the population-weighted distance. A site's `gain` is always an improvement: people newly
/// covered, or person-metres of walking saved.
public struct SiteSelection: Hashable, Sendable {
    /// A chosen candidate (its index in the problem) and what it adds given the sites ranked before it.
    public struct Site: Hashable, Sendable {
        public var candidate: Int
        public var gain: Double

        public init(candidate: Int, gain: Double) {
            self.candidate = candidate
            self.gain = gain
        }
    }

    /// The chosen sites, ranked: each is the one that adds most given those before it, so the gains add up
    /// to the whole improvement and a plan that builds them in this order gets the most out of each step.
    public var sites: [Site]
    /// The objective with the existing facilities only.
    public var valueBefore: Double
    /// The objective with the chosen sites added.
    public var valueAfter: Double
    /// Greedy's choice in its order of selection, with its marginal gains, before any interchange.
    public var greedySites: [Site]
    /// The objective with greedy's choice.
    public var greedyValue: Double
    /// Swaps the interchange made, and its passes over the candidates (0 when it did not run).
    public var swaps: Int
    public var passes: Int

    /// The chosen candidates' indices, in rank order.
    public var candidates: [Int] { sites.map(\.candidate) }
}

/// Where a solver is, for a progress line: the stage, the sites chosen or swaps made so far.
public struct SelectionProgress: Hashable, Sendable {
    public enum Stage: String, Hashable, Sendable {
        /// Greedy selection: `count` sites chosen.
        case greedy
        /// Interchange: `count` swaps made, in pass `pass`.
        case interchange
        /// Set covering's redundancy elimination: `count` sites dropped.
        case redundancy
    }

    public var stage: Stage
    public var count: Int
    public var pass: Int

    public init(stage: Stage, count: Int, pass: Int = 0) {
        self.stage = stage
        self.count = count
        self.pass = pass
    }
}
