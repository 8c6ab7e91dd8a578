import FacilityKit
import Foundation
import GeoCore
import GeoPackage

/// The registry's tables and how records and audit entries map to their rows.
extension GeoPackageFacilityStore {
    static let kindsTable = TableDefinition(
        name: "lifecircle_kinds",
        columns: [
            Column("plugin_id", .text, notNull: true, unique: true), Column("plugin_version", .text, notNull: true),
            Column("api_version", .integer, notNull: true), Column("schema_fingerprint", .text, notNull: true),
            Column("schema", .text, notNull: true), Column("prepared_at", .dateTime, notNull: true),
        ],
        description: "LifeCircle: the facility kinds of this registry, their plugin versions and stored schemas")

    static let auditTable = TableDefinition(
        name: "lifecircle_audit", primaryKey: "id",
        columns: [
            Column("at", .dateTime, notNull: true), Column("actor", .text, notNull: true),
            Column("action", .text, notNull: true), Column("kind", .text, notNull: true),
            Column("facility_id", .text, notNull: true), Column("before", .text), Column("after", .text),
            reasonColumn,
        ],
        description:
            "LifeCircle: every change to the registry (insert, update, delete, close, merge), who made it, "
            + "before and after as JSON, and why (a delete's reason, a merge's other record)")

    /// Added after the first registries were made: `addMissingAuditColumns` gives old files it.
    static let reasonColumn = Column("reason", .text)

    /// Gives a registry made before the audit had reasons its `reason` column; writes nothing otherwise.
    static func addMissingAuditColumns(_ tx: GeoPackageTransaction) throws {
        guard let audit = try tx.table(named: auditTable.name),
            !audit.columns.contains(where: { $0.name == reasonColumn.name })
        else { return }
        try tx.addColumn(reasonColumn, to: auditTable.name)
    }

    /// The columns every kind's table has before its schema's fields.
    static let fixedColumns = [
        Column("facility_id", .text, notNull: true, unique: true), Column("name", .text, notNull: true),
        Column("opened", .date), Column("closed", .date),
    ]

    static func kindTable(_ descriptor: PluginDescriptor, schema: AttributeSchema) -> TableDefinition {
        TableDefinition(
            name: descriptor.id.rawValue, geometry: GeometryColumn(name: "geom", type: .point, srsID: 4326),
            columns: fixedColumns + schema.fields.map { Column($0.name, $0.type.columnType) },
            description: "\(descriptor.name.zh) / \(descriptor.name.en) (plugin \(descriptor.id) \(descriptor.version))"
        )
    }

    // MARK: Kinds

    func knownKinds(_ tx: GeoPackageTransaction) throws -> [PluginID] {
        try tx.rows(in: Self.kindsTable.name).compactMap { $0["plugin_id"].textValue.flatMap(PluginID.init(rawValue:)) }
            .sorted()
    }

    func kindRow(_ tx: GeoPackageTransaction, _ kind: PluginID) throws -> FeatureRow? {
        try tx.rows(in: Self.kindsTable.name, matching: ["plugin_id": .text(kind.rawValue)]).first
    }

    func kindsRow(_ descriptor: PluginDescriptor, _ stored: StoredSchema, fid: Int64?) -> FeatureRow {
        FeatureRow(
            fid: fid,
            values: [
                "plugin_id": .text(descriptor.id.rawValue), "plugin_version": .text(descriptor.version.description),
                "api_version": .integer(Int64(descriptor.apiVersion)), "schema_fingerprint": .text(stored.fingerprint),
                "schema": .text(stored.json), "prepared_at": .text(AuditTime.text(now())),
            ])
    }

    /// Checks that the kind's table can take the new schema and adds the columns of new fields.
    func migrate(
        _ tx: GeoPackageTransaction, kind: PluginID, from row: FeatureRow, to stored: StoredSchema,
        schema: AttributeSchema
    ) throws {
        guard let text = row["schema"].textValue, let old = StoredSchema(json: text) else {
            throw StoreError.schemaChanged(
                kind: kind, field: "schema", reason: "the stored schema in lifecircle_kinds cannot be read")
        }
        guard row["schema_fingerprint"].textValue != stored.fingerprint else { return }
        try old.check(stored, kind: kind, version: row["plugin_version"].textValue ?? "?")
        for field in old.addedFields(in: stored) {
            guard let spec = schema.field(named: field.name) else { continue }
            try tx.addColumn(Column(field.name, spec.type.columnType), to: kind.rawValue)
        }
    }

    /// The kind's columns described in `gpkg_data_columns` with their Chinese labels, the aliases QGIS shows;
    /// written only when they differ from what the file has (a registry made before had none).
    func describeColumns(_ tx: GeoPackageTransaction, kind: PluginID, schema: AttributeSchema) throws {
        let wanted = FacilityColumnLabels.dataColumns(of: schema, language: .zh)
        let current = try tx.columnDescriptions(of: kind.rawValue)
        guard current.count != wanted.count || wanted.contains(where: { current[$0.column] != $0 }) else { return }
        try tx.describeColumns(wanted, of: kind.rawValue)
    }

