public import FacilityKit
public import FacilityRegistry
import Foundation
public import GeoCore
import GeometryOps
import Rules

/// The monthly refresh from a bureau's list: what the list adds, changes and (with a closing date) closes
/// in the registry, then all of it in one transaction. The server calls the same use case with its user.
public struct RegistryRefresh {
    /// Where `--close-missing` looks for facilities the list lacks: everywhere, inside an area (a district
    /// outline), or inside one of the registry's admin units.
    public enum Scope: Sendable {
        case everywhere
        case area(Geometry)
        case adminUnit(String)
    }

    public let store: any FacilityStore
    /// The registry file, beside which the admin units are kept.
    public let registry: String

    public init(store: any FacilityStore, registry: String) {
        self.store = store
        self.registry = registry
    }

    /// How the list (the kind's records read from a file) differs from the registry; writes nothing.
    /// A kind the registry does not have yet has no stored facilities: everything listed is new.
    public func diff(
        listed records: [FacilityRecord], supplied: Set<String>, plugin: any FacilityPlugin,
        closeMissing: CivilDate?, scope: Scope = .everywhere
    ) throws -> RegistryDiff {
        let stored = try store.kinds().contains(plugin.id) ? store.facilities(kind: plugin.id, in: nil, asOf: nil) : []
        let inside = try closeMissing == nil ? nil : outline(of: scope)
        return try RegistryDiff(
            kind: plugin.id, listed: records, supplied: supplied, stored: stored, schema: plugin.schema,
            closeMissing: closeMissing, inScope: { record in try inside?.contains(record.location) ?? true })
    }

    /// Makes the diff's changes, all or none, in the user's name.
    public func apply(_ diff: RegistryDiff, actor: String) throws {
        try store.apply(diff.changes, actor: actor)
    }

    /// The scope's polygon, prepared for point tests; nil for everywhere.
    private func outline(of scope: Scope) throws -> PreparedGeometry? {
        let geometry: Geometry
        switch scope {
        case .everywhere:
            return nil
        case .area(let area):
            geometry = area
        case .adminUnit(let code):
            let units = try AdminUnitStore(registry: registry).load()
            guard let unit = units.first(where: { $0.id.rawValue == code }) else {
                throw UpkeepError.unknownAdminUnit(code, known: units.map { "\($0.id.rawValue) \($0.name)" })
            }
            guard let shape = unit.outline else { throw UpkeepError.adminUnitWithoutOutline(code) }
            geometry = shape
        }
        return try PlanarGeometry(geometry, in: try GeometryEngine()).prepared()
    }
}
