public import FacilityKit
public import Foundation
public import GeoCore

/// The in-memory twin of ``GeoPackageFacilityStore``: the same rules, checks, errors and answers,
/// kept in dictionaries. For tests, scenarios and what-if runs that must not touch the registry.
public final class InMemoryFacilityStore: FacilityStore {
    private struct Kind {
        var stored: StoredSchema
        var schema: AttributeSchema
        /// The version of the plugin last prepared for the kind.
        var version: SemanticVersion
        var records: [FacilityID: FacilityRecord] = [:]
    }

    private var kindsByID: [PluginID: Kind] = [:]
    private var audit: [AuditEntry] = []
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func prepare(kind descriptor: PluginDescriptor, schema: AttributeSchema) throws {
        let kind = descriptor.id
        try FacilityStoreRules.checkKindName(kind)
        let stored = StoredSchema(schema)
        guard var existing = kindsByID[kind] else {
            kindsByID[kind] = Kind(stored: stored, schema: schema, version: descriptor.version)
            return
        }
        try existing.stored.check(stored, kind: kind, version: existing.version.description)
        existing.version = descriptor.version
        existing.stored = stored
        existing.schema = schema
        kindsByID[kind] = existing
    }

    public func kinds() throws -> [PluginID] {
        kindsByID.keys.sorted()
    }

    public func insert(_ records: [FacilityRecord], actor: String) throws {
        guard !records.isEmpty else { return }
        let at = AuditTime.truncated(now())
        var seen: [PluginID: Set<FacilityID>] = [:]
        var valid: [FacilityRecord] = []
        for record in records {
            let checked = try FacilityStoreRules.validated(record, schema: kind(record.kind).schema)
            guard seen[record.kind, default: []].insert(record.id).inserted else {
                throw StoreError.duplicateID(kind: record.kind, id: record.id, inBatch: true)
            }
            guard kindsByID[record.kind]?.records[record.id] == nil else {
                throw StoreError.duplicateID(kind: record.kind, id: record.id, inBatch: false)
            }
            valid.append(checked)
        }
        for record in valid {
            kindsByID[record.kind]?.records[record.id] = record
            log(.insert, at: at, actor: actor, kind: record.kind, id: record.id, before: nil, after: record)
        }
    }

    public func update(_ record: FacilityRecord, actor: String) throws {
        let at = AuditTime.truncated(now())
        let schema = try kind(record.kind).schema
        let before = try existing(record.kind, record.id)
        let valid = try FacilityStoreRules.validated(record, schema: schema)
        kindsByID[record.kind]?.records[record.id] = valid
        log(.update, at: at, actor: actor, kind: record.kind, id: record.id, before: before, after: valid)
    }

    public func close(kind: PluginID, id: FacilityID, on date: CivilDate, actor: String) throws {
        let at = AuditTime.truncated(now())
        _ = try self.kind(kind)
        let before = try existing(kind, id)
        let closed = try FacilityStoreRules.closing(before, on: date)
        kindsByID[kind]?.records[id] = closed
        log(.close, at: at, actor: actor, kind: kind, id: id, before: before, after: closed)
    }

    public func delete(kind: PluginID, id: FacilityID, actor: String) throws {
        let at = AuditTime.truncated(now())
        _ = try self.kind(kind)
        let before = try existing(kind, id)
        kindsByID[kind]?.records[id] = nil
        log(.delete, at: at, actor: actor, kind: kind, id: id, before: before, after: nil)
    }

    public func facility(kind: PluginID, id: FacilityID) throws -> FacilityRecord? {
        try self.kind(kind).records[id]
    }

    public func facilities(kind: PluginID, in box: BoundingBox?, asOf date: CivilDate?) throws -> [FacilityRecord] {
        FacilityStoreRules.select(try self.kind(kind).records.values, in: box, asOf: date)
    }

    public func nearest(kind: PluginID, to point: Coordinate, k: Int, asOf date: CivilDate?) throws -> [NearbyFacility]
    {
        try FacilityStoreRules.checkQueryPoint(point)
        let open = FacilityStoreRules.filter(try self.kind(kind).records.values, in: nil, asOf: date)
        return FacilityStoreRules.nearest(open, to: point, k: k)
    }

    public func auditTrail(kind: PluginID?, id: FacilityID?) throws -> [AuditEntry] {
        audit.filter { entry in (kind.map { entry.kind == $0 } ?? true) && (id.map { entry.facilityID == $0 } ?? true) }
    }

    // MARK: Internals

    private func kind(_ id: PluginID) throws(StoreError) -> Kind {
        guard let kind = kindsByID[id] else { throw .unknownKind(id, known: kindsByID.keys.sorted()) }
        return kind
    }

    private func existing(_ kind: PluginID, _ id: FacilityID) throws(StoreError) -> FacilityRecord {
        guard let record = kindsByID[kind]?.records[id] else { throw .notFound(kind: kind, id: id) }
        return record
    }

    private func log(
        _ action: AuditAction, at: Date, actor: String, kind: PluginID, id: FacilityID, before: FacilityRecord?,
        after: FacilityRecord?
    ) {
        audit.append(
            AuditEntry(
                sequence: Int64(audit.count + 1), at: at, actor: actor, action: action, kind: kind, facilityID: id,
                before: before.map(FacilityStoreRules.json), after: after.map(FacilityStoreRules.json)))
    }
}