    // MARK: Facilities

    static func row(for record: FacilityRecord) -> FeatureRow {
        var values: [String: ColumnValue] = [
            "facility_id": .text(record.id.rawValue), "name": .text(record.name),
            "opened": record.opened.map { .text($0.description) } ?? .null,
            "closed": record.closed.map { .text($0.description) } ?? .null,
        ]
        for (name, value) in record.attributes {
            values[name] =
                switch value {
                case .integer(let i): .integer(i)
                case .real(let r): .real(r)
                case .text(let t): .text(t)
                case .boolean(let b): .boolean(b)
                case .date(let d): .text(d.description)
                }
        }
        return FeatureRow(geometry: .point(record.location), values: values)
    }

    func storedRow(
        _ tx: GeoPackageTransaction, kind: PluginID, id: FacilityID
    ) throws -> (fid: Int64, record: FacilityRecord)? {
        guard let definition = try tx.table(named: kind.rawValue),
            let row = try tx.rows(in: kind.rawValue, matching: ["facility_id": .text(id.rawValue)]).first,
            let fid = row.fid
        else { return nil }
        return (fid, try record(from: row, kind: kind, definition: definition))
    }

    func records(_ tx: GeoPackageTransaction, kind: PluginID, in box: BoundingBox?) throws -> [FacilityRecord] {
        guard let definition = try tx.table(named: kind.rawValue) else { return [] }
        return try tx.rows(in: kind.rawValue, intersecting: box).map {
            try record(from: $0, kind: kind, definition: definition)
        }
    }

    /// A row of a kind's table as a record, reading attributes by their column types.
    func record(from row: FeatureRow, kind: PluginID, definition: TableDefinition) throws -> FacilityRecord {
        func broken(_ reason: String) -> StoreError {
            .storage(path: path, reason: "table '\(kind)', row fid=\(row.fid ?? 0): \(reason)")
        }
        func date(_ column: String) throws -> CivilDate? {
            guard let text = row[column].textValue else { return nil }
            guard let date = CivilDate(parsing: text) else {
                throw broken("column '\(column)': '\(text)' is not a date")
            }
            return date
        }
        guard let id = row["facility_id"].textValue else { throw broken("no facility_id") }
        guard case .point(let location)? = row.geometry else { throw broken("the geometry is not a point") }
        var attributes: [String: AttributeValue] = [:]
        for column in definition.columns where !AttributeSchema.reservedNames.contains(column.name) {
            switch (column.type, row[column.name]) {
            case (_, .null), (_, .blob): continue
            case (.date, _): attributes[column.name] = try date(column.name).map(AttributeValue.date)
            case (_, .integer(let i)): attributes[column.name] = .integer(i)
            case (_, .real(let r)): attributes[column.name] = .real(r)
            case (_, .text(let t)): attributes[column.name] = .text(t)
            case (_, .boolean(let b)): attributes[column.name] = .boolean(b)
            }
        }
        return FacilityRecord(
            id: FacilityID(id), kind: kind, name: row["name"].textValue ?? "", location: location,
            attributes: attributes,
            opened: try date("opened"), closed: try date("closed"))
    }

    // MARK: Audit

    func auditRow(
        _ action: AuditAction, at: Date, actor: String, kind: PluginID, id: FacilityID, before: FacilityRecord?,
        after: FacilityRecord?, reason: String? = nil
    ) -> FeatureRow {
        FeatureRow(values: [
            "reason": reason.map(ColumnValue.text) ?? .null,
            "at": .text(AuditTime.text(at)), "actor": .text(actor), "action": .text(action.rawValue),
            "kind": .text(kind.rawValue), "facility_id": .text(id.rawValue),
            "before": before.map { .text(FacilityStoreRules.json($0).jsonText) } ?? .null,
            "after": after.map { .text(FacilityStoreRules.json($0).jsonText) } ?? .null,
        ])
    }

    func auditEntry(_ row: FeatureRow) throws -> AuditEntry {
        func json(_ column: String) -> JSONValue? {
            row[column].textValue.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        }
        guard let at = row["at"].textValue.flatMap(AuditTime.date),
            let action = row["action"].textValue.flatMap(AuditAction.init),
            let kind = row["kind"].textValue.flatMap(PluginID.init(rawValue:)), let id = row["facility_id"].textValue
        else {
            throw StoreError.storage(
                path: path, reason: "table 'lifecircle_audit', row id=\(row.fid ?? 0) cannot be read")
        }
        return AuditEntry(
            sequence: row.fid ?? 0, at: at, actor: row["actor"].textValue ?? "", action: action, kind: kind,
            facilityID: FacilityID(id), before: json("before"), after: json("after"),
            reason: row["reason"].textValue)
    }
}

extension JSONValue {
    /// Compact JSON with sorted keys.
    var jsonText: String { canonicalJSON(self) ?? "null" }
}

/// Compact JSON with sorted keys: the same value gives the same text.
func canonicalJSON(_ value: some Encodable) -> String? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
}
