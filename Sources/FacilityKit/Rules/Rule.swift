/// A planning target as data: what is measured, the value it must reach (by year where the plan
/// gives years), and the clause that asks for it. Every rule is read as "measured ≥ target":
/// a share, a supply per 1,000 residents, a count.
///
/// Rules come from three places, all checked the same way: plugins (`FacilityPlugin.rules`),
/// rule packs (YAML in `GeoData/rules/`), and plan profiles that reuse them with their own targets.
public struct Rule: Hashable, Sendable {
    public var id: RuleID
    public var title: LocalizedText
    public var measure: RuleMeasure
    /// The values to reach, by year; the first whose year is on or after the check's date applies.
    public var targets: TargetSchedule
    /// Where the rule comes from. A rule may cite more than one document (a plan and the standard it rests on).
    public var citations: [Citation]
    public var note: LocalizedText?

    public init(
        id: RuleID, title: LocalizedText, measure: RuleMeasure, targets: TargetSchedule,
        citations: [Citation], note: LocalizedText? = nil
    ) {
        self.id = id
        self.title = title
        self.measure = measure
        self.targets = targets
        self.citations = citations
        self.note = note
    }
}

/// The id of a rule: lower case words joined by `.`, `_` or `-`, e.g. `public_toilet.female_male_ratio`.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard let first = rawValue.unicodeScalars.first, ("a"..."z").contains(first), rawValue.utf8.count <= 120,
            rawValue.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-"
            })
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = RuleID(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a rule id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What a rule measures. Each case yields one number, compared with the target.
public enum RuleMeasure: Hashable, Sendable {
    /// The share (0–1) of a population group living within a walking distance of a facility that
    /// matches any of the filters. Needs a walking network and demand.
    case coverage(facilities: [FacilityFilter], group: PopulationGroupName, withinMeters: Double, perUnit: Bool)
    /// Supply per `per` residents of a group: the sum of `supplyField` (or the number of facilities
    /// when nil), per admin unit or over the whole area.
    case perCapita(
        facilities: FacilityFilter, supplyField: String?, group: PopulationGroupName, per: Double,
        method: PerCapitaMethod, perUnit: Bool)
    /// The share (0–1) of admin units (of a level, when given) with at least one matching facility.
    case presence(facilities: FacilityFilter, unitLevel: String?)
    /// The number of matching facilities, over the whole area or in every admin unit.
    case count(facilities: FacilityFilter, perUnit: Bool)
    /// The share (0–1) of the matching facilities that meet `require`. A facility missing a field the
    /// condition reads is "not known", listed, and never counted as meeting it.
    case attribute(facilities: FacilityFilter, require: Condition)
    /// The share (0–1) of venues meeting the filter that host a facility matching any of `hosts` (a public
    /// toilet with a family toilet, or a 第三卫生间 registered as a kind of its own): one whose `venue` field
    /// names the venue, or one within `withinMeters` of it (as the crow flies). A host kind no plugin registers
    /// is left out; the rule needs one that is.
    case mandate(venues: FacilityFilter, hosts: [FacilityFilter], withinMeters: Double)
}

/// How supply per capita is counted.
public enum PerCapitaMethod: Hashable, Sendable {
    /// Facilities are counted in the admin unit whose polygon holds them.
    case unitTotals
    /// Two-step floating catchment (Luo & Wang 2003): each facility's supply is shared among the
    /// residents within the distance, and each resident sums the shares within reach.
    case twoStepFloatingCatchment(withinMeters: Double)
}

/// Which facilities a rule looks at: one kind, and optionally a condition on their attributes.
public struct FacilityFilter: Hashable, Sendable {
    public var kind: PluginID
    public var condition: Condition?

    public init(kind: PluginID, where condition: Condition? = nil) {
        self.kind = kind
        self.condition = condition
    }
}

/// A population group by name, as demand layers and admin units carry them: `total`, `women`,
/// `age_0_3`, `age_0_14`, `age_65_plus` (the raw values of the Planner's `PopulationGroup`).
public struct PopulationGroupName: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let total = PopulationGroupName("total")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The values a rule must reach. A plan may set one value, or one per target year
/// (Huadu: 4 托位 per 1,000 by 2025, 6 by 2030).
public struct TargetSchedule: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        /// The year by which the value is due; nil for a standing target.
        public var year: Int?
        public var value: Double

        public init(year: Int? = nil, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// Ordered by year; a standing target (no year) sorts last.
    public let steps: [Step]

    public init(_ steps: [Step]) {
        self.steps = steps.sorted { ($0.year ?? Int.max) < ($1.year ?? Int.max) }
    }

    public init(value: Double) { self.init([Step(value: value)]) }

    /// The step that applies in a year: the first due on or after it, else the last.
    public func step(for year: Int) -> Step? {
        steps.first { ($0.year ?? Int.max) >= year } ?? steps.last
    }
}

/// Where a rule comes from: the document by its title, the clause, the words it says, and how
/// sure we are of them (the ✔ ◐ ✱ of STANDARDS.md).
public struct Citation: Hashable, Sendable, Codable {
    public var document: String
    public var clause: String
    public var quote: String?
    public var confidence: Confidence

    public init(document: String, clause: String, quote: String? = nil, confidence: Confidence) {
        self.document = document
        self.clause = clause
        self.quote = quote
        self.confidence = confidence
    }

    public enum Confidence: String, Hashable, Sendable, Codable, CaseIterable {
        /// Read in the source text (✔).
        case verified
        /// Seen in a secondary source (◐).
        case secondary
        /// Widely known but not checked against the full text (✱); reports say so.
        case unverified
    }
}

/// A condition on a facility's attributes, written as people write it:
/// `female_stalls >= 2 * (male_stalls + urinals)`, `venue_type in [commercial, transport_hub] and
/// (floor_area_m2 > 10000 or daily_visitors > 10000)`, `not high_footfall`.
/// The text is kept as written; `ConditionExpression(parsing:)` checks and compiles it.
public struct Condition: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }
}
