import ArgumentParser
import FacilityKit
import FacilityRegistry

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the registry GeoPackage with one empty layer per facility kind.",
        discussion: """
            Safe to run again: existing layers and facilities are kept; layers for newly added plugins are created.

            Examples:
              lifecircle init
              lifecircle init --registry huadu.gpkg --plugins ./my-plugins
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let workspace = try Workspace(options: global)
        let store = try workspace.openStore(create: true)
        for entry in workspace.plugins.all {
            try store.prepare(kind: entry.plugin.descriptor, schema: entry.plugin.schema)
        }
        let kinds = workspace.plugins.ids.map(\.rawValue).joined(separator: ", ")
        print(global.lang == .zh
            ? "已创建登记库 \(global.registry)，设施类型：\(kinds)"
            : "Registry \(global.registry) ready with kinds: \(kinds)")
    }
}
