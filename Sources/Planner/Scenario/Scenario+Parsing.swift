public import FacilityKit
public import Foundation
import GeoCore
import Projection
public import Rules

extension Scenario {
    /// Reads a scenario file; every mistake is a `YAMLProblem` naming the file, line and field
    /// (`plan.yaml:12: field 'changes[2].at': …`).
    public init(contentsOf url: URL, plugins: [any FacilityPlugin]) throws(YAMLProblem) {
        try self.init(yaml: YAMLNode.read(contentsOf: url), plugins: plugins)
    }

    /// ```yaml
    /// scenario: 新建3处托育
    /// title: {zh: 新建3处托育机构, en: Three new childcare centres}
    /// changes:
    ///   - {add: childcare, id: new-1, name: 新托育1, at: [113.22, 23.40], crs: gcj02, attributes: {places: 60}}
    ///   - {move: public_toilet, id: T-7, to: [113.23, 23.41]}
    ///   - {close: public_toilet, id: T-9, on: 2025-06-30}
    ///   - {update: childcare, id: C-3, attributes: {places: 80}}
    /// ```
    public init(yaml root: YAMLNode, plugins: [any FacilityPlugin]) throws(YAMLProblem) {
        try root.allowKeys(["scenario", "title", "changes", "candidates"], context: "in a scenario file")
        let name = try root.required("scenario").string()
        let title = try root.optional("title")?.localizedText() ?? LocalizedText(zh: name, en: name)
        let byID = Dictionary(plugins.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let candidates = try root.optional("candidates").map { node throws(YAMLProblem) in
            try Self.candidates(node, plugins: byID)
        }
        var changes: [ScenarioChange] = []
        // Without candidates, the changes are the scenario; with them, changes may be left out.
        let list = candidates == nil ? try root.required("changes") : try root.optional("changes")
        if let list {
            let items = try list.sequence()
            guard !items.isEmpty || candidates != nil else {
                throw list.error("lists no changes; add at least one add/move/close/update or a candidates section")
            }
            for item in items { changes.append(try Self.change(item, plugins: byID)) }
        }
        self.init(name: name, title: title, changes: changes, candidates: candidates, file: root.file)
    }

    /// ```yaml
    /// candidates:
    ///   kind: childcare
    ///   choose: 2
    ///   within_m: 300
    ///   group: children_0_3
    ///   sites:
    ///     - {id: cand-1, name: 候选1, at: [113.22, 23.40], crs: gcj02, attributes: {places: 60}}
    /// ```
    private static func candidates(_ node: YAMLNode, plugins: [PluginID: any FacilityPlugin]) throws(YAMLProblem)
        -> ScenarioCandidates
    {
        guard node.isMapping else { throw node.error("expected {kind: …, choose: …, within_m: …, sites: […]}") }
        try node.allowKeys(["kind", "choose", "within_m", "group", "sites"], context: "in the candidates section")
        let kindNode = try node.required("kind")
        let (kind, plugin) = try Self.kind(kindNode, plugins: plugins)
        let chooseNode = try node.required("choose")
        let choose = try chooseNode.integer()
        guard choose >= 1 else { throw chooseNode.error("the number of sites to choose must be 1 or more") }
        let withinNode = try node.required("within_m")
        let within = try withinNode.number()
        guard within.isFinite, within > 0 else {
            throw withinNode.error("the walking distance must be more than 0 metres, not \(within)")
        }
        var group = PopulationGroup.total
        if let groupNode = try node.optional("group") {
            let text = try groupNode.string()
            guard let known = PopulationGroup(rawValue: text) else {
                let names = PopulationGroup.allCases.map(\.rawValue).joined(separator: ", ")
                throw groupNode.error("unknown population group '\(text)'; known groups: \(names)")
            }
            group = known
        }
        let list = try node.required("sites")
        let items = try list.sequence()
        guard !items.isEmpty else { throw list.error("offers no sites; list at least one {id, name, at}") }
        guard choose <= items.count else {
            throw chooseNode.error("asks for \(choose) sites but only \(items.count) are offered")
        }
        var sites: [ScenarioChange] = []
        var seen: Set<FacilityID> = []
        for item in items {
            guard item.isMapping else { throw item.error("expected a site like {id: …, name: …, at: [lon, lat]}") }
            try item.allowKeys(["id", "name", "at", "crs", "opened", "attributes"], context: "for a candidate site")
            let id = try Self.facilityID(item)
            guard seen.insert(id).inserted else {
                throw try item.required("id").error("another candidate site already has id '\(id)'")
            }
            sites.append(
                ScenarioChange(
                    kind: kind, id: id, action: .add(try Self.record(item, id: id, plugin: plugin)), line: item.line,
                    path: item.path))
        }
        return ScenarioCandidates(
            kind: kind, choose: choose, within: within, group: group, sites: sites, line: node.line, path: node.path)
    }

    private static func kind(_ kindNode: YAMLNode, plugins: [PluginID: any FacilityPlugin]) throws(YAMLProblem)
        -> (PluginID, any FacilityPlugin)
    {
        let kindText = try kindNode.string()
        guard let kind = PluginID(rawValue: kindText), let plugin = plugins[kind] else {
            let known = plugins.keys.sorted().map(\.rawValue).joined(separator: ", ")
            throw kindNode.error("unknown facility kind '\(kindText)'; known kinds: \(known)")
        }
        return (kind, plugin)
    }

    private static func facilityID(_ node: YAMLNode) throws(YAMLProblem) -> FacilityID {
        let idNode = try node.required("id")
        let idText = try idNode.string().trimmingCharacters(in: .whitespaces)
        guard !idText.isEmpty else { throw idNode.error("a facility id is required") }
        return FacilityID(rawValue: idText)
    }

    /// A new facility's complete record (`name`, `at`, `crs`, `opened`, `attributes`), validated by its schema.
    private static func record(_ node: YAMLNode, id: FacilityID, plugin: any FacilityPlugin) throws(YAMLProblem)
        -> FacilityRecord
    {
        let nameNode = try node.required("name")
        let name = try nameNode.string().trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw nameNode.error("a name is required") }
        let attributesNode = try node.optional("attributes")
        var attributes: [String: AttributeValue] = [:]
        if let attributesNode {
            for (field, value) in try Self.attributes(attributesNode, of: plugin) { attributes[field] = value }
        }
        if let missing = plugin.schema.problems(in: attributes).first {
            let field = (attributesNode?.path ?? node.path(of: "attributes")) + ".\(missing.field)"
            throw (attributesNode ?? node).error(missing.reason, field: field)
        }
        let opened = try node.optional("opened").map { node throws(YAMLProblem) in try Self.date(node) }
        return FacilityRecord(
            id: id, kind: plugin.id, name: name,
            location: try Self.location(node.required("at"), crs: node.optional("crs")),
            attributes: attributes, opened: opened)
    }

