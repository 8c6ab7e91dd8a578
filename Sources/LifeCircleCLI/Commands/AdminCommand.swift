import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Interchange
import Planner
import Projection
import Rules

struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Import the admin units (district, 街道, 社区) that checks report on, and their population.",
        discussion: """
            The units are kept beside the registry in registry.admin.gpkg (layer admin_units), which QGIS opens.
            Per-capita, presence and per-unit rules read them; `lifecircle check` reports per unit.

            Examples:
              lifecircle admin import admin.geojson --id adcode --only 440114
              lifecircle admin population 440114 total=1728700 --source 2023年末
              lifecircle admin list
            """,
        subcommands: [Import.self, Population.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import admin-unit polygons in any CRS; a unit with the same id is replaced.",
            discussion: """
                One bad row fails the import and lists every bad row; nothing is saved.

                Examples:
                  lifecircle admin import admin.geojson --id adcode --only 440114
                  lifecircle admin import streets.gpkg --id 代码 --name 街道 --level street
                  lifecircle admin import shequ.csv --name 社区 --level community --crs gcj02
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("GeoJSON, GeoPackage or CSV with WKT. Example: streets.geojson", valueName: "file"))
        var file: String
        @Option(help: ArgumentHelp("The column of the unit's name. Example: --name 街道名称", valueName: "column"))
        var name: String = "name"
        @Option(help: ArgumentHelp("The column of the unit's code; without it the name is the id. Example: --id adcode",
                                   valueName: "column"))
        var id: String?
        @Option(help: ArgumentHelp("The level of every unit: district, street or community. Example: --level street",
                                   valueName: "level"))
        var level: String?
        @Option(help: ArgumentHelp("A column holding each unit's level instead of --level. Example: --level-column 级别",
                                   valueName: "column"))
        var levelColumn: String?
        @Option(help: ArgumentHelp("The column of the parent unit's id. Example: --parent 所属街道", valueName: "column"))
        var parent: String?
        @Option(help: ArgumentHelp("The column of total residents. Example: --population 常住人口", valueName: "column"))
        var population: String?
        @Option(help: ArgumentHelp(
            "Other groups as group=column, comma-separated; groups: women, age_0_3, age_0_14, age_65_plus. "
                + "Example: --groups age_0_3=婴幼儿", valueName: "list"))
        var groups: String?
        @Option(help: ArgumentHelp("Where the population figures come from, for reports. Example: --source 七普",
                                   valueName: "text"))
        var source: String?
        @Option(help: ArgumentHelp("Keep only these ids, comma-separated. Example: --only 440114", valueName: "ids"))
        var only: String?
        @Option(help: ArgumentHelp("The coordinate system when the file does not state it. Example: --crs EPSG:4547",
                                   valueName: "crs"))
        var crs: String?
        @Option(help: ArgumentHelp("The layer of a GeoPackage with several. Example: --layer streets", valueName: "name"))
        var layer: String?
        @Option(help: ArgumentHelp("The text encoding of a CSV. Example: --encoding gbk", valueName: "auto|utf8|gbk"))
        var encoding: TextEncoding = .auto

        func validate() throws {
            if level != nil && levelColumn != nil { throw ValidationError("give --level or --level-column, not both") }
        }

        func run() throws {
            var outputs = global.outputs(inputs: [file], makes: [.adminUnits])
            _ = try outputs.file(global.registryFile(.adminUnits), option: "--registry (.admin.gpkg)")
            let table = try InputTable.read(contentsOf: try InputFile.existing(file), encoding: encoding, layer: layer)
            let onlyIDs = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
            let importer = AdminUnitImporter(options: .init(
                id: id, name: name, level: level, levelColumn: levelColumn, parentColumn: parent,
                population: population, groups: try PopulationGroupList.parse(groups, option: "--groups"),
                populationSource: source, only: onlyIDs))
            let units = try importer.read(table, crs: try crs.map { try CRS(parsing: $0) })
            let store = AdminUnitStore(registry: global.registry)
            let replaced = try store.merge(units)
            let names = units.map(\.name).joined(separator: "、")
            print(global.lang == .zh
                ? "已导入 \(units.count) 个行政单元（\(names)），其中替换 \(replaced) 个，保存到 \(store.url.path)"
                : "Imported \(units.count) admin units (\(names)), \(replaced) replaced, into \(store.url.path)")
        }
    }

    struct Population: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the population of one admin unit by group: from the 2020 census, or figures with their source.",
            discussion: """
                Without group=count pairs, the unit's row of the 2020 county census is read (GeoData's
                china/census/census2020_guangdong_counties.csv, every county of Guangdong, unless --census names
                another table in its layout): total, women, children 0–14, people 65+, and children 0–3
                estimated as age 0 + ¾ of ages 1–4, which every report using them states. The row is the unit's
                id unless --adcode gives another.

                Examples:
                  lifecircle admin population 440114
                  lifecircle admin population 花都区 --census county.csv --adcode 440114
                  lifecircle admin population 新华街道 age_0_3=7500 --source 人口抽样
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The unit's id (or name when imported without --id). Example: 440114",
                                     valueName: "unit"))
        var unit: String
        @Argument(help: ArgumentHelp("group=count pairs; none reads the census. Example: total=1728700 age_0_3=52000",
                                     valueName: "group=count"))
        var counts: [String] = []
        @Option(help: ArgumentHelp("Where typed-in figures come from. Example: --source 七普", valueName: "text"))
        var source: String?
        @Option(help: ArgumentHelp("A county census table in the layout of GeoData's (default: the bundled one). "
                                       + "Example: --census census.csv", valueName: "file"))
        var census: String?
        @Option(help: ArgumentHelp("The census row's 区划代码 when it is not the unit's id. Example: --adcode 440114",
                                   valueName: "code"))
        var adcode: String?

        func validate() throws {
            if counts.isEmpty {
                if source != nil { throw ValidationError("--source is for group=count figures; a census row states its own") }
            } else {
                if census != nil || adcode != nil {
                    throw ValidationError("give group=count figures or --census/--adcode, not both")
                }
                if source == nil { throw ValidationError("group=count figures need --source (where they come from)") }
            }
        }

        func run() throws {
            let store = AdminUnitStore(registry: global.registry)
            var units = try store.load()
            guard let index = units.firstIndex(where: { $0.id.rawValue == unit }) else {
                let known = units.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
                throw CommandFailure(
                    "no admin unit '\(unit)'" + (known.isEmpty ? "; import them with `lifecircle admin import`" : "; units: \(known)"),
                    exitCode: ExitStatus.dataError)
            }
            var note: String?
            if counts.isEmpty {
                let file = try census.map { try InputFile.existing($0) }
                    ?? DataLocator.required(for: "the 2020 census").appendingPathComponent(Self.bundledCensus)
                let table = try CountyCensus(contentsOf: file)
                let row = try table.row(adcode: adcode ?? unit)
                for (group, count) in row.groups { units[index].population[PopulationGroupName(group.rawValue)] = count }
                units[index].populationSource = row.source(file: table.file)
                note = CountyCensus.underThreeNote.text(for: global.lang)
            } else {
                let pairs = try PopulationGroupList.parse(counts.joined(separator: ","), option: "counts", allowTotal: true)
                for (group, text) in pairs {
                    guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value.isFinite, value >= 0 else {
                        throw CommandFailure("\(group.rawValue)=\(text): not a count of people", exitCode: ExitStatus.usage)
                    }
                    units[index].population[PopulationGroupName(group.rawValue)] = value
                }
                units[index].populationSource = source
            }
            try store.save(units)
            print(global.lang == .zh
                ? "已更新 \(units[index].name) 的人口：" + describe(units[index])
                : "Population of \(units[index].name) set: " + describe(units[index]))
            if let note { print(global.lang == .zh ? "注：\(note)" : "Note: \(note)") }
        }

        static let bundledCensus = "china/census/census2020_guangdong_counties.csv"
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the admin units with their level, area and population.",
            discussion: """
                Examples:
                  lifecircle admin list
                  lifecircle admin list --json
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            let units = try AdminUnitStore(registry: global.registry).load()
            if json {
                try printJSON(units.map { unit in
                    AdminUnitRow(
                        id: unit.id.rawValue, name: unit.name, level: unit.level, parent: unit.parent?.rawValue,
                        population: Dictionary(uniqueKeysWithValues: unit.population.map { ($0.key.rawValue, $0.value) }),
                        populationSource: unit.populationSource)
                })
                return
            }
            guard !units.isEmpty else {
                print(global.lang == .zh ? "还没有行政单元；用 lifecircle admin import 导入" : "No admin units yet; import them with `lifecircle admin import`")
                return
            }
            let zh = global.lang == .zh
            let table = TextTable(
                header: zh ? ["编码", "名称", "级别", "人口", "人口来源"] : ["id", "name", "level", "population", "population source"],
                rows: units.map { [$0.id.rawValue, $0.name, $0.level ?? "", describe($0), $0.populationSource ?? ""] })
            print(table.render(), terminator: "")
        }
    }

    struct AdminUnitRow: Encodable {
        var id: String
        var name: String
        var level: String?
        var parent: String?
        var population: [String: Double]
        var populationSource: String?
    }
}

private func describe(_ unit: AdminUnit) -> String {
    unit.population.sorted { $0.key.rawValue < $1.key.rawValue }
        .map { "\($0.key.rawValue)=\(plainNumber($0.value, digits: 0))" }.joined(separator: " ")
}
