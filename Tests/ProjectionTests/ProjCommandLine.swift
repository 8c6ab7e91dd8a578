import Foundation
import GeoCore
import TestSupport

/// PROJ's own command-line programs (package proj-bin), the independent reference for our results.
enum ProjCommandLine {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `/usr/bin/<tool> arguments` with one line of input per row and returns the numbers of each
    /// output line.
    static func run(_ tool: String, _ arguments: [String], rows: [[Double]]) throws -> [[Double]] {
        let path = "/usr/bin/\(tool)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "\(path) not found: install proj-bin")
        }
        let text = rows.map { $0.map { String(format: "%.12f", $0) }.joined(separator: " ") }.joined(separator: "\n")
        let result = try ToolRunner.run(path, arguments, stdin: Data((text + "\n").utf8))
        guard result.succeeded else {
            throw Failure(description: "\(tool) \(arguments) exited with \(result.status): \(result.stderr)")
        }
        let lines = result.stdout.split(whereSeparator: \.isNewline)
        return try lines.map { line in
            try line.split(whereSeparator: \.isWhitespace).map { field in
                guard let value = Double(field) else {
                    throw Failure(description: "\(tool) printed '\(line)'")
                }
                return value
            }
        }
    }

    /// `cs2cs` on x/y (longitude/latitude, easting/northing) in and out, for CRSs whose declared axis
    /// order is y/x (EPSG:4326, 4490, 4526, 4547 all are): `-r` and `-s` swap input and output.
    static func cs2cs(from source: String, to target: String, _ coordinates: [Coordinate]) throws -> [Coordinate] {
        try run("cs2cs", ["-r", "-s", "-f", "%.10f", source, target], rows: coordinates.map { [$0.x, $0.y] })
            .map { Coordinate(x: $0[0], y: $0[1]) }
    }
}

/// Sample points in Huadu district (around 113.22°E 23.40°N) and Lechang (around 113.35°E 25.13°N).
enum SamplePoints {
    static let huadu = [
        Coordinate(lon: 113.22, lat: 23.40), Coordinate(lon: 113.15, lat: 23.45),
        Coordinate(lon: 113.30, lat: 23.37), Coordinate(lon: 113.05, lat: 23.55),
    ]
    static let lechang = [
        Coordinate(lon: 113.35, lat: 25.13), Coordinate(lon: 113.20, lat: 25.25),
        Coordinate(lon: 113.60, lat: 25.05), Coordinate(lon: 112.95, lat: 25.30),
    ]
    static let all = huadu + lechang

    /// A grid over Guangdong, 0.25° apart.
    static let guangdong: [Coordinate] = stride(from: 109.75, through: 117.25, by: 0.25).flatMap { lon in
        stride(from: 20.25, through: 25.5, by: 0.25).map { lat in Coordinate(lon: lon, lat: lat) }
    }
}