    private static let verbs = ["add", "move", "close", "update"]

    private static func change(_ node: YAMLNode, plugins: [PluginID: any FacilityPlugin]) throws(YAMLProblem)
        -> ScenarioChange
    {
        guard node.isMapping else {
            throw node.error("expected a change like {add: KIND, id: …} or {close: KIND, id: …}")
        }
        let present = try node.keys().filter { verbs.contains($0) }
        guard present.count == 1, let verb = present.first else {
            throw node.error(
                present.isEmpty
                    ? "says no change; expected one of the keys \(verbs.joined(separator: ", ")) with a facility kind"
                    : "has more than one change (\(present.joined(separator: ", "))); write each as its own list item")
        }
        let (kind, plugin) = try Self.kind(node.required(verb), plugins: plugins)
        let id = try Self.facilityID(node)

        let action: ScenarioChange.Action
        switch verb {
        case "add":
            try node.allowKeys(
                ["add", "id", "name", "at", "crs", "opened", "attributes"], context: "for an added facility")
            action = .add(try Self.record(node, id: id, plugin: plugin))
        case "move":
            try node.allowKeys(["move", "id", "to", "crs"], context: "for a moved facility")
            action = .move(to: try Self.location(node.required("to"), crs: node.optional("crs")))
        case "close":
            try node.allowKeys(["close", "id", "on"], context: "for a closed facility")
            action = .close(on: try node.optional("on").map { node throws(YAMLProblem) in try Self.date(node) })
        default:
            try node.allowKeys(["update", "id", "attributes"], context: "for an updated facility")
            let attributes = try Self.attributes(node.required("attributes"), of: plugin)
            guard !attributes.isEmpty else { throw try node.required("attributes").error("sets no field") }
            action = .update(attributes: attributes)
        }
        return ScenarioChange(kind: kind, id: id, action: action, line: node.line, path: node.path)
    }

    /// Field values parsed by the kind's schema exactly as an import parses cells; null clears a field.
    private static func attributes(_ node: YAMLNode, of plugin: any FacilityPlugin) throws(YAMLProblem)
        -> [String: AttributeValue?]
    {
        guard node.isMapping else { throw node.error("expected a mapping of field names to values") }
        var values: [String: AttributeValue?] = [:]
        for name in try node.keys() {
            guard let field = plugin.schema.field(named: name) else {
                let fields = plugin.schema.fields.map(\.name).joined(separator: ", ")
                throw node.error(
                    "kind '\(plugin.id)' has no field '\(name)'; its fields: \(fields)", field: node.path(of: name))
            }
            guard let value = try node.optional(name) else {
                values[name] = .some(nil)
                continue
            }
            let text = try value.string()
            do throws(FieldProblem) {
                values[name] = .some(try field.parse(text))
            } catch {
                throw value.error(error.reason)
            }
        }
        return values
    }

    private static func date(_ node: YAMLNode) throws(YAMLProblem) -> CivilDate {
        let text = try node.string()
        guard let date = CivilDate(parsing: text) else { throw node.error("'\(text)' is not a date like 2025-06-30") }
        return date
    }

    /// `[x, y]` in the given system (EPSG:4326 by default), brought to EPSG:4326 through PROJ.
    private static func location(_ node: YAMLNode, crs crsNode: YAMLNode?) throws(YAMLProblem) -> Coordinate {
        let items = try node.sequence()
        guard items.count == 2 else { throw node.error("expected [longitude, latitude] (or [x, y] in its crs)") }
        let point = Coordinate(x: try items[0].number(), y: try items[1].number())
        var crs = CRS.wgs84
        if let crsNode {
            let text = try crsNode.string()
            do {
                crs = try CRS(parsing: text)
            } catch {
                throw crsNode.error("'\(text)' is not a coordinate system PROJ or LifeCircle knows: \(error)")
            }
        }
        let declared: DeclaredCoordinates
        do {
            declared = try DeclaredCoordinates(crs: crs)
        } catch {
            throw node.error("\(point.x), \(point.y) in \(crs) has no position in EPSG:4326: \(error)")
        }
        do {
            return try declared.wgs84(point)
        } catch {
            throw node.error("\(error)")
        }
    }
}
