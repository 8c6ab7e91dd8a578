public import ArgumentParser
import FacilityKit
import FacilityRegistry
import Interchange
import OGRInterchange
import Foundation
import Planner
import Projection

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the facilities of a kind to GeoJSON, CSV, a GeoPackage, an Excel sheet or a Shapefile.",
        discussion: """
            Coordinates are EPSG:4326 unless --crs asks for another system (any EPSG code or PROJ string, gcj02,
            bd09), to 7 decimals of a degree (about 1 cm) or 2 of a metre.

            A CSV in Chinese (the default) is for people: headers are the field labels (编号, 名称, 面积 (平方米)…),
            enum values their labels, yes/no 是/否, and import reads it back. With --lang en it keeps column names,
            codes and true/false, for programs. It is UTF-8 with a byte-order mark, which Excel 2016 and later
            open correctly; --encoding gbk writes GBK for older Excel and systems that read only GBK (a character
            GBK lacks is refused, naming its row and column).

            XLSX (through GDAL) has the CSV's columns, headers and values in the same language, numbers and dates
            typed; import reads it back with --crs. A Shapefile gets a .prj for its system and a
            .cpg for its .dbf: UTF-8, or GBK with --encoding gbk for older ArcGIS and Excel; names longer than a
            .dbf's 10 bytes are shortened (facility_id → facility_i), and `import` reads them back.

            A GeoPackage describes its columns in gpkg_data_columns: QGIS shows the labels as field aliases.

            Examples:
              lifecircle export maternity_room --format gpkg -o rooms.gpkg
              lifecircle export public_toilet --format csv -o toilets.csv --crs EPSG:4547
              lifecircle export park --format geojson -o 2023.geojson --as-of 2023-12-31
              lifecircle export maternity_room --format xlsx -o rooms.xlsx
              lifecircle export public_toilet --format shp -o toilets.shp --encoding gbk
              lifecircle export public_toilet --format csv -o t.csv --encoding gbk
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Option(help: ArgumentHelp("geojson, csv, gpkg, xlsx or shp. Example: --format gpkg", valueName: "format"))
    var format: ExportFormat
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write. Example: -o rooms.gpkg", valueName: "file"))
    var output: String
    @Option(help: ArgumentHelp("The coordinate system to write. Example: --crs EPSG:4547", valueName: "crs"))
    var crs: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Only facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?
    @Option(help: ArgumentHelp(
        "The text encoding of a CSV (utf8 with a byte-order mark, the default) or a Shapefile's .dbf. "
            + "Example: --encoding gbk", valueName: "utf8|gbk"))
    var encoding: TextEncoding?

    func validate() throws {
        if let encoding, ![.csv, .shp].contains(format) || ![.utf8, .gbk].contains(encoding) {
            throw ValidationError(
                "--encoding \(encoding) does not apply to --format \(format.rawValue); it takes utf8 or gbk for csv and shp")
        }
    }

    func run() throws {
        var outputs = global.outputs()
        let destination = try outputs.file(output, option: "-o")
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let target = try crs.map { try CRS(parsing: $0) } ?? .wgs84
        let date = try asOf.map(DateOption.parse)
        let records = try workspace.openStoreForReading().facilities(kind: plugin.id, in: nil, asOf: date)
        var exporter = FacilityExporter(plugin: plugin)
        exporter.language = global.lang
        exporter.csvEncoding = encoding == .gbk ? .gbk : .utf8
        warnOutsideArea(of: target, records)
        let written = try destination.write {
            try exporter.write(records, format: format, to: $0, crs: target, dbfEncoding: encoding == .gbk ? .gbk : .utf8)
        }
        let dbf = written.map { global.lang == .zh ? "，.dbf 编码 \($0)" : ", .dbf in \($0)" } ?? ""
        print(global.lang == .zh
            ? "已导出 \(records.count) 处到 \(output)（\(target)\(dbf)）"
            : "Exported \(records.count) facilities to \(output) (\(target)\(dbf))")
    }

    /// Facilities outside the target CRS's area of use (by more than the margin imports allow) are written, but
    /// distorted, and an import of the file would refuse them: say so.
    private func warnOutsideArea(of crs: CRS, _ records: [FacilityRecord]) {
        guard let area = try? crs.areaOfUse() else { return }
        let outside = records.filter { !area.contains($0.location, margin: DeclaredCoordinates.margin) }
        guard !outside.isEmpty else { return }
        let ids = outside.prefix(5).map(\.id.rawValue).joined(separator: ", ") + (outside.count > 5 ? " …" : "")
        Console.warning(global.lang == .zh
            ? "\(outside.count) 处设施（\(ids)）位于 \(crs) 的适用范围（\(area)）之外：坐标会严重变形，"
                + "再次导入时这些行会被拒绝；请选用覆盖这些设施的坐标系"
            : "\(outside.count) facilities (\(ids)) lie outside the area of use of \(crs) (\(area)): their coordinates "
                + "are distorted, and importing the file again refuses those rows; choose a CRS that covers them")
    }
}

extension ExportFormat: ExpressibleByArgument {}
