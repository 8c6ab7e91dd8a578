import Foundation

extension FloatingCatchment {
    /// How a facility's pull weakens with walking distance d within the catchment d₀ (beyond d₀ nothing
    /// is reached). The same weight serves both steps, so only the ratios between weights matter.
    public enum Decay: Hashable, Sendable {
        /// W = 1 within the catchment: the classic 2SFCA (Luo & Wang 2003).
        case none
        /// Stepped zones (E2SFCA, Luo & Qi 2009): W is the weight of the first step whose upper bound is at
        /// least d. Bounds ascend, and the last is the catchment distance.
        case steps([Step])
        /// The Gaussian weight of Dai (2010), falling smoothly from 1 at d = 0 to 0 at d = d₀:
        /// W(d) = (e^(−½·(d/d₀)²) − e^(−½)) / (1 − e^(−½)).
        case gaussian

        /// One zone of a stepped decay: distances up to `upTo` metres (after the previous zone) weigh `weight`.
        public struct Step: Hashable, Sendable {
            public var upTo: Double
            public var weight: Double

            public init(upTo: Double, weight: Double) {
                self.upTo = upTo
                self.weight = weight
            }
        }

        /// Luo & Qi's (2009) three zones with weights 1, 0.68 and 0.22, at 30 %, 60 % and 100 % of the
        /// catchment: 0–300, 300–600 and 600–1000 m for a 1,000 m catchment.
        public static func luoQi(catchment: Double) -> Decay {
            .steps([
                Step(upTo: 0.3 * catchment, weight: 1), Step(upTo: 0.6 * catchment, weight: 0.68),
                Step(upTo: catchment, weight: 0.22),
            ])
        }

        /// The weight at `distance` metres for a catchment of `catchment` metres; 0 beyond it.
        public func weight(_ distance: Double, catchment: Double) -> Double {
            guard distance <= catchment else { return 0 }
            switch self {
            case .none:
                return 1
            case .steps(let steps):
                // The last step ends at the catchment (to rounding), so it takes what the others leave.
                return (steps.first { distance <= $0.upTo } ?? steps.last)?.weight ?? 0
            case .gaussian:
                let floor = exp(-0.5)
                let ratio = distance / catchment
                return (exp(-0.5 * ratio * ratio) - floor) / (1 - floor)
            }
        }

        /// A short name for tables and file metadata: `none`, `gaussian`, or the steps as `300:1,600:0.68,…`.
        public var label: String {
            switch self {
            case .none: "none"
            case .gaussian: "gaussian"
            case .steps(let steps): steps.map { "\(Self.number($0.upTo)):\(Self.number($0.weight))" }.joined(separator: ",")
            }
        }

        private static func number(_ value: Double) -> String {
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }

        func validate(catchment: Double) throws(FloatingCatchmentError) {
            guard case .steps(let steps) = self else { return }
            guard !steps.isEmpty else { throw .invalidParameter("a stepped decay needs at least one step") }
            var previous = 0.0
            for (index, step) in steps.enumerated() {
                guard step.upTo.isFinite, step.upTo > previous else {
                    throw .invalidParameter(
                        "step \(index + 1) of the decay ends at \(Self.number(step.upTo)) m: steps must end at increasing "
                            + "distances above 0 m")
                }
                guard step.weight.isFinite, step.weight > 0 else {
                    throw .invalidParameter(
                        "step \(index + 1) of the decay weighs \(Self.number(step.weight)): weights must be positive "
                            + "(make the catchment shorter instead of weighing a zone 0)")
                }
                previous = step.upTo
            }
            guard abs(previous - catchment) <= 1e-9 * catchment else {
                throw .invalidParameter(
                    "the last step of the decay ends at \(Self.number(previous)) m, but the catchment is \(Self.number(catchment)) m: "
                        + "they must be the same")
            }
        }
    }
}
