import ArgumentParser
import FacilityKit
import FacilityRegistry
import GeoCore
import Projection

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the facilities of a kind, optionally inside a box and as of a date.",
        discussion: """
            The box is in EPSG:4326 longitude/latitude, west,south,east,north. With --as-of, only facilities
            open on that date are listed (opened on or before it, not closed by then). Positions are shown in
            EPSG:4326 to 7 decimals (about 1 cm) unless --crs names another system: gcj02 to find them on AMap,
            bd09 on Baidu, EPSG:4547 for CGCS2000 metres. Enum values show their labels (--lang en: English).

            Examples:
              lifecircle list maternity_room
              lifecircle list maternity_room --crs gcj02
              lifecircle list public_toilet --bbox 113.15,23.35,113.30,23.45 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Option(help: ArgumentHelp("Only facilities inside W,S,E,N (EPSG:4326). Example: --bbox 113.1,23.3,113.3,23.5",
                               valueName: "W,S,E,N"))
    var bbox: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Only facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?
    @Option(help: ArgumentHelp(
        "The system to show positions in: gcj02, bd09, an EPSG code. Example: --crs gcj02", valueName: "crs"))
    var crs: String?
    @Flag(help: "Print JSON instead of a table. Example: --json") var json = false

    func run() throws {
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let box = try bbox.map { text in try BoundingBox(parsing: text) }
        let date = try asOf.map(DateOption.parse)
        let store = try workspace.openStoreForReading()
        let records = try store.facilities(kind: plugin.id, in: box, asOf: date)
        let position = try OutputPosition(records, crs: try crs.map { try CRS(parsing: $0) } ?? .wgs84)
        if json {
            try printJSON(records.map { FacilityJSON($0, position: position) })
        } else {
            print(FacilityTable.render(records, plugin: plugin, language: global.lang, position: position), terminator: "")
            Console.note(global.lang == .zh ? "共 \(records.count) 处" : "\(records.count) facilities")
        }
    }
}

/// Reads `--as-of` and similar date options.
enum DateOption {
    static func parse(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(parsing: text) else {
            throw CommandFailure("'\(text)' is not a date like 2025-12-31", exitCode: ExitStatus.usage)
        }
        return date
    }
}
