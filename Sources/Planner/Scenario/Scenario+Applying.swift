public import FacilityKit
public import FacilityRegistry
import Foundation
public import Rules

/// What one change of a scenario did: the facility before (nil for an added one) and after.
public struct AppliedChange: Hashable, Sendable {
    public var change: ScenarioChange
    public var before: FacilityRecord?
    public var after: FacilityRecord

    public init(change: ScenarioChange, before: FacilityRecord?, after: FacilityRecord) {
        self.change = change
        self.before = before
        self.after = after
    }
}

extension Scenario {
    /// Works out every change against the store's facilities first (an added id must be free, the
    /// others must exist; problems name the change's line), then writes them in order, audited with
    /// `actor`. Meant for a scenario's own copy of the registry, never the user's file.
    /// - Parameter date: the closing date of a `close` that gives none (the check date).
    public func apply(
        to store: any FacilityStore, plugins: [any FacilityPlugin], closingOn date: CivilDate,
        actor: String = "scenario"
    ) throws -> [AppliedChange] {
        let byID = Dictionary(plugins.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let stored = Set(try store.kinds())
        var current: [FacilityKey: FacilityRecord?] = [:]
        var applied: [AppliedChange] = []
        for change in changes {
            func problem(_ reason: String) -> YAMLProblem {
                YAMLProblem(file: file, line: change.line, field: change.path, reason: reason)
            }
            guard let plugin = byID[change.kind] else { throw problem("unknown facility kind '\(change.kind)'") }
            let key = FacilityKey(kind: change.kind, id: change.id)
            let before: FacilityRecord?
            if let known = current[key] {
                before = known
            } else {
                before = stored.contains(change.kind) ? try store.facility(kind: change.kind, id: change.id) : nil
            }
            var after: FacilityRecord
            switch change.action {
            case .add(let record):
                if before != nil {
                    throw problem("kind '\(change.kind)' already has a facility with id '\(change.id)'")
                }
                after = record
            case .move(let to):
                guard let before else { throw missing(change, stored: stored, problem) }
                after = before
                after.location = to
            case .close(let on):
                guard let before else { throw missing(change, stored: stored, problem) }
                let day = on ?? date
                if let opened = before.opened, day < opened {
                    throw problem("cannot close on \(day): the facility opens on \(opened)")
                }
                after = before
                after.closed = day
            case .update(let attributes):
                guard let before else { throw missing(change, stored: stored, problem) }
                after = before
                for (field, value) in attributes { after.attributes[field] = value }
                if let gap = plugin.schema.problems(in: after.attributes).first {
                    throw problem("field '\(gap.field)': \(gap.reason)")
                }
            }
            current[key] = after
            applied.append(AppliedChange(change: change, before: before, after: after))
        }

        for kind in Set(changes.map(\.kind)).sorted() {
            guard let plugin = byID[kind] else { continue }
            try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        }
        for item in applied {
            switch item.change.action {
            case .add: try store.insert([item.after], actor: actor)
            case .move, .update: try store.update(item.after, actor: actor)
            case .close(let on):
                try store.close(kind: item.change.kind, id: item.change.id, on: on ?? date, actor: actor)
            }
        }
        return applied
    }

    private func missing(_ change: ScenarioChange, stored: Set<PluginID>, _ problem: (String) -> YAMLProblem)
        -> YAMLProblem
    {
        stored.contains(change.kind)
            ? problem("kind '\(change.kind)' has no facility with id '\(change.id)' in the registry")
            : problem("the registry holds no facilities of kind '\(change.kind)'")
    }
}

private struct FacilityKey: Hashable {
    var kind: PluginID
    var id: FacilityID
}
