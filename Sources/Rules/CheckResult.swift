public import FacilityKit
public import GeoCore

/// The outcome of checking a plan profile: one result per rule, in the profile's order.
public struct CheckResult: Hashable, Sendable {
    public var profile: ProfileSummary
    public var asOf: CivilDate
    public var results: [RuleResult]
    /// The inputs the check read, so a report says where its figures come from.
    public var provenance: [Provenance]

    public init(profile: ProfileSummary, asOf: CivilDate, results: [RuleResult], provenance: [Provenance]) {
        self.profile = profile
        self.asOf = asOf
        self.results = results
        self.provenance = provenance
    }

    /// True only when there are rules and every one was evaluated and passed.
    public var allPassed: Bool { !results.isEmpty && results.allSatisfy { $0.status == .passed } }
}

public struct ProfileSummary: Hashable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var version: SemanticVersion

    public init(id: String, title: LocalizedText, version: SemanticVersion) {
        self.id = id
        self.title = title
        self.version = version
    }
}

/// One input of a check: a file, a plugin, a rule pack, with its version or date.
public struct Provenance: Hashable, Sendable {
    public var role: String
    public var name: String
    public var detail: String?

    public init(role: String, name: String, detail: String? = nil) {
        self.role = role
        self.name = name
        self.detail = detail
    }
}

/// The result of one rule.
public struct RuleResult: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case passed
        case failed
        /// Not evaluated for lack of data; never counted as passed.
        case notEvaluable(reason: LocalizedText)
    }

    /// How the measured value reads.
    public enum Quantity: String, Hashable, Sendable, Codable {
        /// 0–1, shown as a percentage.
        case share
        /// Per 1,000 (or `per`) residents.
        case perCapita
        case count
    }

    public var rule: Rule
    public var status: Status
    public var quantity: Quantity
    /// The value measured over the whole area; nil when not evaluable.
    public var measured: Double?
    /// The target step that applied on the check's date.
    public var target: TargetSchedule.Step?
    /// How far the measured value falls short of the target (target − measured), when it fails.
    public var shortfall: Double?
    /// What the figure is made of, in words (e.g. "14 of 17 toilets meet it; 3 lack stall counts").
    public var detail: LocalizedText?
    /// Per admin unit, where the rule is read per unit or the figure can be split.
    public var units: [UnitOutcome]
    /// The facilities or venues that fail it, or whose data is missing.
    public var failing: [FailingFeature]
    /// Where residents are not covered (for coverage rules), for the gap map.
    public var uncoveredLocations: [Coordinate]
    /// The facilities that meet the rule or count towards it (those serving a coverage rule, the supply of a
    /// per-capita one, those meeting an attribute condition), for the rule's map.
    public var meeting: [MeetingFeature]

    public init(
        rule: Rule, status: Status, quantity: Quantity, measured: Double? = nil, target: TargetSchedule.Step? = nil,
        shortfall: Double? = nil, detail: LocalizedText? = nil, units: [UnitOutcome] = [],
        failing: [FailingFeature] = [], uncoveredLocations: [Coordinate] = [], meeting: [MeetingFeature] = []
    ) {
        self.rule = rule
        self.status = status
        self.quantity = quantity
        self.measured = measured
        self.target = target
        self.shortfall = shortfall
        self.detail = detail
        self.units = units
        self.failing = failing
        self.uncoveredLocations = uncoveredLocations
        self.meeting = meeting
    }
}

/// A rule's figure in one admin unit.
public struct UnitOutcome: Hashable, Sendable {
    public var unit: AdminUnitID
    public var name: String
    public var measured: Double?
    public var passed: Bool?
    public var shortfall: Double?

    public init(unit: AdminUnitID, name: String, measured: Double?, passed: Bool?, shortfall: Double? = nil) {
        self.unit = unit
        self.name = name
        self.measured = measured
        self.passed = passed
        self.shortfall = shortfall
    }
}

/// A facility that meets a rule or counts towards it.
public struct MeetingFeature: Hashable, Sendable {
    public var facility: FacilityID
    public var kind: PluginID
    public var name: String
    public var location: Coordinate

    public init(facility: FacilityID, kind: PluginID, name: String, location: Coordinate) {
        self.facility = facility
        self.kind = kind
        self.name = name
        self.location = location
    }
}

/// A facility or venue that fails a rule, or cannot be judged for missing data.
public struct FailingFeature: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// It does not meet the condition.
        case fails
        /// A field the condition reads is empty.
        case missingData(fields: [String])
        /// A mandated venue hosts no facility of the required kind.
        case lacksRequiredFacility(kind: PluginID)
    }

    public var facility: FacilityID
    public var kind: PluginID
    public var name: String
    public var location: Coordinate
    public var reason: Reason
    public var unit: AdminUnitID?

    public init(
        facility: FacilityID, kind: PluginID, name: String, location: Coordinate, reason: Reason,
        unit: AdminUnitID? = nil
    ) {
        self.facility = facility
        self.kind = kind
        self.name = name
        self.location = location
        self.reason = reason
        self.unit = unit
    }
}
