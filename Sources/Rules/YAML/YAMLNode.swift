public import FacilityKit
public import Foundation
import GeoCore
public import Yams

/// A YAML node with the file and field path it came from, so every error can say where:
/// `GeoData/plans/huadu-2021-2030.yaml:42: field 'rules[3].within_m': expected a number, got 'far'`.
/// Rule packs, plan profiles and manifest plugins are all read through it.
public struct YAMLNode {
    public let node: Node
    public let file: String
    /// The field path from the document's root, e.g. `rules[3].facilities.where`; empty at the root.
    public let path: String

    public init(node: Node, file: String, path: String = "") {
        self.node = node
        self.file = file
        self.path = path
    }

    /// The 1-based line the node starts on; 0 when unknown.
    public var line: Int { node.mark?.line ?? 0 }

    /// Reads and parses a UTF-8 YAML file; an empty document is an error.
    public static func read(contentsOf url: URL) throws(YAMLProblem) -> YAMLNode {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw YAMLProblem(
                file: url.path, line: 0, field: "",
                reason: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return try parse(text, file: url.path)
    }

    /// Parses YAML text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(YAMLProblem) -> YAMLNode {
        if let tooDeep = YAMLNesting.firstTooDeepLine(in: text) {
            throw YAMLProblem(
                file: file, line: tooDeep.line, field: "",
                reason: "nests too deep (about \(tooDeep.depth) levels; at most \(YAMLNesting.maximumDepth))")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw YAMLProblem(file: file, line: 0, field: "", reason: "is not valid YAML: \(error)")
        }
        guard let root else { throw YAMLProblem(file: file, line: 1, field: "", reason: "the file is empty") }
        return YAMLNode(node: root, file: file)
    }

    static func syntaxError(_ error: YamlError, file: String) -> YAMLProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            YAMLProblem(file: file, line: mark.line, field: "", reason: "is not valid YAML: \(problem)")
        default:
            YAMLProblem(file: file, line: 0, field: "", reason: "is not valid YAML: \(error)")
        }
    }

    /// A problem at this node; `field` replaces the node's own path.
    public func error(_ reason: String, field: String? = nil) -> YAMLProblem {
        YAMLProblem(file: file, line: line, field: field ?? path, reason: reason)
    }

    /// The path of a key below this node.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func child(_ key: String, _ node: Node) -> YAMLNode {
        YAMLNode(node: node, file: file, path: path(of: key))
    }

    private func mapping() throws(YAMLProblem) -> Node.Mapping {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        return mapping
    }

    public var isMapping: Bool { node.mapping != nil }
    public var isSequence: Bool { node.sequence != nil }
    public var isScalar: Bool { node.scalar != nil }

    /// The keys of a mapping, in document order.
    public func keys() throws(YAMLProblem) -> [String] {
        try mapping().map { key, _ in key.string ?? "\(key)" }
    }

    /// The value of a key; nil when absent or null (`~`, empty).
    public func optional(_ key: String) throws(YAMLProblem) -> YAMLNode? {
        let value = try mapping()[key]
        if let value, value.null == nil { return child(key, value) }
        return nil
    }

    /// The value of the first of the keys that is present.
    public func firstPresent(of keys: [String]) throws(YAMLProblem) -> YAMLNode? {
        for key in keys {
            if let value = try optional(key) { return value }
        }
        return nil
    }

    public func required(_ key: String) throws(YAMLProblem) -> YAMLNode {
        guard let value = try optional(key) else { throw error("is required", field: path(of: key)) }
        return value
    }

    /// Refuses keys the format does not know, which are most often typos. `context` says what the
    /// mapping is, e.g. "for a coverage rule".
    public func allowKeys(_ allowed: Set<String>, context: String? = nil) throws(YAMLProblem) {
        for (key, _) in try mapping() {
            let name = key.string ?? "\(key)"
            if !allowed.contains(name) {
                let near = NearNames.closest(to: name, among: allowed)
                let hint = near.isEmpty ? "" : " (did you mean '\(near[0])'?)"
                let what = context.map { " \($0)" } ?? ""
                throw YAMLNode(node: key, file: file, path: path).error(
                    "unknown key '\(name)'\(what)\(hint); expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    public func string() throws(YAMLProblem) -> String {
        guard let scalar = node.scalar else { throw error("expected text") }
        return scalar.string
    }

    public func integer() throws(YAMLProblem) -> Int {
        guard let value = node.int else { throw error("expected a whole number, got '\(node.scalar?.string ?? "")'") }
        return value
    }

    public func number() throws(YAMLProblem) -> Double {
        guard let value = node.float, value.isFinite else {
            throw error("expected a number, got '\(node.scalar?.string ?? describeShape())'")
        }
        return value
    }

    public func boolean() throws(YAMLProblem) -> Bool {
        guard let value = node.bool else { throw error("expected true or false, got '\(node.scalar?.string ?? "")'") }
        return value
    }

    public func sequence() throws(YAMLProblem) -> [YAMLNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { index, item in
            YAMLNode(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    /// A list, or a single item taken as a list of one.
    public func oneOrMany() -> [YAMLNode] {
        (try? sequence()) ?? [self]
    }

    public func stringMap() throws(YAMLProblem) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try mapping() {
            guard let k = key.string else { throw error("keys must be text") }
            result[k] = try child(k, value).string()
        }
        return result
    }

    /// `{zh: …, en: …}`; a plain string serves both languages.
    public func localizedText() throws(YAMLProblem) -> LocalizedText {
        if let scalar = node.scalar { return LocalizedText(zh: scalar.string, en: scalar.string) }
        try allowKeys(["zh", "en"])
        return LocalizedText(zh: try required("zh").string(), en: try required("en").string())
    }

    /// `MAJOR.MINOR.PATCH`.
    public func version() throws(YAMLProblem) -> SemanticVersion {
        let text = try string()
        guard let version = SemanticVersion(parsing: text) else { throw error("'\(text)' is not a version like 1.0.0") }
        return version
    }

    private func describeShape() -> String {
        node.mapping != nil ? "a mapping" : node.sequence != nil ? "a list" : ""
    }
}
