public import FacilityKit
public import GeoCore

/// A what-if scenario read from a YAML file: facilities added, moved, closed or updated, in order.
/// Coordinates are already in EPSG:4326 and attributes parsed by each kind's schema.
public struct Scenario: Hashable, Sendable {
    /// The scenario's short name (`scenario:`), e.g. `新建3处托育`.
    public var name: String
    public var title: LocalizedText
    public var changes: [ScenarioChange]
    /// Candidate sites of which the best are added after the changes (`candidates:`), if any.
    public var candidates: ScenarioCandidates?
    /// The file it was read from, for messages.
    public var file: String

    public init(
        name: String, title: LocalizedText, changes: [ScenarioChange], candidates: ScenarioCandidates? = nil,
        file: String
    ) {
        self.name = name
        self.title = title
        self.changes = changes
        self.candidates = candidates
        self.file = file
    }
}

/// The `candidates:` section: sites offered for new facilities of one kind, of which the `choose` that
/// bring most of `group` within `within` metres of walking (maximal covering) are added.
public struct ScenarioCandidates: Hashable, Sendable {
    public var kind: PluginID
    public var choose: Int
    /// Walking metres within which a resident counts as covered.
    public var within: Double
    public var group: PopulationGroup
    /// Each site as the `add` change it becomes when chosen (complete record, its own line and path).
    public var sites: [ScenarioChange]
    public var line: Int
    public var path: String

    public init(
        kind: PluginID, choose: Int, within: Double, group: PopulationGroup, sites: [ScenarioChange], line: Int,
        path: String
    ) {
        self.kind = kind
        self.choose = choose
        self.within = within
        self.group = group
        self.sites = sites
        self.line = line
        self.path = path
    }
}

/// One change of a scenario, with the line and field path it came from (`changes[2]`).
public struct ScenarioChange: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// A new facility (its record is complete and validated against the schema).
        case add(FacilityRecord)
        case move(to: Coordinate)
        /// Closed from this date on; nil means the check date.
        case close(on: CivilDate?)
        /// Fields set (a nil value clears the field).
        case update(attributes: [String: AttributeValue?])
    }

    public var kind: PluginID
    public var id: FacilityID
    public var action: Action
    public var line: Int
    public var path: String

    public init(kind: PluginID, id: FacilityID, action: Action, line: Int, path: String) {
        self.kind = kind
        self.id = id
        self.action = action
        self.line = line
        self.path = path
    }

    /// `add`, `move`, `close` or `update`: the key of the change in the file and the `change` column.
    public var verb: String {
        switch action {
        case .add: "add"
        case .move: "move"
        case .close: "close"
        case .update: "update"
        }
    }
}
