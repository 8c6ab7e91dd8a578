public import FacilityKit
import Foundation
import GeoCore

/// `field=value` edits of one facility, read as an import reads a cell: the field by its name, Chinese or
/// English label or alias (ignoring case and full-width brackets), the value by the field's own parser
/// (是/否, enum labels, full-width digits, Excel dates). An empty value clears an optional field.
public struct FacilityEdit: Sendable {
    /// The field's id (`name`, `opened` or a schema field) and the text typed for it.
    public var assignments: [(field: String, value: String)]

    /// Splits `field=value` texts at their first `=`; every field is checked against the schema later.
    public init(parsing texts: [String]) throws(UpkeepError) {
        assignments = []
        for text in texts {
            guard let equals = text.firstIndex(of: "=") ?? text.firstIndex(of: "＝") else {
                throw .assignment(text)
            }
            let field = text[..<equals].trimmingCharacters(in: .whitespaces)
            guard !field.isEmpty else { throw .assignment(text) }
            assignments.append((field, String(text[text.index(after: equals)...])))
        }
        guard !assignments.isEmpty else { throw .assignment("") }
    }

    /// The record with the edits made, and the fields whose value changed (in the order given).
    public func applied(
        to record: FacilityRecord, schema: AttributeSchema
    ) throws(UpkeepError) -> (record: FacilityRecord, changed: [String]) {
        var edited = record
        for (typed, raw) in assignments {
            let key = ColumnMapping.key(typed)
            func named(_ names: [String]) -> Bool { names.contains { ColumnMapping.key($0) == key } }
            func invalid(_ field: String, _ reason: String) -> UpkeepError {
                .invalidValue(kind: record.kind, id: record.id, field: field, reason: reason)
            }
            let value = raw.trimmingCharacters(in: .whitespaces)
            if named(ColumnMapping.nameNames) {
                guard !value.isEmpty else { throw invalid("name", "a name is required") }
                edited.name = value
            } else if named(ColumnMapping.openedNames) {
                if value.isEmpty {
                    edited.opened = nil
                } else if let date = CivilDate(parsing: value) {
                    edited.opened = date
                } else {
                    throw invalid("opened", "'\(raw)' is not a date like 2023-05-01")
                }
            } else if named(ColumnMapping.closedNames) {
                throw .notEditable(field: typed, reason: "a facility that closed is recorded with `lifecircle close`")
            } else if named(ColumnMapping.idNames) {
                throw .notEditable(field: typed, reason: "the id names the record; delete it and import it anew")
            } else if let field = schema.fields.first(where: { named($0.headerNames) }) {
                do {
                    edited.attributes[field.name] = try field.parse(raw)
                } catch {
                    throw invalid(field.name, error.reason)
                }
            } else {
                throw .unknownField(
                    kind: record.kind, field: typed,
                    known: ["name (名称)", "opened (开放日期)"] + schema.fields.map { "\($0.name) (\($0.label.zh))" })
            }
        }
        if let problem = schema.problems(in: edited.attributes).first {
            throw .invalidValue(kind: record.kind, id: record.id, field: problem.field, reason: problem.reason)
        }
        if let opened = edited.opened, let closed = edited.closed, closed <= opened {
            throw .invalidValue(
                kind: record.kind, id: record.id, field: "opened",
                reason: "opening day \(opened) is not before the closing day \(closed)")
        }
        return (edited, RecordFields.changed(from: record, to: edited))
    }
}

/// The parts of a record a change can touch, named as the audit and the diff name them.
enum RecordFields {
    static let location = "location"

    /// The fields that differ between two states of a record: `name`, `location` (beyond 1e-9°, about
    /// 0.1 mm), `opened`, `closed`, then attributes by name.
    static func changed(from before: FacilityRecord, to after: FacilityRecord) -> [String] {
        var fields: [String] = []
        if before.name != after.name { fields.append("name") }
        if abs(before.location.lon - after.location.lon) > 1e-9 || abs(before.location.lat - after.location.lat) > 1e-9 {
            fields.append(location)
        }
        if before.opened != after.opened { fields.append("opened") }
        if before.closed != after.closed { fields.append("closed") }
        let names = Set(before.attributes.keys).union(after.attributes.keys).sorted()
        fields += names.filter { before.attributes[$0] != after.attributes[$0] }
        return fields
    }
}
