import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Planner

/// `import --update`: the refresh from a newer list, through ``RegistryRefresh``.
extension ImportCommand {
    func validateRefresh() throws {
        guard !update else {
            if OSMFacilityReader.isOSMFile(file) {
                throw ValidationError(
                    "--update refreshes from a list (CSV, GeoJSON, GeoPackage); an OpenStreetMap extract is imported "
                        + "without it")
            }
            if closeMissing == nil && unit != nil { throw ValidationError("--unit goes with --close-missing") }
            if clip != nil && unit != nil { throw ValidationError("give --clip or --unit, not both") }
            if skipInvalid {
                throw ValidationError(
                    "--update takes a whole list (a skipped row would be left stale or closed as missing); "
                        + "fix the rows it reports, or import the valid ones without --update")
            }
            return
        }
        for (given, option) in [(closeMissing != nil, "--close-missing"), (dryRun, "--dry-run"), (unit != nil, "--unit"),
                                (json, "--json")] where given {
            throw ValidationError("\(option) goes with --update (the refresh from a newer list)")
        }
    }

    func refresh(with batch: FacilityImporter.Batch, plugin: any FacilityPlugin, store: GeoPackageFacilityStore) throws {
        let closing = try closeMissing.map(DateOption.parse)
        let scope: RegistryRefresh.Scope =
            if let clip { .area(try Boundary.read(clip, crs: nil)) } else if let unit { .adminUnit(unit) } else {
                .everywhere
            }
        // A dry run reads only: the kind is prepared (which may create or migrate its table) just before writing.
        if !dryRun { try store.prepare(kind: plugin.descriptor, schema: plugin.schema) }
        let refresh = RegistryRefresh(store: store, registry: global.registry)
        let diff = try refresh.diff(
            listed: batch.records, supplied: batch.suppliedFields, plugin: plugin, closeMissing: closing, scope: scope)
        if !dryRun { try refresh.apply(diff, actor: actor) }

        let output = RegistryDiffOutput(diff: diff, plugin: plugin, language: global.lang)
        if json {
            try printJSON(output.json(dryRun: dryRun))
        } else {
            print(output.summary(dryRun: dryRun, registry: global.registry))
            if !diff.isEmpty { print(output.table(), terminator: "") }
        }
    }
}
