public import FacilityKit

/// Why an accessibility run cannot start: the capacity field it was asked to read.
public enum AccessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind's schema has no such field; `numericFields` are those that could serve.
    case unknownCapacityField(kind: PluginID, field: String, numericFields: [String])
    /// The field exists but holds no number (`type` is its type's name).
    case capacityNotNumeric(kind: PluginID, field: String, type: String, numericFields: [String])

    public var description: String {
        switch self {
        case .unknownCapacityField(let kind, let field, let numeric):
            "kind '\(kind)' has no field '\(field)'; \(Self.choices(numeric)) (see `lifecircle plugins show \(kind)`)"
        case .capacityNotNumeric(let kind, let field, let type, let numeric):
            "field '\(field)' of kind '\(kind)' is \(type), not a number, so it cannot be a capacity; \(Self.choices(numeric))"
        }
    }

    private static func choices(_ numeric: [String]) -> String {
        numeric.isEmpty
            ? "the kind has no integer or real field to use as a capacity"
            : "its number fields are: \(numeric.joined(separator: ", "))"
    }
}
