import Foundation
import GeoCore
import Testing

/// A fresh directory under the system's temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gpkg-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a GDAL tool and returns its exit status and its standard output and error together.
func runTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// What `ogrinfo -al -so` says about each layer.
struct OgrLayerSummary: Equatable {
    var geometry: String
    var featureCount: Int
    var epsg: Int?
}

/// Runs `ogrinfo -al -so` and `ogrinfo` on the file, checks that both succeed without a warning
/// or error line, and returns the per-layer summary.
func ogrSummary(of path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: OgrLayerSummary]
{
    let list = try runTool("ogrinfo", [path])
    #expect(list.status == 0, "ogrinfo exited \(list.status): \(list.output)", sourceLocation: sourceLocation)
    let full = try runTool("ogrinfo", ["-al", "-so", path])
    #expect(full.status == 0, "ogrinfo -al -so exited \(full.status): \(full.output)", sourceLocation: sourceLocation)
    for output in [list.output, full.output] {
        let bad = output.split(separator: "\n").filter { $0.contains("Warning") || $0.contains("ERROR") }
        #expect(bad.isEmpty, "ogrinfo complained: \(bad.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
    var layers: [String: OgrLayerSummary] = [:]
    var current: String?
    for line in full.output.split(separator: "\n").map(String.init) {
        if line.hasPrefix("Layer name: ") {
            current = String(line.dropFirst("Layer name: ".count))
            layers[current!] = OgrLayerSummary(geometry: "", featureCount: -1, epsg: nil)
        } else if let name = current, line.hasPrefix("Geometry: ") {
            layers[name]?.geometry = String(line.dropFirst("Geometry: ".count))
        } else if let name = current, line.hasPrefix("Feature Count: ") {
            layers[name]?.featureCount = Int(line.dropFirst("Feature Count: ".count)) ?? -1
        } else if let name = current, line.hasPrefix("    ID[\"EPSG\","), layers[name]?.epsg == nil {
            layers[name]?.epsg = Int(line.dropFirst("    ID[\"EPSG\",".count).prefix { $0.isNumber })
        }
    }
    return layers
}

/// A sample of every geometry type, with holes, several parts and a nested collection.
let sampleGeometries: [Geometry] = [
    .point(Coordinate(x: 113.26, y: 23.13)),
    .multiPoint([Coordinate(x: 1, y: 2), Coordinate(x: -3.5, y: 4.25)]),
    .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 2, y: 0.5)]),
    .multiLineString([
        [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)], [Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 7)],
    ]),
    .polygon([
        [
            Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 0, y: 10),
            Coordinate(x: 0, y: 0),
        ],
        [Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 3), Coordinate(x: 3, y: 3), Coordinate(x: 2, y: 2)],
    ]),
    .multiPolygon([
        [[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 0)]],
        [[Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 5), Coordinate(x: 6, y: 6), Coordinate(x: 5, y: 5)]],
    ]),
    .geometryCollection([
        .point(Coordinate(x: -1, y: -2)),
        .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 3, y: 4)]),
        .geometryCollection([.point(Coordinate(x: 9, y: 9))]),
    ]),
]
