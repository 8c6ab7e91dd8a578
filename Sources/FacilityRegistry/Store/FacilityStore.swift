public import FacilityKit
public import Foundation
public import GeoCore

/// Where the registry keeps facilities. Every write is one transaction with its audit rows: it
/// happens whole or not at all. Conformers: ``GeoPackageFacilityStore`` (the registry file) and
/// ``InMemoryFacilityStore`` (its twin for tests and scenarios), which behave alike, errors included.
public protocol FacilityStore: AnyObject {
    /// Makes the kind's table when missing, or checks the stored schema against this one: added
    /// fields and enum values are taken in; removed fields or changed types are refused.
    /// Writes to a kind need it prepared in this session (the store validates with its schema).
    func prepare(kind: PluginDescriptor, schema: AttributeSchema) throws
    /// The kinds the registry holds, by id.
    func kinds() throws -> [PluginID]
    /// Adds facilities, all or none; a facility id already stored or listed twice is refused.
    func insert(_ records: [FacilityRecord], actor: String) throws
    /// Makes every change of the batch, or none: each one validated as its single-change twin is, each
    /// facility named at most once, one audit row per facility touched (an unchanged update writes none).
    func apply(_ changes: [FacilityChange], actor: String) throws
    /// Replaces a stored facility (found by kind and id).
    func update(_ record: FacilityRecord, actor: String) throws
    /// Removes a wrong record; the audit keeps it whole with the reason.
    func delete(kind: PluginID, id: FacilityID, reason: String, actor: String) throws
    /// Records the first day the facility is closed.
    func close(kind: PluginID, id: FacilityID, on date: CivilDate, actor: String) throws
    func facility(kind: PluginID, id: FacilityID) throws -> FacilityRecord?
    /// The facilities in the box (all when nil), open on the date (all when nil), by facility id.
    func facilities(kind: PluginID, in box: BoundingBox?, asOf date: CivilDate?) throws -> [FacilityRecord]
    /// The `k` facilities nearest the point by geodesic distance on WGS 84, nearest first (ties by id).
    func nearest(kind: PluginID, to point: Coordinate, k: Int, asOf date: CivilDate?) throws -> [NearbyFacility]
    /// Audit entries, oldest first, of one kind and/or one facility id (all when nil).
    func auditTrail(kind: PluginID?, id: FacilityID?) throws -> [AuditEntry]
}

/// A facility and how far it is from the point asked about.
public struct NearbyFacility: Hashable, Sendable {
    public var record: FacilityRecord
    /// Geodesic distance on WGS 84, in metres.
    public var distanceMeters: Double

    public init(record: FacilityRecord, distanceMeters: Double) {
        self.record = record
        self.distanceMeters = distanceMeters
    }
}

/// What a change did.
public enum AuditAction: String, Hashable, Sendable, CaseIterable {
    case insert, update, delete, close, merge
}

/// One change to the registry: who, when (UTC, to the millisecond), what, and the facility before
/// and after as JSON (nil before an insert and after a delete), and why when the change says (a delete's
/// reason, a merge's other record).
public struct AuditEntry: Hashable, Sendable {
    /// Increasing with each change.
    public var sequence: Int64
    public var at: Date
    public var actor: String
    public var action: AuditAction
    public var kind: PluginID
    public var facilityID: FacilityID
    public var before: JSONValue?
    public var after: JSONValue?
    public var reason: String?

    public init(
        sequence: Int64, at: Date, actor: String, action: AuditAction, kind: PluginID, facilityID: FacilityID,
        before: JSONValue?, after: JSONValue?, reason: String? = nil
    ) {
        self.reason = reason
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.kind = kind
        self.facilityID = facilityID
        self.before = before
        self.after = after
    }
}
