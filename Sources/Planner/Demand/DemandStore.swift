public import Foundation
import GeoCore
import GeoPackage

/// The registry's demand, kept beside it in `registry.demand.gpkg` (layer `demand`, points in EPSG:4326,
/// one column per population group), so QGIS shows it and every analysis reads the same units.
/// An import replaces the file whole, only once the new one is complete.
public struct DemandStore: Sendable {
    public let url: URL
    static let layer = "demand"

    public init(registry: String) {
        url = URL(fileURLWithPath: URL(fileURLWithPath: registry).deletingPathExtension().path + ".demand.gpkg")
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Saves the units; `source` (where the figures come from) is kept as the layer's description, which
    /// QGIS shows and reports quote.
    public func save(_ units: [DemandUnit], source: String? = nil) throws {
        try AtomicOutput.replaceFile(url) { temporary in
            let file = try GeoPackageFile(path: temporary.path, mode: .build)
            let features = units.map { unit in
                var properties: [String: JSONValue] = [
                    "demand_id": .string(unit.id), "admin_unit": unit.adminUnit.map { .string($0) } ?? .null,
                ]
                for group in PopulationGroup.allCases {
                    properties[group.rawValue] = unit.population[group].map { .number($0) } ?? .null
                }
                return Feature(geometry: .point(unit.location), properties: properties)
            }
            try file.writeLayer(
                FeatureLayer(
                    name: Self.layer, geometry: GeometryColumn(type: .point, srsID: 4326),
                    columns: [Column("demand_id", .text, notNull: true, unique: true), Column("admin_unit", .text)]
                        + PopulationGroup.allCases.map { Column($0.rawValue, .real) },
                    features: features),
                identifier: "人口需求点 / demand", description: source)
        }
    }

    /// Where the saved figures come from, as the import stated it; nil when it did not.
    public func source() throws -> String? {
        let info = try GeoPackageFile(path: url.path, mode: .readOnly).layers().first { $0.name == Self.layer }
        return info?.description.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func load() throws -> [DemandUnit] {
        let layer = try GeoPackageFile(path: url.path, mode: .readOnly).readLayer(named: Self.layer)
        return layer.features.compactMap { feature in
            guard case .point(let location)? = feature.geometry,
                let id = feature.properties["demand_id"]?.stringValue
            else { return nil }
            var population: [PopulationGroup: Double] = [:]
            for group in PopulationGroup.allCases {
                if let count = feature.properties[group.rawValue]?.numberValue { population[group] = count }
            }
            return DemandUnit(
                id: id, location: location, population: population,
                adminUnit: feature.properties["admin_unit"]?.stringValue)
        }
    }
}
