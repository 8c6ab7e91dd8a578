import FacilityKit
import Foundation
import GeoCore
import Projection

/// The rules both stores apply in the same way, so that they accept, refuse and answer alike.
enum FacilityStoreRules {
    /// Prefixes a kind id cannot have: its table would clash with GeoPackage's, SQLite's or ours.
    static let reservedPrefixes = ["gpkg_", "rtree_", "sqlite_", "lifecircle_"]

    static func checkKindName(_ kind: PluginID) throws(StoreError) {
        if let prefix = reservedPrefixes.first(where: { kind.rawValue.hasPrefix($0) }) {
            throw .invalidKind(
                kind, reason: "ids beginning with '\(prefix)' are reserved for the registry file's own tables")
        }
    }

    /// The record as the store keeps it, or the first reason it cannot be kept: a name, a valid
    /// EPSG:4326 location, closing after opening, and attributes that fit the schema (reals given
    /// as whole numbers are stored as reals).
    static func validated(_ record: FacilityRecord, schema: AttributeSchema) throws(StoreError) -> FacilityRecord {
        func refuse(_ field: String, _ reason: String) -> StoreError {
            .invalidRecord(kind: record.kind, id: record.id, field: field, reason: reason)
        }
        guard !record.id.rawValue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw refuse("facility_id", "a facility id is required")
        }
        guard !record.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw refuse("name", "a name is required")
        }
        guard record.location.isValidGeographic else {
            throw refuse("location", "\(record.location) is not a longitude,latitude in EPSG:4326")
        }
        if let opened = record.opened, let closed = record.closed, closed <= opened {
            throw refuse("closed", "closing day \(closed) is not after opening day \(opened)")
        }
        if let problem = schema.problems(in: record.attributes).first {
            throw refuse(problem.field, problem.reason)
        }
        var normalized = record
        for field in schema.fields where field.type == .real {
            if case .integer(let i)? = record.attributes[field.name] {
                normalized.attributes[field.name] = .real(Double(i))
            }
        }
        return normalized
    }

    /// The record closed on the date, or why it cannot be.
    static func closing(_ record: FacilityRecord, on date: CivilDate) throws(StoreError) -> FacilityRecord {
        if let closed = record.closed {
            throw .invalidRecord(
                kind: record.kind, id: record.id, field: "closed", reason: "already closed on \(closed)")
        }
        if let opened = record.opened, date <= opened {
            throw .invalidRecord(
                kind: record.kind, id: record.id, field: "closed",
                reason: "closing day \(date) is not after opening day \(opened)")
        }
        var closed = record
        closed.closed = date
        return closed
    }

    static func checkQueryPoint(_ point: Coordinate) throws(StoreError) {
        guard point.isValidGeographic else {
            throw .invalidQuery(reason: "the point \(point) is not a longitude,latitude in EPSG:4326")
        }
    }

    /// The `k` records nearest the point, nearest first, ties broken by id.
    static func nearest(_ records: some Collection<FacilityRecord>, to point: Coordinate, k: Int) -> [NearbyFacility] {
        guard k > 0 else { return [] }
        let ranked = records.map { NearbyFacility(record: $0, distanceMeters: Geodesic.distance(point, $0.location)) }
        let before: (NearbyFacility, NearbyFacility) -> Bool = {
            ($0.distanceMeters, $0.record.id) < ($1.distanceMeters, $1.record.id)
        }
        guard k < ranked.count / 8 else { return Array(ranked.sorted(by: before).prefix(k)) }
        // Few of many: keep the k best seen so far instead of sorting everything.
        var best: [NearbyFacility] = []
        best.reserveCapacity(k + 1)
        for candidate in ranked {
            if best.count == k, let last = best.last, !before(candidate, last) { continue }
            let index = best.firstIndex { before(candidate, $0) } ?? best.endIndex
            best.insert(candidate, at: index)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// Records in the box (all when nil) open on the date (all when nil), by id.
    static func select(
        _ records: some Sequence<FacilityRecord>, in box: BoundingBox?, asOf date: CivilDate?
    ) -> [FacilityRecord] {
        filter(records, in: box, asOf: date).sorted { $0.id < $1.id }
    }

    /// Records in the box (all when nil) open on the date (all when nil), in the order given.
    static func filter(
        _ records: some Sequence<FacilityRecord>, in box: BoundingBox?, asOf date: CivilDate?
    ) -> [FacilityRecord] {
        records.filter { record in
            (box?.contains(record.location) ?? true) && (date.map(record.isOpen(on:)) ?? true)
        }
    }

    /// A record as the audit table keeps it.
    static func json(_ record: FacilityRecord) -> JSONValue {
        var attributes: [String: JSONValue] = [:]
        for (name, value) in record.attributes {
            attributes[name] =
                switch value {
                case .integer(let i): .number(Double(i))
                case .real(let r): .number(r)
                case .text(let t): .string(t)
                case .boolean(let b): .bool(b)
                case .date(let d): .string(d.description)
                }
        }
        return .object([
            "id": .string(record.id.rawValue), "kind": .string(record.kind.rawValue), "name": .string(record.name),
            "lon": .number(record.location.lon), "lat": .number(record.location.lat),
            "opened": record.opened.map { .string($0.description) } ?? .null,
            "closed": record.closed.map { .string($0.description) } ?? .null,
            "attributes": .object(attributes),
        ])
    }
}

/// Audit times: UTC to the millisecond, as GeoPackage DATETIME text (`2024-05-01T08:30:00.125Z`).
enum AuditTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// The date to the millisecond, as both stores record it.
    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    static func text(_ date: Date) -> String {
        let ms = Int64((truncated(date).timeIntervalSince1970 * 1000).rounded())
        let seconds = Date(timeIntervalSince1970: Double(ms.floorDiv(1000)))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: seconds)
        func pad(_ n: Int?, _ width: Int) -> String {
            let text = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):"
            + "\(pad(c.second, 2)).\(pad(Int(ms - ms.floorDiv(1000) * 1000), 3))Z"
    }

    static func date(_ text: String) -> Date? {
        let whole = text.prefix { $0 != "." && $0 != "Z" }
        let fraction = text.dropFirst(whole.count).drop { $0 == "." }.prefix { $0.isNumber }
        let n = whole.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard n.count == 6, text.hasSuffix("Z") else { return nil }
        let components = DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: n[5])
        guard let seconds = calendar.date(from: components) else { return nil }
        let ms = Int((fraction + "000").prefix(3)) ?? 0
        return Date(timeIntervalSince1970: (seconds.timeIntervalSince1970 * 1000 + Double(ms)) / 1000)
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
