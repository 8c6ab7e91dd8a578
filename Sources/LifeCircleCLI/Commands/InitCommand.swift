import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation

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
        let existed = FileManager.default.fileExists(atPath: global.registry)
        let store = try workspace.openStore(create: true)
        let before = existed ? Set(try store.kinds()) : []
        for entry in workspace.plugins.all {
            try store.prepare(kind: entry.plugin.descriptor, schema: entry.plugin.schema)
        }
        let zh = global.lang == .zh
        let kinds = workspace.plugins.ids.map(\.rawValue).joined(separator: ", ")
        guard existed else {
            print(zh ? "已创建登记库 \(global.registry)，设施类型：\(kinds)"
                : "Created registry \(global.registry) with kinds: \(kinds)")
            return
        }
        let added = workspace.plugins.ids.filter { !before.contains($0) }.map(\.rawValue).joined(separator: ", ")
        print(zh ? "登记库 \(global.registry) 已存在，原有设施均保留" : "Registry \(global.registry) already exists; its facilities are kept")
        print(added.isEmpty
            ? (zh ? "没有新的设施类型" : "No new facility kinds")
            : (zh ? "新增设施类型图层：\(added)" : "Layers added for new kinds: \(added)"))
    }
}
