public import Foundation
import Yams
import GeoCore

extension WalkingProfile {
    /// The profile `<name>.yaml` in `folder` (e.g. `GeoData/profiles`). A missing file is an error that
    /// lists the profiles the folder has.
    public static func load(named name: String, in folder: URL) throws(WalkNetworkError) -> WalkingProfile {
        let url = folder.appendingPathComponent("\(name).yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            let available = (try? availableNames(in: folder)) ?? []
            throw .profileNotFound(name: name, folder: folder.path, available: available)
        }
        let profile = try WalkingProfile(contentsOf: url)
        guard profile.id == name else {
            throw .profile(
                file: url.path, line: 0, field: "id",
                reason:
                    "the profile in \(name).yaml has id '\(profile.id)'; a profile's file must be named after its id")
        }
        return profile
    }

    /// The names (file names without `.yaml`) of the profiles in `folder`, sorted.
    public static func availableNames(in folder: URL) throws(WalkNetworkError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .profile(
                file: folder.path, line: 0, field: "", reason: "cannot list the folder (\(error.localizedDescription))")
        }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Every profile in `folder`, loaded and checked, in name order. Fails on the first bad file.
    public static func all(in folder: URL) throws(WalkNetworkError) -> [WalkingProfile] {
        var profiles: [WalkingProfile] = []
        for name in try availableNames(in: folder) {
            profiles.append(try load(named: name, in: folder))
        }
        return profiles
    }

    /// Reads one profile file. Errors name the file, the line and the field.
    public init(contentsOf url: URL) throws(WalkNetworkError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .profile(
                file: url.path, line: 0, field: "",
                reason: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        try self.init(yaml: text, file: url.path)
    }

    /// Parses the text of a profile; `file` is only for messages.
    public init(yaml text: String, file: String) throws(WalkNetworkError) {
        if let tooDeep = YAMLNesting.firstTooDeepLine(in: text) {
            throw .profile(
                file: file, line: tooDeep.line, field: "",
                reason: "nests too deep (about \(tooDeep.depth) levels; at most \(YAMLNesting.maximumDepth))")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ProfileNode.syntaxError(error, file: file)
        } catch {
            throw .profile(file: file, line: 0, field: "", reason: "is not valid YAML: \(error)")
        }
        guard let root else { throw .profile(file: file, line: 1, field: "", reason: "the profile is empty") }
        let node = ProfileNode(node: root, file: file, path: "")
        try node.allowKeys([
            "format", "id", "version", "name", "summary", "highways", "sidewalk_highways", "never_highways",
            "foot", "access", "steps", "steps_passable_with", "exclude_areas", "exclude_tags", "features",
        ])
        let formatNode = try node.required("format")
        let format = try formatNode.integer()
        guard format == Self.formatVersion else {
            throw formatNode.error(
                "this lifecircle reads walking profile format \(Self.formatVersion), the file says \(format)")
        }
        let idNode = try node.required("id")
        let id = try idNode.string()
        if let problem = Self.problem(withID: id) { throw idNode.error(problem) }
        let versionNode = try node.required("version")
        let version = try versionNode.string()
        if let problem = Self.problem(withVersion: version) { throw versionNode.error(problem) }

        let foot = try node.optional("foot")
        try foot?.allowKeys(["allow", "deny"])
        let access = try node.optional("access")
        try access?.allowKeys(["deny"])
        let highwaysNode = try node.required("highways")
        let highways = try highwaysNode.stringSet()
        if highways.contains("steps") {
            throw highwaysNode.error("do not list steps here: the 'steps' key (true or false) decides about steps")
        }
        let stepsAllowed = try node.required("steps").boolean()
        try self.init(
            id: id, version: version,
            name: try node.optional("name")?.string() ?? id,
            summary: try node.optional("summary")?.string() ?? "",
            walkableHighways: highways,
            sidewalkHighways: try node.optional("sidewalk_highways")?.stringSet() ?? [],
            neverHighways: try node.optional("never_highways")?.stringSet() ?? [],
            footAllow: try foot?.optional("allow")?.stringSet() ?? [],
            footDeny: try foot?.optional("deny")?.stringSet() ?? [],
            accessDeny: try access?.optional("deny")?.stringSet() ?? [],
            stepsAllowed: stepsAllowed,
            stepsPassableWith: try node.optional("steps_passable_with")?.strings() ?? [],
            excludesAreas: try node.optional("exclude_areas")?.boolean() ?? true,
            excludedTags: try node.optional("exclude_tags")?.stringSetMap() ?? [:],
            features: try node.optional("features")?.stringSetMap() ?? [:])
        if let overlap = footAllow.intersection(footDeny).sorted().first {
            throw (try foot?.required("deny") ?? node).error("'\(overlap)' is both allowed and denied")
        }
    }
}

/// A YAML node with the file and field path it came from, so every error can say where.
struct ProfileNode {
    let node: Node
    let file: String
    let path: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ reason: String, field: String? = nil) -> WalkNetworkError {
        .profile(file: file, line: line, field: field ?? path, reason: reason)
    }

