import FacilityKit
public import Foundation
import Yams

extension ManifestPlugin {
    /// Reads one manifest. Every error names the file, the line and the field.
    public init(contentsOf url: URL) throws(RegistryError) {
        let file = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .manifest(file: file, line: 0, field: "", reason: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ManifestNode.syntaxError(error, file: file)
        } catch {
            throw .manifest(file: file, line: 0, field: "", reason: "is not valid YAML: \(error)")
        }
        guard let root else { throw .manifest(file: file, line: 1, field: "", reason: "the manifest is empty") }
        try self.init(root: ManifestNode(node: root, file: file, path: ""), file: file)
    }

    init(root: ManifestNode, file: String) throws(RegistryError) {
        try root.allowKeys(["id", "api_version", "version", "name", "summary", "fields", "osm", "catchment"])
        let idNode = try root.required("id")
        let idText = try idNode.string()
        guard let id = PluginID(rawValue: idText) else {
            throw idNode.error("'\(idText)' is not a valid id: use lower snake case, e.g. family_toilet")
        }
        let versionNode = try root.required("version")
        let versionText = try versionNode.string()
        guard let version = SemanticVersion(parsing: versionText) else {
            throw versionNode.error("'\(versionText)' is not a version like 1.0.0")
        }
        descriptor = PluginDescriptor(
            id: id, name: try root.required("name").localizedText(), version: version,
            apiVersion: try root.required("api_version").integer(),
            summary: try root.optional("summary")?.localizedText())
        schema = AttributeSchema(fields: try root.required("fields").sequence().map { node throws(RegistryError) in
            try FieldSpec(manifest: node)
        })
        osmMapping = try root.optional("osm").map { node throws(RegistryError) in try OSMTagMapping(manifest: node) }
        defaultCatchment = try root.optional("catchment").map { node throws(RegistryError) in
            try node.allowKeys(["walking_distance_m", "source"])
            let distance = try node.required("walking_distance_m").number()
            guard distance > 0 else { throw node.error("walking_distance_m must be positive") }
            return Catchment(walkingDistanceMeters: distance, source: try node.optional("source")?.string())
        }
        path = file
        // The schema's own rules, reported at the line of the offending field.
        do {
            try schema.validate()
        } catch {
            let fields = try root.required("fields").sequence()
            let culprit = fields.last { (try? $0.optional("name")?.string()) == error.field }
            throw (culprit ?? root).error(error.reason, field: "fields.\(error.field)")
        }
    }

    /// Reads every `*.yaml` / `*.yml` file of a folder, in name order.
    public static func loadAll(in directory: URL) throws(RegistryError) -> [ManifestPlugin] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .manifest(file: directory.path, line: 0, field: "", reason: "the plugins folder cannot be read")
        }
        var plugins: [ManifestPlugin] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            plugins.append(try ManifestPlugin(contentsOf: directory.appendingPathComponent(name)))
        }
        return plugins
    }
}

extension FieldSpec {
    init(manifest node: ManifestNode) throws(RegistryError) {
        try node.allowKeys(["name", "label", "type", "required", "unit", "min", "max", "aliases", "values"])
        let name = try node.required("name").string()
        let typeNode = try node.required("type")
        let typeName = try typeNode.string()
        let type: FieldType
        switch typeName {
        case "integer": type = .integer
        case "real": type = .real
        case "text": type = .text
        case "boolean": type = .boolean
        case "date": type = .date
        case "enum":
            type = .enumeration(try node.required("values").sequence().map { option throws(RegistryError) in
                try option.allowKeys(["value", "zh", "en"])
                return EnumOption(
                    value: try option.required("value").string(),
                    label: LocalizedText(zh: try option.required("zh").string(), en: try option.required("en").string()))
            })
        default:
            throw typeNode.error("unknown type '\(typeName)'; use integer, real, text, boolean, enum or date")
        }
        if typeName != "enum", let values = try node.optional("values") {
            throw values.error("values belong to enum fields only")
        }
        self.init(
            name: name, label: try node.required("label").localizedText(), type: type,
            required: try node.optional("required")?.boolean() ?? false, unit: try node.optional("unit")?.string(),
            minimum: try node.optional("min")?.number(), maximum: try node.optional("max")?.number(),
            aliases: try node.optional("aliases")?.sequence().map { n throws(RegistryError) in try n.string() } ?? [])
    }
}

extension OSMTagMapping {
    init(manifest node: ManifestNode) throws(RegistryError) {
        try node.allowKeys(["match", "attributes"])
        let match = try node.required("match").sequence().map { condition throws(RegistryError) in
            try condition.stringMap()
        }
        guard !match.isEmpty else { throw node.error("match needs at least one set of tags") }
        self.init(match: match, attributeTags: try node.optional("attributes")?.stringMap() ?? [:])
    }
}

/// A YAML node with the file and field path it came from, so every error can say where.
struct ManifestNode {
    let node: Node
    let file: String
    let path: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ reason: String, field: String? = nil) -> RegistryError {
        .manifest(file: file, line: line, field: field ?? path, reason: reason)
    }

    static func syntaxError(_ error: YamlError, file: String) -> RegistryError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .manifest(file: file, line: mark.line, field: "", reason: "is not valid YAML: \(problem)")
        default:
            return .manifest(file: file, line: 0, field: "", reason: "is not valid YAML: \(error)")
        }
    }

    private func child(_ key: String, _ node: Node) -> ManifestNode {
        ManifestNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    private func mapping() throws(RegistryError) -> Node.Mapping {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        return mapping
    }

    func optional(_ key: String) throws(RegistryError) -> ManifestNode? {
        let value = try mapping()[key]
        if let value, value.null == nil { return child(key, value) }
        return nil
    }

    func required(_ key: String) throws(RegistryError) -> ManifestNode {
        guard let value = try optional(key) else { throw error("is required", field: path.isEmpty ? key : "\(path).\(key)") }
        return value
    }

    /// Refuses keys the format does not know, which are most often typos.
    func allowKeys(_ allowed: Set<String>) throws(RegistryError) {
        for (key, _) in try mapping() {
            let name = key.string ?? "\(key)"
            if !allowed.contains(name) {
                throw ManifestNode(node: key, file: file, path: path).error(
                    "unknown key '\(name)'; expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    func string() throws(RegistryError) -> String {
        guard let scalar = node.scalar else { throw error("expected text") }
        return scalar.string
    }

    func integer() throws(RegistryError) -> Int {
        guard let value = node.int else { throw error("expected a whole number, got '\(node.scalar?.string ?? "")'") }
        return value
    }

    func number() throws(RegistryError) -> Double {
        guard let value = node.float, value.isFinite else {
            throw error("expected a number, got '\(node.scalar?.string ?? "")'")
        }
        return value
    }

    func boolean() throws(RegistryError) -> Bool {
        guard let value = node.bool else { throw error("expected true or false, got '\(node.scalar?.string ?? "")'") }
        return value
    }

    func sequence() throws(RegistryError) -> [ManifestNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { index, item in
            ManifestNode(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    func stringMap() throws(RegistryError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try mapping() {
            guard let k = key.string else { throw error("keys must be text") }
            result[k] = try child(k, value).string()
        }
        return result
    }

    /// `{zh: …, en: …}`; a plain string serves both languages.
    func localizedText() throws(RegistryError) -> LocalizedText {
        if let scalar = node.scalar { return LocalizedText(zh: scalar.string, en: scalar.string) }
        try allowKeys(["zh", "en"])
        return LocalizedText(zh: try required("zh").string(), en: try required("en").string())
    }
}
