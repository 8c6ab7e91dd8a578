import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import Interchange
import Planner
import Projection

struct DemandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "Import where residents live: population points, polygons or a grid.",
        discussion: """
            Examples:
              lifecircle demand import hexgrid.csv --population population --crs EPSG:4326
              lifecircle demand import grid.gpkg --population population --id id
            """,
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import population data, replacing the registry's demand (registry.demand.gpkg).",
            discussion: """
                Points (a CSV with coordinate columns, or point features) are used as they are. Polygons (census
                blocks, grid cells, H3 hexagons) are taken at their centroid, or with --polygons grid spread over a
                square grid of --cell metres by area. As with facilities, one bad row fails the import and lists
                every bad row; nothing is replaced.

                Population groups other than the total come from --groups, e.g.
                --groups women=女性人口,age_0_3=0至3岁,age_0_14=0至14岁,age_65_plus=65岁以上

                Examples:
                  lifecircle demand import hexgrid.csv --population population --crs EPSG:4326
                  lifecircle demand import blocks.gpkg --population 人口 --groups age_0_3=婴幼儿
                  lifecircle demand import blocks.gpkg --population 人口 --polygons grid
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("CSV, GeoJSON or GeoPackage. Example: population.csv", valueName: "file"))
        var file: String
        @Option(help: ArgumentHelp("The column of total residents. Example: --population 常住人口", valueName: "column"))
        var population: String
        @Option(help: ArgumentHelp(
            "Other groups as group=column, comma-separated; groups: women, age_0_3, age_0_14, age_65_plus. "
                + "Example: --groups women=女性,age_0_3=婴幼儿", valueName: "list"))
        var groups: String?
        @Option(help: ArgumentHelp("The id column. Example: --id 编号", valueName: "column")) var id: String?
        @Option(help: ArgumentHelp("The column naming the 街道/社区. Example: --admin 街道", valueName: "column"))
        var admin: String?
        @Option(help: ArgumentHelp("The coordinate system when the file does not state it. Example: --crs EPSG:4326",
                                   valueName: "crs"))
        var crs: String?
        @Option(help: ArgumentHelp("Polygons as one point each (centroid) or spread on a grid (grid). Example: --polygons grid",
                                   valueName: "centroid|grid"))
        var polygons: String = "centroid"
        @Option(help: ArgumentHelp("The grid cell for --polygons grid, metres. Example: --cell 100", valueName: "m"))
        var cell: Double = 100
        @Option(help: ArgumentHelp("The layer of a GeoPackage with several. Example: --layer grid", valueName: "name"))
        var layer: String?
        @Option(help: ArgumentHelp("The text encoding of a CSV. Example: --encoding gbk", valueName: "auto|utf8|gbk"))
        var encoding: TextEncoding = .auto
        @Option(help: ArgumentHelp("Where the figures come from, for reports (default: the file's name). "
                                       + "Example: --source \"GHS-POP 2015\"", valueName: "text"))
        var source: String?

        func validate() throws {
            guard polygons == "centroid" || polygons == "grid" else {
                throw ValidationError("--polygons takes centroid or grid, not '\(polygons)'")
            }
            guard cell > 0 && cell.isFinite else { throw ValidationError("--cell must be a positive number of metres") }
        }

        func run() throws {
            var outputs = global.outputs(inputs: [file], makes: [.demand])
            _ = try outputs.file(global.registryFile(.demand), option: "--registry (.demand.gpkg)")
            let groupColumns = try PopulationGroupList.parse(groups, option: "--groups")
            let table = try InputTable.read(contentsOf: try InputFile.existing(file), encoding: encoding, layer: layer)
            let importer = DemandImporter(options: .init(
                population: population, groups: groupColumns, id: id, admin: admin,
                polygons: polygons == "grid" ? .grid(cellSize: cell) : .centroid))
            let units = try importer.read(table, crs: try crs.map { try CRS(parsing: $0) })
            let store = DemandStore(registry: global.registry)
            try store.save(units, source: source ?? URL(fileURLWithPath: file).lastPathComponent)
            let total = units.reduce(0) { $0 + $1.count(.total) }
            print(global.lang == .zh
                ? "已导入 \(units.count) 个人口单元，常住人口合计 \(plainNumber(total, digits: 0)) 人，保存到 \(store.url.path)"
                : "Imported \(units.count) demand units, \(plainNumber(total, digits: 0)) residents in all, into \(store.url.path)")
        }
    }
}
