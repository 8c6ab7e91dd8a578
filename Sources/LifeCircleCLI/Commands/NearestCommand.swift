import Foundation
import ArgumentParser
import FacilityKit
import FacilityRegistry
import GeoCore
import Projection

struct NearestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest",
        abstract: "The k facilities of a kind nearest to a point, by geodesic (straight-line) distance.",
        discussion: """
            The point is longitude,latitude in EPSG:4326 unless --crs names its system; a point picked on
            AMap is --crs gcj02 (without it the point is read 300-600 m off in China). The facilities are shown
            in the same system as --at, so their positions can be found on the same map. Distances are metres
            on the WGS84 ellipsoid, to 0.1 m; walking distances come from the network commands.

            Examples:
              lifecircle nearest maternity_room --at 113.2205,23.4045 -k 3
              lifecircle nearest public_toilet --at 113.2261,23.4018 --crs gcj02 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: public_toilet", valueName: "kind")) var kind: String
    @Option(help: ArgumentHelp("The point, x,y (longitude,latitude). Example: --at 113.22,23.40", valueName: "x,y"))
    var at: String
    @Option(help: ArgumentHelp(
        "The system of --at and of the positions shown. Example: --crs gcj02", valueName: "crs"))
    var crs: String?
    @Option(name: .short, help: ArgumentHelp("How many facilities. Example: -k 5", valueName: "n")) var k: Int = 1
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Only facilities open on this date. Example: --as-of 2025-12-31", valueName: "date"))
    var asOf: String?
    @Flag(help: "Print JSON: an array of {id, name, lon, lat, distance_m, …}. Example: --json") var json = false

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1, got \(k)") }
    }

    func run() throws {
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let system = try crs.map { try CRS(parsing: $0) }
        let point = try PointOption.wgs84(at, crs: system)
        let date = try asOf.map(DateOption.parse)
        let store = try workspace.openStoreForReading()
        let found = try store.nearest(kind: plugin.id, to: point, k: k, asOf: date)
        let position = try OutputPosition(found.map(\.record), crs: system ?? .wgs84)
        if json {
            try printJSON(found.map { FacilityJSON($0.record, distanceMeters: $0.distanceMeters, position: position) })
        } else {
            print(FacilityTable.render(
                found.map(\.record), plugin: plugin, language: global.lang, distances: found.map(\.distanceMeters),
                position: position),
                terminator: "")
        }
    }
}

/// A point typed as `x,y` (`--at`) in a named system, brought to EPSG:4326.
enum PointOption {
    static func wgs84(_ text: String, crs: CRS?) throws -> Coordinate {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1] else {
            throw CommandFailure("--at '\(text)': expected two numbers x,y such as 113.22,23.40", exitCode: ExitStatus.usage)
        }
        var point = Coordinate(x: x, y: y)
        if let crs {
            do {
                point = try DeclaredCoordinates(crs: crs).wgs84(point)
            } catch let error as ImplausibleCoordinate {
                throw CommandFailure("--at \(text): \(error.text(language: Console.language.rawValue))",
                                     exitCode: ExitStatus.usage)
            }
        }
        guard point.isValidGeographic else {
            throw CommandFailure("--at \(text) is not a valid longitude,latitude in EPSG:4326", exitCode: ExitStatus.usage)
        }
        return point
    }
}
