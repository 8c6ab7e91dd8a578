public import FacilityKit
import Foundation

/// One change in a batch that ``FacilityStore/apply(_:actor:)`` makes in a single transaction, with one
/// audit row per facility touched. A batch names each facility at most once.
public enum FacilityChange: Hashable, Sendable {
    /// A new facility; its id must be free.
    case insert(FacilityRecord)
    /// A stored facility's new state (found by kind and id). Equal to what is stored, it writes and audits nothing.
    case update(FacilityRecord)
    /// The first day the facility is closed.
    case close(kind: PluginID, id: FacilityID, on: CivilDate)
    /// Removes a record that should never have been there (a wrong or test entry), with the reason for the
    /// audit, which keeps the whole record before. A facility that closed is closed, not deleted.
    case delete(kind: PluginID, id: FacilityID, reason: String)
    /// Two records of the same facility: `keep` is stored as given (its fields filled from the other) and
    /// `drop` is removed; both audited as a merge naming the other.
    case merge(keep: FacilityRecord, drop: FacilityID)

    public var kind: PluginID {
        switch self {
        case .insert(let r), .update(let r), .merge(keep: let r, _): r.kind
        case .close(let kind, _, _), .delete(let kind, _, _): kind
        }
    }

    /// The facilities the change touches.
    public var ids: [FacilityID] {
        switch self {
        case .insert(let r), .update(let r): [r.id]
        case .close(_, let id, _), .delete(_, let id, _): [id]
        case .merge(let keep, let drop): [keep.id, drop]
        }
    }
}

/// How both stores check a batch before any of it is written.
extension FacilityStoreRules {
    /// Refuses a batch that names a facility twice (a merge of a record with itself included).
    static func checkDistinct(_ changes: [FacilityChange]) throws(StoreError) {
        var seen: [PluginID: Set<FacilityID>] = [:]
        for change in changes {
            for id in change.ids where !seen[change.kind, default: []].insert(id).inserted {
                throw .duplicateID(kind: change.kind, id: id, inBatch: true)
            }
        }
    }

    /// The audit reasons of a merge: what the kept record absorbed, and where the dropped one went.
    static func mergeReasons(keep: FacilityID, drop: FacilityID) -> (keep: String, drop: String) {
        ("merged with '\(drop)' (its fields filled the empty ones)", "merged into '\(keep)'")
    }

    static func checkReason(_ reason: String, kind: PluginID, id: FacilityID) throws(StoreError) {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidRecord(kind: kind, id: id, field: "reason", reason: "a delete needs a reason for the audit")
        }
    }
}
