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
        try apply(records.map(FacilityChange.insert), actor: actor)
    }

    public func update(_ record: FacilityRecord, actor: String) throws {
        try apply([.update(record)], actor: actor)
    }

    public func close(kind: PluginID, id: FacilityID, on date: CivilDate, actor: String) throws {
        try apply([.close(kind: kind, id: id, on: date)], actor: actor)
    }

    public func delete(kind: PluginID, id: FacilityID, reason: String, actor: String) throws {
        try apply([.delete(kind: kind, id: id, reason: reason)], actor: actor)
    }

    /// Works on copies of the records and the audit, kept only when every change succeeded.
    public func apply(_ changes: [FacilityChange], actor: String) throws {
        guard !changes.isEmpty else { return }
        try FacilityStoreRules.checkDistinct(changes)
        let at = AuditTime.truncated(now())
        var kinds = kindsByID
        var trail = audit
        func existing(_ kind: PluginID, _ id: FacilityID) throws(StoreError) -> FacilityRecord {
            guard let record = kinds[kind]?.records[id] else { throw .notFound(kind: kind, id: id) }
            return record
        }
        func log(_ action: AuditAction, _ kind: PluginID, _ id: FacilityID, _ before: FacilityRecord?,
                 _ after: FacilityRecord?, reason: String? = nil) {
            trail.append(
                AuditEntry(
                    sequence: Int64(trail.count + 1), at: at, actor: actor, action: action, kind: kind,
                    facilityID: id, before: before.map(FacilityStoreRules.json),
                    after: after.map(FacilityStoreRules.json), reason: reason))
        }
        for change in changes {
            let schema = try kind(change.kind).schema
            switch change {
            case .insert(let record):
                let valid = try FacilityStoreRules.validated(record, schema: schema)
                guard kinds[record.kind]?.records[record.id] == nil else {
                    throw StoreError.duplicateID(kind: record.kind, id: record.id, inBatch: false)
                }
                kinds[record.kind]?.records[record.id] = valid
                log(.insert, record.kind, record.id, nil, valid)
            case .update(let record):
                let before = try existing(record.kind, record.id)
                let valid = try FacilityStoreRules.validated(record, schema: schema)
                guard valid != before else { continue }
                kinds[record.kind]?.records[record.id] = valid
                log(.update, record.kind, record.id, before, valid)
            case .close(let kind, let id, let date):
                let before = try existing(kind, id)
                let closed = try FacilityStoreRules.closing(before, on: date)
                kinds[kind]?.records[id] = closed
                log(.close, kind, id, before, closed)
            case .delete(let kind, let id, let reason):
                try FacilityStoreRules.checkReason(reason, kind: kind, id: id)
                let before = try existing(kind, id)
                kinds[kind]?.records[id] = nil
                log(.delete, kind, id, before, nil, reason: reason)
            case .merge(let keep, let drop):
                let keepBefore = try existing(keep.kind, keep.id)
                let dropBefore = try existing(keep.kind, drop)
                let valid = try FacilityStoreRules.validated(keep, schema: schema)
                let reasons = FacilityStoreRules.mergeReasons(keep: keep.id, drop: drop)
                kinds[keep.kind]?.records[keep.id] = valid
                kinds[keep.kind]?.records[drop] = nil
                log(.merge, keep.kind, keep.id, keepBefore, valid, reason: reasons.keep)
                log(.merge, keep.kind, drop, dropBefore, nil, reason: reasons.drop)
            }
        }
        kindsByID = kinds
        audit = trail
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
}
