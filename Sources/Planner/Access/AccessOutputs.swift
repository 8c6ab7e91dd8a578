import Coverage
import FacilityKit
public import Foundation
import GeoCore
import GeoPackage

/// The outputs of an accessibility run: a GeoPackage for QGIS (`<registry>.access.gpkg` by default).
public enum AccessOutputs {
    /// Layers `access_demand` (the demand points with their residents of the group, `access` = Aᵢ per `per`,
    /// and `below_target` when a target was given), `access_facilities` (each facility of the kind with its
    /// capacity, `ratio` = Rⱼ per `per`, the weighted residents it serves, and a `status`: `used`,
    /// `no_capacity`, `unsnapped`, `no_residents`), and `access_admin_units`: the population-weighted mean
    /// and share below the target per admin unit, polygons when the registry has admin units, else an
    /// attributes table of the units the demand names.
    ///
    /// The map page `page` (its HTML already rendered) belongs to the layers: both are replaced together, the
    /// layers first.
    public static func write(_ run: AccessRun, to url: URL, page: URL, html: String) throws {
        try AtomicOutput.replaceFiles([url, page]) { temporaries in
            try buildLayers(run, at: temporaries[0])
            try Data(html.utf8).write(to: temporaries[1])
        }
    }

    private static func buildLayers(_ run: AccessRun, at url: URL) throws {
        let result = run.result.catchment
        let group = run.result.group.rawValue
        let per = plain(result.per)
        let file = try GeoPackageFile(path: url.path, mode: .build)

        let demand = run.result.units.enumerated().map { i, unit in
            var properties: [String: JSONValue] = [
                "demand_id": .string(unit.id), "admin_unit": unit.adminUnit.map { .string($0) } ?? .null,
                "population": .number(unit.count(run.result.group)), "snapped": .bool(result.demandSnapped[i]),
                "access": .number(result.accessibility[i]),
            ]
            if let target = run.target { properties["below_target"] = .bool(result.accessibility[i] < target) }
            return Feature(geometry: .point(unit.location), properties: properties)
        }
        try file.writeLayer(
            FeatureLayer(
                name: "access_demand", geometry: GeometryColumn(type: .point, srsID: 4326),
                columns: [Column("demand_id", .text), Column("admin_unit", .text), Column("population", .real),
                          Column("snapped", .boolean), Column("access", .real)]
                    + (run.target == nil ? [] : [Column("below_target", .boolean)]),
                features: demand),
            identifier: "可达供给 / accessibility by demand unit",
            description: "access: \(run.kind).\(run.capacityField) per \(per) \(group) within \(plain(result.catchment)) m "
                + "of walking (two-step floating catchment, decay \(result.decay.label)); population: \(group)")

        var facilities: [Feature] = []
        for (j, record) in run.result.facilities.enumerated() {
            let status =
                !result.supplySnapped[j] ? "unsnapped" : result.ratios[j] == nil ? "no_residents" : "used"
            facilities.append(Feature(geometry: .point(record.location), properties: [
                "facility_id": .string(record.id.rawValue), "name": .string(record.name),
                "capacity": .number(result.supply[j].amount), "ratio": result.ratios[j].map { .number($0) } ?? .null,
                "catchment_population": .number(result.catchmentPopulation[j]), "status": .string(status),
            ]))
        }
        for record in run.withoutCapacity {
            facilities.append(Feature(geometry: .point(record.location), properties: [
                "facility_id": .string(record.id.rawValue), "name": .string(record.name), "capacity": .null,
                "ratio": .null, "catchment_population": .null, "status": .string("no_capacity"),
            ]))
        }
        try file.writeLayer(
            FeatureLayer(
                name: "access_facilities", geometry: GeometryColumn(type: .point, srsID: 4326),
                columns: [Column("facility_id", .text), Column("name", .text), Column("capacity", .real),
                          Column("ratio", .real), Column("catchment_population", .real), Column("status", .text)],
                features: facilities),
            identifier: "设施供需比 / supply ratio by facility",
            description: "ratio: \(run.capacityField) per \(per) \(group) within reach; status: used, no_capacity, "
                + "unsnapped, no_residents")

        guard !run.unitFigures.isEmpty else { return }
        let withOutlines = run.unitsHaveOutlines
        let rows = run.unitFigures.map { unit in
            var properties: [String: JSONValue] = [
                "unit_id": .string(unit.id), "name": .string(unit.name),
                "population": .number(unit.summary.population),
                "mean_access": unit.summary.mean.map { .number($0) } ?? .null,
            ]
            if run.target != nil {
                properties["share_below_target"] = unit.summary.shareBelowTarget.map { .number($0) } ?? .null
            }
            return Feature(geometry: withOutlines ? unit.outline : nil, properties: properties)
        }
        try file.writeLayer(
            FeatureLayer(
                name: "access_admin_units",
                geometry: withOutlines ? GeometryColumn(type: .multiPolygon, srsID: 4326) : nil,
                columns: [Column("unit_id", .text), Column("name", .text), Column("population", .real),
                          Column("mean_access", .real)]
                    + (run.target == nil ? [] : [Column("share_below_target", .real)]),
                features: rows),
            identifier: "各街道/社区可达供给 / accessibility by admin unit",
            description: "population-weighted mean of access (per \(per) \(group)) over the demand points in each admin unit"
                + (withOutlines ? " (point in the unit's outline)" : " (as the demand names them)"))
    }

    private static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
