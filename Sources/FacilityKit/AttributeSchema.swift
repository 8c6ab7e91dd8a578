/// The typed attributes of a facility kind. Built unchecked; `validate()` is part of registration,
/// so a plugin with a broken schema never reaches the registry.
public struct AttributeSchema: Hashable, Sendable {
    public var fields: [FieldSpec]

    public init(fields: [FieldSpec]) {
        self.fields = fields
    }

    /// Column names every facility table has besides the schema's fields.
    public static let reservedNames: Set<String> = ["fid", "geom", "facility_id", "name", "opened", "closed"]

    public func field(named name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// Checks the schema itself: names are lower snake case, unique and not reserved; enumerations
    /// have distinct values; bounds belong to numbers and are ordered.
    public func validate() throws(SchemaError) {
        var seen: Set<String> = []
        for field in fields {
            guard Identifier.isSnakeCase(field.name) else {
                throw SchemaError(field: field.name, reason: "a field name must be lower snake case (a-z, 0-9, _)")
            }
            guard !Self.reservedNames.contains(field.name) else {
                throw SchemaError(field: field.name, reason: "the name is reserved for the registry's own column")
            }
            guard seen.insert(field.name).inserted else {
                throw SchemaError(field: field.name, reason: "the field is declared twice")
            }
            if case .enumeration(let options) = field.type {
                guard !options.isEmpty else {
                    throw SchemaError(field: field.name, reason: "an enum field needs at least one value")
                }
                var values: Set<String> = []
                for option in options where !values.insert(option.value).inserted {
                    throw SchemaError(field: field.name, reason: "the enum value '\(option.value)' is listed twice")
                }
                // A label or synonym naming two values would make an import depend on the order of the list.
                var owner: [String: String] = [:]
                for option in options {
                    for spelling in Set(option.spellings.map(EnumOption.key)) {
                        if let other = owner[spelling], other != option.value {
                            throw SchemaError(
                                field: field.name,
                                reason: "'\(spelling)' names both '\(other)' and '\(option.value)'")
                        }
                        owner[spelling] = option.value
                    }
                }
            }
            if field.minimum != nil || field.maximum != nil {
                guard field.type == .integer || field.type == .real else {
                    throw SchemaError(field: field.name, reason: "minimum and maximum apply to integer and real fields only")
                }
                if let lo = field.minimum, let hi = field.maximum, lo > hi {
                    throw SchemaError(field: field.name, reason: "minimum \(lo) is greater than maximum \(hi)")
                }
            }
        }
    }

    /// Checks a record's attributes: every required field present, no unknown field, each value of
    /// its field's type and within its bounds. Returns every problem found, in schema order.
    public func problems(in attributes: [String: AttributeValue]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for field in fields {
            guard let value = attributes[field.name] else {
                if field.required { problems.append(FieldProblem(field: field.name, reason: "a value is required")) }
                continue
            }
            if let reason = field.problem(with: value) {
                problems.append(FieldProblem(field: field.name, reason: reason))
            }
        }
        for name in attributes.keys.sorted() where field(named: name) == nil {
            problems.append(FieldProblem(field: name, reason: "the kind has no such field"))
        }
        return problems
    }
}

/// A schema that cannot be registered, and why.
public struct SchemaError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "field '\(field)': \(reason)" }
}

/// One problem with one attribute of a record.
public struct FieldProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "field '\(field)': \(reason)" }
}
