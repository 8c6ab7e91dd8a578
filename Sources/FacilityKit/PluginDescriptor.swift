/// The version of the plugin contract this build of FacilityKit offers. A plugin states the API
/// version it was written for; registration refuses a plugin whose version differs.
public let facilityKitAPIVersion = 1

/// Text in the two languages reports are written in.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(for language: ReportLanguage) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

/// The language of reports and tables: Chinese by default, English on request.
public enum ReportLanguage: String, Hashable, Sendable, Codable, CaseIterable {
    case zh, en
}

/// A semantic version `MAJOR.MINOR.PATCH`.
public struct SemanticVersion: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `1`, `1.2` or `1.2.3`; nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        let numbers = parts.compactMap { $0 } + Array(repeating: 0, count: 3 - parts.count)
        self.init(numbers[0], numbers[1], numbers[2])
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = SemanticVersion(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a version like 1.2.0"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Who a plugin is: identity and version are data, checked when the plugin is registered.
public struct PluginDescriptor: Hashable, Sendable, Codable {
    /// The stable id, also the facility kind and the name of its feature table.
    public var id: PluginID
    public var name: LocalizedText
    /// The plugin's own version, recorded in the provenance of every result.
    public var version: SemanticVersion
    /// The FacilityKit API version the plugin was written for.
    public var apiVersion: Int
    public var summary: LocalizedText?

    public init(
        id: PluginID, name: LocalizedText, version: SemanticVersion, apiVersion: Int = facilityKitAPIVersion,
        summary: LocalizedText? = nil
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.apiVersion = apiVersion
        self.summary = summary
    }
}
