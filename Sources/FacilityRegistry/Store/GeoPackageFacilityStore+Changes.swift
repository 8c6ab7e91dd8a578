import FacilityKit
import Foundation
import GeoPackage

/// Batches of changes in one SQLite transaction: everything is checked and written inside it, so a
/// failure anywhere rolls back the lot and the file is as it was.
extension GeoPackageFacilityStore {
    public func apply(_ changes: [FacilityChange], actor: String) throws {
        guard !changes.isEmpty else { return }
        try FacilityStoreRules.checkDistinct(changes)
        let at = AuditTime.truncated(now())
        try perform {
            try file.write { tx in
                let known = try knownKinds(tx)
                var kindOrder: [PluginID] = []
                var inserts: [PluginID: [FeatureRow]] = [:]
                var audit: [FeatureRow] = []
                func log(_ action: AuditAction, _ kind: PluginID, _ id: FacilityID, _ before: FacilityRecord?,
                         _ after: FacilityRecord?, reason: String? = nil) {
                    audit.append(auditRow(action, at: at, actor: actor, kind: kind, id: id, before: before,
                                          after: after, reason: reason))
                }
                // Written in batches inside the one transaction: memory holds a batch of rows, not the import.
                func flush() throws {
                    for kind in kindOrder { try tx.insert(inserts[kind] ?? [], into: kind.rawValue) }
                    if !audit.isEmpty { try tx.insert(audit, into: Self.auditTable.name) }
                    kindOrder.removeAll()
                    inserts.removeAll()
                    audit.removeAll(keepingCapacity: true)
                }
                for change in changes {
                    if audit.count >= Self.writeBatch { try flush() }
                    let schema = try schemaForWriting(change.kind, known: known)
                    switch change {
                    case .insert(let record):
                        let valid = try FacilityStoreRules.validated(record, schema: schema)
                        guard try storedRow(tx, kind: record.kind, id: record.id) == nil else {
                            throw StoreError.duplicateID(kind: record.kind, id: record.id, inBatch: false)
                        }
                        if inserts[record.kind] == nil { kindOrder.append(record.kind) }
                        inserts[record.kind, default: []].append(Self.row(for: valid))
                        log(.insert, record.kind, record.id, nil, valid)
                    case .update(let record):
                        let (fid, before) = try existing(tx, kind: record.kind, id: record.id)
                        let valid = try FacilityStoreRules.validated(record, schema: schema)
                        guard valid != before else { continue }
                        try replace(tx, fid: fid, with: valid)
                        log(.update, record.kind, record.id, before, valid)
                    case .close(let kind, let id, let date):
                        let (fid, before) = try existing(tx, kind: kind, id: id)
                        let closed = try FacilityStoreRules.closing(before, on: date)
                        try replace(tx, fid: fid, with: closed)
                        log(.close, kind, id, before, closed)
                    case .delete(let kind, let id, let reason):
                        try FacilityStoreRules.checkReason(reason, kind: kind, id: id)
                        let (fid, before) = try existing(tx, kind: kind, id: id)
                        try tx.delete(fids: [fid], from: kind.rawValue)
                        log(.delete, kind, id, before, nil, reason: reason)
                    case .merge(let keep, let drop):
                        let (keepFid, keepBefore) = try existing(tx, kind: keep.kind, id: keep.id)
                        let (dropFid, dropBefore) = try existing(tx, kind: keep.kind, id: drop)
                        let valid = try FacilityStoreRules.validated(keep, schema: schema)
                        let reasons = FacilityStoreRules.mergeReasons(keep: keep.id, drop: drop)
                        try replace(tx, fid: keepFid, with: valid)
                        try tx.delete(fids: [dropFid], from: keep.kind.rawValue)
                        log(.merge, keep.kind, keep.id, keepBefore, valid, reason: reasons.keep)
                        log(.merge, keep.kind, drop, dropBefore, nil, reason: reasons.drop)
                    }
                }
                try flush()
            }
        }
    }

    /// How many changes are written at a time within a batch's transaction.
    static let writeBatch = 5_000

    /// The stored row of a facility and its fid, or ``StoreError/notFound(kind:id:)``.
    func existing(_ tx: GeoPackageTransaction, kind: PluginID, id: FacilityID) throws -> (Int64, FacilityRecord) {
        guard let stored = try storedRow(tx, kind: kind, id: id) else { throw StoreError.notFound(kind: kind, id: id) }
        return (stored.fid, stored.record)
    }

    /// Writes a facility's new state over its row.
    private func replace(_ tx: GeoPackageTransaction, fid: Int64, with record: FacilityRecord) throws {
        var row = Self.row(for: record)
        row.fid = fid
        try tx.replace(row, in: record.kind.rawValue)
    }
}
