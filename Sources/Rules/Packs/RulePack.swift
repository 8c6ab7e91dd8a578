public import FacilityKit
public import Foundation

/// A named, versioned set of rules in YAML (`GeoData/rules/national.yaml`): the national standards,
/// or any set a profile extends or reuses.
public struct RulePack: Hashable, Sendable {
    /// The pack's name, e.g. `national`; a profile's `extends:` names it.
    public var name: String
    public var version: SemanticVersion
    public var title: LocalizedText
    public var definitions: [RuleDefinition]
    /// The file it was read from.
    public var file: String

    public var rules: [Rule] { definitions.map(\.rule) }

    /// Reads a pack file. Every mistake names the file, the line and the field.
    public init(contentsOf url: URL) throws(RuleError) {
        do throws(YAMLProblem) {
            try self.init(yaml: try YAMLNode.read(contentsOf: url))
        } catch {
            throw .file(error)
        }
    }

    public init(yaml root: YAMLNode) throws(YAMLProblem) {
        try root.allowKeys(["pack", "version", "title", "rules"], context: "in a rule pack")
        let nameNode = try root.required("pack")
        name = try nameNode.string()
        guard RuleID(rawValue: name) != nil else {
            throw nameNode.error("'\(name)' is not a pack name: lower case words joined by '_' or '-', e.g. national")
        }
        version = try root.required("version").version()
        title = try root.required("title").localizedText()
        file = root.file
        definitions = []
        var seen: [RuleID: Int] = [:]
        for item in try root.required("rules").sequence() {
            let definition = try RuleDefinition(
                yaml: item, origin: .pack(name: name, file: root.file, line: item.line))
            if let line = seen[definition.rule.id] {
                throw try item.required("id").error("rule '\(definition.rule.id)' is already defined at line \(line)")
            }
            seen[definition.rule.id] = item.line
            definitions.append(definition)
        }
    }

    /// Every `*.yaml` / `*.yml` pack of a folder, in file name order.
    public static func loadAll(in folder: URL) throws(RuleError) -> [RulePack] {
        var packs: [RulePack] = []
        for url in try yamlFiles(in: folder) {
            let pack = try RulePack(contentsOf: url)
            if let other = packs.first(where: { $0.name == pack.name }) {
                throw .duplicateName(kind: "rule pack", name: pack.name, first: other.file, second: pack.file)
            }
            packs.append(pack)
        }
        return packs
    }

    /// The YAML files of a folder, in name order.
    static func yamlFiles(in folder: URL) throws(RuleError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .unreadableFolder(folder.path)
        }
        return names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { folder.appendingPathComponent($0) }
    }
}
