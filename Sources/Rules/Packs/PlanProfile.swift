public import FacilityKit
public import Foundation

/// A plan profile (`GeoData/plans/huadu-2021-2030.yaml`): the targets of one plan, as rules reused
/// by id (`use:`) with the plan's own values and clauses, or written in full. `extends:` adds every
/// rule of the named packs that the profile does not use itself.
public struct PlanProfile: Hashable, Sendable {
    public struct Region: Hashable, Sendable {
        public var name: String
        /// The administrative division code, e.g. 440114 for 花都区.
        public var adcode: String?

        public init(name: String, adcode: String? = nil) {
            self.name = name
            self.adcode = adcode
        }
    }

    /// One line of the profile's `rules:`.
    public enum Entry: Hashable, Sendable {
        /// `use: <rule id>` (or a list of ids) with the values it changes.
        case use([RuleID], RuleOverrides)
        /// A rule written in full in the profile.
        case inline(RuleDefinition)
    }

    public var id: String
    public var version: SemanticVersion
    public var title: LocalizedText
    public var region: Region?
    /// Rule packs whose rules the profile takes as they are (those it does not `use:` itself).
    public var extends: [String]
    public var entries: [Entry]
    public var file: String
    var extendsLocation: YAMLLocation?
    var location: YAMLLocation

    /// What a check result says about the profile.
    public var summary: ProfileSummary { ProfileSummary(id: id, title: title, version: version) }

    public init(contentsOf url: URL) throws(RuleError) {
        do throws(YAMLProblem) {
            try self.init(yaml: try YAMLNode.read(contentsOf: url))
        } catch {
            throw .file(error)
        }
    }

    public init(yaml root: YAMLNode) throws(YAMLProblem) {
        try root.allowKeys(["profile", "version", "title", "region", "extends", "rules"], context: "in a plan profile")
        let idNode = try root.required("profile")
        id = try idNode.string()
        guard RuleID(rawValue: id) != nil else {
            throw idNode.error("'\(id)' is not a profile name: lower case words joined by '-', e.g. huadu-2021-2030")
        }
        version = try root.required("version").version()
        title = try root.required("title").localizedText()
        file = root.file
        location = YAMLLocation(root)
        region = try root.optional("region").map { node throws(YAMLProblem) in
            try node.allowKeys(["name", "adcode"])
            var adcode: String?
            if let codeNode = try node.optional("adcode") {
                let code = try codeNode.string()
                guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw codeNode.error("'\(code)' is not a 6-digit administrative division code, e.g. 440114")
                }
                adcode = code
            }
            return Region(name: try node.required("name").string(), adcode: adcode)
        }
        let extendsNode = try root.optional("extends")
        extends = try extendsNode?.oneOrMany().map { node throws(YAMLProblem) in try node.string() } ?? []
        extendsLocation = extendsNode.map(YAMLLocation.init)
        entries = []
        let profileName = id
        for item in try root.required("rules").sequence() {
            if try item.optional("use") != nil {
                let (ids, overrides) = try RuleOverrides.read(item)
                entries.append(.use(ids, overrides))
            } else {
                if try item.optional("measure") == nil {
                    throw item.error("give either use: <rule id> to reuse a rule, or a full rule with id, measure, …")
                }
                entries.append(
                    .inline(
                        try RuleDefinition(
                            yaml: item, origin: .profile(name: profileName, file: root.file, line: item.line))))
            }
        }
    }

    /// Every profile of a folder, in file name order.
    public static func loadAll(in folder: URL) throws(RuleError) -> [PlanProfile] {
        var profiles: [PlanProfile] = []
        for url in try RulePack.yamlFiles(in: folder) {
            let profile = try PlanProfile(contentsOf: url)
            if let other = profiles.first(where: { $0.id == profile.id }) {
                throw .duplicateName(kind: "plan profile", name: profile.id, first: other.file, second: profile.file)
            }
            profiles.append(profile)
        }
        return profiles
    }

    /// A profile given on the command line: a path to a YAML file, or a name in the folder
    /// (`huadu-2021-2030`).
    public static func locate(_ nameOrPath: String, in folder: URL) throws(RuleError) -> PlanProfile {
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") || nameOrPath.contains("/") {
            return try PlanProfile(contentsOf: URL(fileURLWithPath: nameOrPath))
        }
        let profiles = try loadAll(in: folder)
        guard let profile = profiles.first(where: { $0.id == nameOrPath }) else {
            throw .unknownProfile(nameOrPath, folder: folder.path, known: profiles.map(\.id))
        }
        return profile
    }
}
