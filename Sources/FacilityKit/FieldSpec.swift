/// The type of one attribute field.
public enum FieldType: Hashable, Sendable {
    case integer
    case real
    case text
    case boolean
    /// One of a closed set of values, each with names in both languages.
    case enumeration([EnumOption])
    case date

    /// The name used in manifests and in `plugins show`.
    public var name: String {
        switch self {
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .boolean: "boolean"
        case .enumeration: "enum"
        case .date: "date"
        }
    }
}

/// One allowed value of an enumeration field: the stored value and how people write it.
public struct EnumOption: Hashable, Sendable {
    /// The stored value, lower snake case (e.g. `mall`).
    public var value: String
    public var label: LocalizedText
    /// Other words lists use for the value (商场 and 购物中心 for 商业场所), accepted on import.
    public var synonyms: [String]

    public init(value: String, label: LocalizedText, synonyms: [String] = []) {
        self.value = value
        self.label = label
        self.synonyms = synonyms
    }

    /// Every text a cell may hold for this value: the value, both labels and the synonyms.
    public var spellings: [String] { [value, label.zh, label.en] + synonyms }

    /// Whether a cell's text (trimmed, full-width normalised) names this value; case is ignored.
    public func matches(_ text: String) -> Bool {
        let key = Self.key(text)
        return spellings.contains { Self.key($0) == key }
    }

    /// The form two spellings are compared in: lower case, inner spaces kept.
    static func key(_ text: String) -> String { text.lowercased() }
}

/// One typed attribute of a facility kind.
public struct FieldSpec: Hashable, Sendable {
    /// The column name, lower snake case.
    public var name: String
    public var label: LocalizedText
    public var type: FieldType
    public var required: Bool
    /// The unit of a number, e.g. `m²`, shown in tables and messages.
    public var unit: String?
    /// Inclusive bounds for integer and real fields.
    public var minimum: Double?
    public var maximum: Double?
    /// Other column headers that mean this field in imported lists (Chinese and English).
    public var aliases: [String]

    public init(
        name: String, label: LocalizedText, type: FieldType, required: Bool = false, unit: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil, aliases: [String] = []
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.required = required
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.aliases = aliases
    }

    /// Every header this field answers to: its name, its labels, its aliases.
    public var headerNames: [String] { [name, label.zh, label.en] + aliases }
}
