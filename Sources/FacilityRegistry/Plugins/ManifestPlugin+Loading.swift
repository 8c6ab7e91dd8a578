import FacilityKit
public import Foundation
import Rules

extension ManifestPlugin {
    /// Reads one manifest. Every error names the file, the line and the field.
    public init(contentsOf url: URL) throws(RegistryError) {
        do throws(YAMLProblem) {
            self = try ManifestPlugin.read(try YAMLNode.read(contentsOf: url))
        } catch {
            throw RegistryError(error)
        }
    }

    static func read(_ root: YAMLNode) throws(YAMLProblem) -> ManifestPlugin {
        try root.allowKeys(
            ["id", "api_version", "version", "name", "summary", "fields", "osm", "poi", "catchment", "rules"],
            context: "in a plugin manifest")
        let idNode = try root.required("id")
        let idText = try idNode.string()
        guard let id = PluginID(rawValue: idText) else {
            throw idNode.error("'\(idText)' is not a valid id: use lower snake case, e.g. family_toilet")
        }
        let descriptor = PluginDescriptor(
            id: id, name: try root.required("name").localizedText(), version: try root.required("version").version(),
            apiVersion: try root.required("api_version").integer(),
            summary: try root.optional("summary")?.localizedText())
        let fieldNodes = try root.required("fields").sequence()
        let schema = AttributeSchema(
            fields: try fieldNodes.map { node throws(YAMLProblem) in try FieldSpec(manifest: node) })
        let osmMapping = try root.optional("osm").map { node throws(YAMLProblem) in try OSMTagMapping(manifest: node) }
        let poiMapping = try root.optional("poi").map { node throws(YAMLProblem) in try POITypeMapping(manifest: node) }
        let catchment = try root.optional("catchment").map { node throws(YAMLProblem) in
            try node.allowKeys(["walking_distance_m", "source"])
            let distanceNode = try node.required("walking_distance_m")
            let distance = try distanceNode.number()
            guard distance > 0 else { throw distanceNode.error("must be positive") }
            return Catchment(walkingDistanceMeters: distance, source: try node.optional("source")?.string())
        }
        // The schema's own rules, reported at the line of the offending field.
        do {
            try schema.validate()
        } catch {
            let culprit = fieldNodes.last { (try? $0.optional("name")?.string()) == error.field }
            throw (culprit ?? root).error(error.reason, field: "fields.\(error.field)")
        }
        // Rules in the pack format; their conditions are checked against the schema when the
        // plugin is registered, like those of a Swift plugin.
        let rules =
            try root.optional("rules")?.sequence().map { node throws(YAMLProblem) in
                try RuleDefinition(yaml: node, origin: .plugin(id)).rule
            } ?? []
        return ManifestPlugin(
            descriptor: descriptor, schema: schema, osmMapping: osmMapping, poiMapping: poiMapping,
            defaultCatchment: catchment, rules: rules,
            path: root.file)
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

extension RegistryError {
    /// A mistake in a manifest, at its file, line and field.
    init(_ problem: YAMLProblem) {
        self = .manifest(file: problem.file, line: problem.line, field: problem.field, reason: problem.reason)
    }
}

extension FieldSpec {
    init(manifest node: YAMLNode) throws(YAMLProblem) {
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
            type = .enumeration(
                try node.required("values").sequence().map { option throws(YAMLProblem) in
                    try option.allowKeys(["value", "zh", "en", "synonyms"])
                    return EnumOption(
                        value: try option.required("value").string(),
                        label: LocalizedText(
                            zh: try option.required("zh").string(), en: try option.required("en").string()),
                        synonyms: try option.optional("synonyms")?.sequence().map { n throws(YAMLProblem) in
                            try n.string()
                        } ?? [])
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
            aliases: try node.optional("aliases")?.sequence().map { n throws(YAMLProblem) in try n.string() } ?? [])
    }
}

extension OSMTagMapping {
    init(manifest node: YAMLNode) throws(YAMLProblem) {
        try node.allowKeys(["match", "attributes"])
        // Each condition is a set of tags (`{amenity: toilets}`), or the tags with the attribute values they imply
        // (`{tags: {amenity: kindergarten}, implies: {category: kindergarten}}`).
        let conditions = try node.required("match").sequence().map { condition throws(YAMLProblem) in
            if try condition.keys().contains("tags") {
                try condition.allowKeys(["tags", "implies"])
                return TagCondition(
                    try condition.required("tags").stringMap(),
                    implies: try condition.optional("implies")?.stringMap() ?? [:])
            }
            return TagCondition(try condition.stringMap())
        }
        guard !conditions.isEmpty else { throw node.error("match needs at least one set of tags") }
        self.init(conditions: conditions, attributeTags: try node.optional("attributes")?.stringMap() ?? [:])
    }
}

extension POITypeMapping {
    /// A list of `{amap: [typecodes], baidu: [tags], implies: {field: value}}`; a typecode is read as written
    /// (`090100` keeps its leading zero).
    init(manifest node: YAMLNode) throws(YAMLProblem) {
        let conditions = try node.sequence().map { condition throws(YAMLProblem) -> TypeCondition in
            try condition.allowKeys(["amap", "baidu", "implies"])
            let amap: [String] = try condition.optional("amap")?.sequence().map { code throws(YAMLProblem) -> String in
                let text = try code.string()
                guard !text.isEmpty, text.count <= 6, text.allSatisfy(\.isASCIIDigit) else {
                    throw code.error("'\(text)' is not an AMap typecode (up to six digits, e.g. \"141204\")")
                }
                return text
            } ?? []
            let baidu: [String] = try condition.optional("baidu")?.sequence().map { tag throws(YAMLProblem) -> String in
                try tag.string()
            } ?? []
            guard !amap.isEmpty || !baidu.isEmpty else {
                throw condition.error("a POI type needs amap typecodes or baidu tags")
            }
            return TypeCondition(
                amap: amap, baidu: baidu, implies: try condition.optional("implies")?.stringMap() ?? [:])
        }
        guard !conditions.isEmpty else { throw node.error("poi needs at least one type") }
        self.init(conditions)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
