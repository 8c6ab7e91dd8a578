import FacilityKit
public import Foundation
import GeoCore
import GeoPackage
public import Rules

/// The registry's admin units (district, 街道, 社区), kept beside it in `registry.admin.gpkg` (layer
/// `admin_units`, polygons in EPSG:4326, one column per population group), so QGIS shows them and every
/// check reads the same units. A save replaces the file whole, only once the new one is complete.
public struct AdminUnitStore: Sendable {
    public let url: URL
    static let layer = "admin_units"

    public init(registry: String) {
        url = URL(fileURLWithPath: URL(fileURLWithPath: registry).deletingPathExtension().path + ".admin.gpkg")
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The saved units, or none when nothing was imported yet.
    public func load() throws -> [AdminUnit] {
        guard exists else { return [] }
        let layer = try GeoPackageFile(path: url.path, mode: .readOnly).readLayer(named: Self.layer)
        return layer.features.compactMap { feature in
            let p = feature.properties
            guard let id = p["unit_id"]?.stringValue, let name = p["name"]?.stringValue else { return nil }
            var population: [PopulationGroupName: Double] = [:]
            for group in PopulationGroup.allCases {
                if let count = p[group.rawValue]?.numberValue { population[PopulationGroupName(group.rawValue)] = count }
            }
            return AdminUnit(
                id: AdminUnitID(id), name: name, level: p["level"]?.stringValue,
                parent: p["parent"]?.stringValue.map { AdminUnitID($0) }, outline: feature.geometry,
                population: population, populationSource: p["population_source"]?.stringValue)
        }
    }

    public func save(_ units: [AdminUnit]) throws {
        try AtomicOutput.replaceFile(url) { temporary in
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            let features = units.sorted { $0.id < $1.id }.map { unit in
                var properties: [String: JSONValue] = [
                    "unit_id": .string(unit.id.rawValue), "name": .string(unit.name),
                    "level": unit.level.map { .string($0) } ?? .null,
                    "parent": unit.parent.map { .string($0.rawValue) } ?? .null,
                    "population_source": unit.populationSource.map { .string($0) } ?? .null,
                ]
                for group in PopulationGroup.allCases {
                    properties[group.rawValue] =
                        unit.population[PopulationGroupName(group.rawValue)].map { .number($0) } ?? .null
                }
                return Feature(geometry: unit.outline, properties: properties)
            }
            try file.writeLayer(
                FeatureLayer(
                    name: Self.layer, geometry: GeometryColumn(type: .multiPolygon, srsID: 4326),
                    columns: [
                        Column("unit_id", .text, notNull: true, unique: true), Column("name", .text, notNull: true),
                        Column("level", .text), Column("parent", .text), Column("population_source", .text),
                    ] + PopulationGroup.allCases.map { Column($0.rawValue, .real) },
                    features: features),
                identifier: "行政单元 / admin units")
        }
    }
}
