public import FacilityKit

/// How a new list of one kind's facilities differs from the registry: the monthly refresh from a bureau's
/// list, worked out before anything is written so that `--dry-run` shows exactly what `--update` does.
///
/// A listed id the registry lacks is new. A listed id it has is changed when the list gives a different
/// name, location (beyond 1e-9°), or value of a field the list has a column for; fields the list has no
/// column for keep their stored values, so a list without 面积 does not wipe the areas. With a closing
/// date, stored facilities of the kind that the list lacks, that are still open and lie in the scope,
/// are closed on that date.
public struct RegistryDiff: Sendable {
    public struct Change: Sendable {
        public var before: FacilityRecord
        public var after: FacilityRecord
        /// `name`, `location`, `opened`, `closed` and attribute names, as ``RecordFields`` names them.
        public var fields: [String]
    }

    public var kind: PluginID
    public var added: [FacilityRecord]
    public var changed: [Change]
    /// Listed facilities the registry already has exactly so: not rewritten, not audited.
    public var unchanged: Int
    /// Stored facilities the list lacks, closed on ``closeDate``.
    public var closing: [FacilityRecord]
    public var closeDate: CivilDate?

    /// - Parameters:
    ///   - listed: the list's records, ids unique (as ``FacilityImporter`` gives them).
    ///   - supplied: the fields the list has columns for (``FacilityImporter/Batch/suppliedFields``).
    ///   - stored: the registry's facilities of the kind.
    ///   - closeMissing: the first closed day for facilities the list lacks; nil closes none.
    ///   - inScope: whether a stored facility the list lacks is the list's to close (inside `--clip`/`--unit`).
    public init(
        kind: PluginID, listed: [FacilityRecord], supplied: Set<String>, stored: [FacilityRecord],
        schema: AttributeSchema, closeMissing: CivilDate?, inScope: (FacilityRecord) throws -> Bool = { _ in true }
    ) rethrows {
        self.kind = kind
        closeDate = closeMissing
        let byID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        added = []
        changed = []
        unchanged = 0
        for record in listed {
            guard let before = byID[record.id] else {
                added.append(record)
                continue
            }
            var after = before
            after.name = record.name
            after.location = record.location
            if supplied.contains("opened") { after.opened = record.opened }
            if supplied.contains("closed") { after.closed = record.closed }
            for field in schema.fields where supplied.contains(field.name) {
                after.attributes[field.name] = record.attributes[field.name]
            }
            // Reals the list gives as whole numbers compare as the store keeps them.
            after = (try? FacilityStoreRules.validated(after, schema: schema)) ?? after
            let fields = RecordFields.changed(from: before, to: after)
            if fields.isEmpty {
                unchanged += 1
            } else {
                changed.append(Change(before: before, after: after, fields: fields))
            }
        }
        closing = []
        if closeMissing != nil {
            let listedIDs = Set(listed.map(\.id))
            for record in stored.sorted(by: { $0.id < $1.id })
            where !listedIDs.contains(record.id) && record.closed == nil {
                if try inScope(record) { closing.append(record) }
            }
        }
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && closing.isEmpty }

    /// The batch that makes the registry match the list, for ``FacilityStore/apply(_:actor:)``.
    public var changes: [FacilityChange] {
        added.map(FacilityChange.insert) + changed.map { .update($0.after) }
            + closing.compactMap { record in closeDate.map { .close(kind: kind, id: record.id, on: $0) } }
    }

    /// How often each field changed, most often first (ties by name): "3 changed: 面积 ×2, location ×1".
    public var fieldCounts: [(field: String, count: Int)] {
        var counts: [String: Int] = [:]
        for change in changed { for field in change.fields { counts[field, default: 0] += 1 } }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }
}
