public import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import Interchange
import Planner
import Projection

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import facilities of one kind from CSV, GeoJSON, a GeoPackage, a Shapefile, XLSX, KML, FileGDB or OSM.",
        discussion: """
            All or nothing: if any row is invalid, nothing is written and every bad row is listed with its line,
            field and reason. With --skip-invalid the valid rows are imported and the rejects are written to a
            CSV file with the reason for each.

            CSV files may be UTF-8 or GBK/GB18030 as Excel saves them in China (detected automatically).
            Coordinate columns are found by name (经度/纬度, lng/lat, lon/lat, x/y, …) or named with --lon/--lat.
            A CSV does not state its coordinate system, so --crs is required for it: gcj02 for points picked on
            AMap (高德) or Tencent, bd09 for Baidu, EPSG:4326 for GPS/OSM, EPSG:4547 for CGCS2000 GK CM 114E.
            GeoJSON is EPSG:4326 unless it says otherwise; a GeoPackage layer states its system.

            Shapefiles, Excel sheets (.xlsx, .xls), KML/KMZ, FileGDB (.gdb folders) and any other vector file GDAL
            reads are imported through GDAL, with the same checks. A Shapefile's .prj gives its system (a --crs that
            contradicts it is refused; gcj02/bd09 may refine a WGS 84 .prj) and its .cpg its encoding; a .dbf
            without .cpg is read as UTF-8 if it is valid UTF-8, else as GBK (or say --encoding gbk). A sheet
            without geometry takes its coordinates from columns, like a CSV; errors name its row as Excel shows it,
            a feature file's name the FID.

            An OpenStreetMap extract (.osm.pbf, .osm, .osm.gz) is read through the kind's OSM tag mapping
            (`lifecircle plugins show KIND` lists it): ids are node/123 or way/45, names come from name:zh or name,
            and tag values that do not fit their field are left empty and reported. --clip keeps what lies inside
            an area (e.g. a district outline).

            Examples:
              lifecircle import maternity_room rooms.csv --crs gcj02
              lifecircle import public_toilet toilets.csv --crs EPSG:4547 --lon X --lat Y
              lifecircle import public_toilet toilets.geojson --skip-invalid
              lifecircle import public_toilet survey.shp
              lifecircle import maternity_room rooms.xlsx --crs gcj02
              lifecircle import playground GeoData/osm/helsinki.osm.pbf
              lifecircle import childcare guangdong-latest.osm.pbf --clip huadu.geojson

            The monthly refresh from a bureau's list: --update updates the ids the registry has (only the rows that \
            differ, and only the fields the file has columns for) and inserts the new ones; --close-missing DATE \
            closes the kind's open facilities the file lacks (inside --clip or --unit if given); --dry-run prints \
            what would change and writes nothing. All in one transaction.
              lifecircle import childcare may.csv --crs gcj02 --update --dry-run
              lifecircle import childcare may.geojson --update --close-missing 2026-05-31
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Argument(help: ArgumentHelp("The file: .csv, .geojson, .gpkg, .shp, .xlsx, .xls, .kml, .kmz, .gdb, … Example: rooms.csv", valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp(
        "The coordinate system of the file: EPSG code, PROJ string, WKT, gcj02 or bd09. Example: --crs gcj02",
        valueName: "crs"))
    var crs: String?
    @Option(help: ArgumentHelp("The longitude (x) column of a CSV. Example: --lon 经度", valueName: "column"))
    var lon: String?
    @Option(help: ArgumentHelp("The latitude (y) column of a CSV. Example: --lat 纬度", valueName: "column"))
    var lat: String?
    @Option(help: ArgumentHelp("The text encoding of a CSV or a .dbf. Example: --encoding gbk", valueName: "auto|utf8|gbk"))
    var encoding: TextEncoding = .auto
    @Option(help: ArgumentHelp("The layer of a file with several (GeoPackage, FileGDB, KML). Example: --layer toilets", valueName: "name"))
    var layer: String?
    @Flag(name: .customLong("skip-invalid"), help: "Import the valid rows and write the invalid ones to a rejects file.")
    var skipInvalid = false
    @Option(help: ArgumentHelp(
        "Where --skip-invalid writes the rejects (default: <file name>.rejects.csv in the current folder). "
            + "Example: --rejects bad.csv", valueName: "file"))
    var rejects: String?
    @Option(help: ArgumentHelp(
        "For an OSM extract: keep only what lies inside this area (any polygon file); with --close-missing: "
            + "close only what lies inside it. Example: --clip huadu.geojson",
        valueName: "file"))
    var clip: String?
    @Flag(help: "Refresh: update the facilities the registry has, insert the new ones, in one transaction.")
    var update = false
    @Option(name: .customLong("close-missing"), help: ArgumentHelp(
        "With --update: close, from this day, the kind's open facilities the file lacks. "
            + "Example: --close-missing 2026-11-30", valueName: "date"))
    var closeMissing: String?
    @Option(help: ArgumentHelp(
        "With --close-missing: close only what lies in this admin unit of the registry. Example: --unit 440114",
        valueName: "code"))
    var unit: String?
    @Flag(name: .customLong("dry-run"), help: "With --update: print what would change, write nothing.")
    var dryRun = false
    @Flag(help: "With --update: print the changes as JSON.") var json = false
    /// The name `--user` had before it was a global option; still accepted.
    @Option(name: .customLong("actor"), help: .hidden) var actorAlias: String?
    var actor: String { actorAlias ?? global.auditUser }

    func validate() throws {
        if (lon == nil) != (lat == nil) { throw ValidationError("--lon and --lat go together: give both or neither") }
        try validateRefresh()
    }

    func run() throws {
        var outputs = global.outputs(inputs: [file, clip])
        let rejectsPath = rejects ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".rejects.csv"
        let rejectsFile = skipInvalid ? try outputs.file(rejectsPath, option: "--rejects") : nil
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let store = try workspace.openStore()
        let source = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw CommandFailure("\(file): no such file", exitCode: ExitStatus.noInput)
        }
        if OSMFacilityReader.isOSMFile(file) {
            return try importOSM(plugin: plugin, store: store, source: source)
        }
        let columns = lon.flatMap { x in lat.map { y in CoordinateColumns(lon: x, lat: y) } }
        var table = try InputTable.read(contentsOf: source, encoding: encoding, coordinateColumns: columns, layer: layer)
        var defaultCRS: CRS?
        if let poi = POIExport.detect(in: table) {
            table = try selectPOIs(poi, of: table, plugin: plugin)
            defaultCRS = poi.provider.crs
        }
        let batch = try FacilityImporter(plugin: plugin).read(table, crs: try crs.map { try CRS(parsing: $0) } ?? defaultCRS)
        if !batch.rejects.isEmpty && !skipInvalid {
            throw RegistryError.invalidRows(
                file: file, problems: batch.rejects.flatMap(\.problems), invalidRows: batch.rejects.count,
                total: batch.total)
        }
        if let rejectsFile, batch.records.isEmpty {
            // Nothing to import is a failure, not a success with every row skipped.
            if !batch.rejects.isEmpty { try rejectsFile.write { try RejectsFile.write(batch.rejects, of: table, to: $0) } }
            throw CommandFailure(
                global.lang == .zh
                    ? "\(file)：\(batch.total) 行中没有一行有效，未导入任何设施"
                        + (batch.rejects.isEmpty ? "" : "；原因见 \(rejectsPath)")
                    : "\(file): none of its \(batch.total) rows is valid; nothing was imported"
                        + (batch.rejects.isEmpty ? "" : "; see \(rejectsPath) for the reasons"),
                exitCode: ExitStatus.dataError)
        }
        if update { return try refresh(with: batch, plugin: plugin, store: store) }
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        do {
            try store.insert(batch.records, actor: actor)
        } catch StoreError.duplicateID(let kind, let id, inBatch: false) {
            let line = batch.rowNumbers[id].map { "\(table.rowLabel) \($0), " } ?? ""
            throw RegistryError.input(
                file: file,
                reason: "\(line)column '\(batch.idColumn)': id '\(id)' is already in the registry (kind '\(kind)'); "
                    + "nothing was imported (use --update to update the facilities the registry has)")
        }

        let zh = global.lang == .zh
        let name = plugin.descriptor.name.text(for: global.lang)
        print(zh
            ? "已导入 \(batch.records.count) 处\(name)（\(batch.crs) → EPSG:4326）到 \(global.registry)"
            : "Imported \(batch.records.count) \(name) facilities (\(batch.crs) → EPSG:4326) into \(global.registry)")
        if let rejectsFile, !batch.rejects.isEmpty {
            try rejectsFile.write { try RejectsFile.write(batch.rejects, of: table, to: $0) }
            print(zh ? "跳过 \(batch.rejects.count) 行无效数据，原因见 \(rejectsPath)"
                : "Skipped \(batch.rejects.count) invalid rows; see \(rejectsPath) for the reasons")
        }
        if !batch.unusedColumns.isEmpty {
            Console.warning("columns not used by \(plugin.id): \(batch.unusedColumns.joined(separator: ", "))")
        }
    }
}

extension ImportCommand {
    /// An AMap or Baidu POI export: says which layout its headers show and which system its coordinates are read
    /// in, keeps the rows of the kind's POI types, and says how many of other types it left out.
    private func selectPOIs(_ poi: POIExport, of table: InputTable, plugin: any FacilityPlugin) throws -> InputTable {
        let zh = global.lang == .zh
        let columns = poi.evidence.joined(separator: ", ")
        let system = crs ?? poi.provider.crs.description
        Console.note(zh
            ? "按\(poi.provider.label.zh) POI 导出格式读取（依据列：\(columns)）；坐标系 \(system)\(crs == nil ? "（默认，可用 --crs 指定）" : "")"
            : "Reading a \(poi.provider.label.en) POI export (told by the columns \(columns)); coordinates in \(system)\(crs == nil ? " (the default; --crs overrides)" : "")")
        let selection = poi.select(table, for: plugin)
        if selection.unmapped {
            Console.warning(zh
                ? "\(plugin.id) 没有 POI 类型映射：文件中的每一行都按 \(plugin.id) 导入"
                : "\(plugin.id) has no POI type mapping: every row of the file is imported as \(plugin.id)")
        } else if !selection.leftOut.isEmpty {
            let total = selection.leftOut.reduce(0) { $0 + $1.rows }
            let types = selection.leftOut.prefix(5).map { "\($0.type) ×\($0.rows)" }.joined(separator: "; ")
            Console.note(zh
                ? "保留 \(selection.kept) 行 \(plugin.id) 类型；\(total) 行为其他类型，未导入（\(types)）"
                : "Kept \(selection.kept) rows of \(plugin.id)'s POI types; left out \(total) rows of other types (\(types))")
        }
        guard selection.kept > 0 else {
            throw CommandFailure(
                "\(file): no row has a POI type of \(plugin.id) (`lifecircle plugins show \(plugin.id)` lists its "
                    + "typecodes and tags)",
                exitCode: ExitStatus.dataError)
        }
        return selection.table
    }

    /// An OpenStreetMap extract, through the kind's tag mapping; one transaction like any import.
    private func importOSM(plugin: any FacilityPlugin, store: GeoPackageFacilityStore, source: URL) throws {
        let area = try clip.map { try Boundary.read($0, crs: nil) }
        let reading = try OSMFacilityReader(plugin: plugin).read(source, clip: area) {
            Console.progress("reading \(source.lastPathComponent): \($0)")
        }
        Console.endProgress()
        guard !reading.records.isEmpty else {
            throw CommandFailure(
                "\(file): no OpenStreetMap object matches the tag mapping of \(plugin.id)"
                    + (reading.outsideClip > 0 ? " inside --clip (\(reading.outsideClip) outside)" : ""),
                exitCode: ExitStatus.dataError)
        }
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        do {
            try store.insert(reading.records, actor: actor)
        } catch StoreError.duplicateID(let kind, let id, inBatch: false) {
            throw RegistryError.input(
                file: file, reason: "id '\(id)' is already in the registry (kind '\(kind)'); nothing was imported")
        }
        let name = plugin.descriptor.name.text(for: global.lang)
        print(global.lang == .zh
            ? "已从 OpenStreetMap 导入 \(reading.records.count) 处\(name)到 \(global.registry)（© OpenStreetMap 贡献者，ODbL）"
            : "Imported \(reading.records.count) \(name) facilities from OpenStreetMap into \(global.registry) (© OpenStreetMap contributors, ODbL)")
        for warning in reading.warnings.prefix(10) { Console.warning(warning) }
        if reading.warnings.count > 10 { Console.warning("… and \(reading.warnings.count - 10) more values left empty") }
    }
}

extension TextEncoding: ExpressibleByArgument {}
