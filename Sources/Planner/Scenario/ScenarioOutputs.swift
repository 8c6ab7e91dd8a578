import FacilityKit
public import Foundation
import GeoCore
import GeoPackage
import Reports

/// The scenario's layer for QGIS: the facilities it adds, moves, closes or updates.
public enum ScenarioOutputs {
    /// Writes `scenario_changes` (points in EPSG:4326 where each facility is after the change, with a
    /// `change` column: add, move, close, update). Replaces the file whole.
    public static func writeChanges(_ applied: [AppliedChange], to url: URL) throws {
        let features = applied.map { item in
            let fields = item.line(kindName: .init(zh: "", en: "")).attributes.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let from: JSONValue =
                if case .move = item.change.action, let before = item.before {
                    .string("\(before.location.lon),\(before.location.lat)")
                } else { .null }
            return Feature(
                geometry: .point(item.after.location),
                properties: [
                    "change": .string(item.change.verb), "kind": .string(item.change.kind.rawValue),
                    "facility_id": .string(item.change.id.rawValue), "name": .string(item.after.name),
                    "closed": item.after.closed.map { .string($0.description) } ?? .null, "moved_from": from,
                    "fields": fields.isEmpty ? .null : .string(fields),
                ])
        }
        let layer = FeatureLayer(
            name: "scenario_changes", geometry: GeometryColumn(type: .point, srsID: 4326),
            columns: [
                Column("change", .text, notNull: true), Column("kind", .text, notNull: true),
                Column("facility_id", .text, notNull: true), Column("name", .text), Column("closed", .text),
                Column("moved_from", .text), Column("fields", .text),
            ],
            features: features)
        try AtomicOutput.replaceFile(url) { temporary in
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            try file.writeLayer(layer, identifier: "情景变更 / scenario changes")
        }
    }
}