    static func syntaxError(_ error: YamlError, file: String) -> WalkNetworkError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .profile(file: file, line: mark.line, field: "", reason: "is not valid YAML: \(problem)")
        default:
            return .profile(file: file, line: 0, field: "", reason: "is not valid YAML: \(error)")
        }
    }

    private func child(_ key: String, _ node: Node) -> ProfileNode {
        ProfileNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    private func mapping() throws(WalkNetworkError) -> Node.Mapping {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        return mapping
    }

    func optional(_ key: String) throws(WalkNetworkError) -> ProfileNode? {
        let value = try mapping()[key]
        if let value, value.null == nil { return child(key, value) }
        return nil
    }

    func required(_ key: String) throws(WalkNetworkError) -> ProfileNode {
        guard let value = try optional(key) else {
            throw error("is required", field: path.isEmpty ? key : "\(path).\(key)")
        }
        return value
    }

    /// Refuses keys the format does not know, which are most often typos.
    func allowKeys(_ allowed: Set<String>) throws(WalkNetworkError) {
        for (key, _) in try mapping() {
            let name = key.string ?? "\(key)"
            if !allowed.contains(name) {
                throw ProfileNode(node: key, file: file, path: path.isEmpty ? name : "\(path).\(name)").error(
                    "unknown key '\(name)'; expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    /// The scalar's text as written: `yes` stays `yes` (YAML 1.1 would read it as true).
    func string() throws(WalkNetworkError) -> String {
        guard let scalar = node.scalar else { throw error("expected text") }
        return scalar.string
    }

    func integer() throws(WalkNetworkError) -> Int {
        guard let value = node.int else { throw error("expected a whole number, got '\(node.scalar?.string ?? "")'") }
        return value
    }

    func boolean() throws(WalkNetworkError) -> Bool {
        guard let scalar = node.scalar else { throw error("expected true or false") }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default: throw error("expected true or false, got '\(scalar.string)'")
        }
    }

    func sequence() throws(WalkNetworkError) -> [ProfileNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { index, item in
            ProfileNode(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    /// A list of tag values or keys: non-empty text without spaces at either end, no repeats.
    func strings() throws(WalkNetworkError) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for item in try sequence() {
            let text = try item.string()
            guard !text.isEmpty, text.trimmingSpaces() == text else {
                throw item.error("'\(text)' is not a tag value: empty, or spaces at either end")
            }
            guard seen.insert(text).inserted else { throw item.error("'\(text)' is listed twice") }
            result.append(text)
        }
        return result
    }

    func stringSet() throws(WalkNetworkError) -> Set<String> {
        Set(try strings())
    }

    /// `{key: [value, …], …}`.
    func stringSetMap() throws(WalkNetworkError) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for (key, value) in try mapping() {
            guard let name = key.string, !name.isEmpty else { throw error("keys must be tag keys") }
            result[name] = try child(name, value).stringSet()
        }
        return result
    }
}
