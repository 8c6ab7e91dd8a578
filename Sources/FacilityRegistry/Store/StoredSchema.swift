import FacilityKit
import Foundation
import GeoPackage

/// What a kind's table stores of its schema: each field's name, storage type and enum values.
/// Labels, units, bounds and aliases are not part of it: they may change without touching the table.
/// Recorded as canonical JSON in `lifecircle_kinds`, with a fingerprint of that text.
struct StoredSchema: Codable, Hashable, Sendable {
    struct Field: Codable, Hashable, Sendable {
        var name: String
        /// The FieldType name: integer, real, text, boolean, enum, date.
        var type: String
        /// Enum values, for enum fields.
        var values: [String]?
    }

    var fields: [Field]

    init(_ schema: AttributeSchema) {
        fields = schema.fields.map { field in
            var values: [String]?
            if case .enumeration(let options) = field.type { values = options.map(\.value) }
            return Field(name: field.name, type: field.type.name, values: values)
        }
    }

    init?(json: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }

    /// Canonical JSON: sorted keys, fields in schema order.
    var json: String { canonicalJSON(self) ?? "{}" }

    /// FNV-1a 64 of the canonical JSON, as 16 hex digits: equal schemas, equal fingerprints.
    var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in json.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Why a table made for this schema cannot hold records of `newer`, or nil when it can
    /// (the same fields, plus new fields and new enum values).
    func incompatibility(with newer: StoredSchema) -> (field: String, reason: String)? {
        for old in fields {
            guard let new = newer.fields.first(where: { $0.name == old.name }) else {
                return (old.name, "the registry stores this field but the plugin no longer declares it")
            }
            if old.type == new.type || (old.type == "enum" && new.type == "text") {
                let dropped = (old.values ?? []).filter { !(new.values ?? []).contains($0) }
                if new.type == "enum" && !dropped.isEmpty {
                    return (
                        old.name,
                        "the plugin drops the enum values \(dropped.joined(separator: ", ")) that stored rows may hold"
                    )
                }
            } else {
                return (old.name, "the registry stores it as \(old.type), the plugin declares \(new.type)")
            }
        }
        return nil
    }

    /// Refuses `newer` when a table made for this schema (by plugin version `version`) cannot hold its records.
    func check(_ newer: StoredSchema, kind: PluginID, version: String) throws(StoreError) {
        if let (field, reason) = incompatibility(with: newer) {
            throw .schemaChanged(
                kind: kind, field: field, reason: "\(reason) (the registry last recorded plugin version \(version))")
        }
    }

    /// Fields of `newer` that this schema lacks.
    func addedFields(in newer: StoredSchema) -> [Field] {
        newer.fields.filter { new in !fields.contains { $0.name == new.name } }
    }
}

extension FieldType {
    /// The GeoPackage column type a field of this type is stored in.
    var columnType: ColumnType {
        switch self {
        case .integer: .integer
        case .real: .real
        case .text, .enumeration: .text
        case .boolean: .boolean
        case .date: .date
        }
    }
}
