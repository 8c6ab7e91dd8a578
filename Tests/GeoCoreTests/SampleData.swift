import Foundation
import TestSupport

/// The real sample files under GeoData, and a way to unpack the gzipped ones.
enum SampleData {
    static let root = Repository.geoData
    static let huaduLechang = root.appending(path: "china/admin_huadu_lechang_wgs84.geojson")
    static let helsinkiGridGz = root.appending(path: "population/helsinki_grid_2020.geojson.gz")

    /// The bytes of a gzip file, unpacked by `/bin/gzip -dc`.
    static func gunzip(_ url: URL) throws -> Data {
        try ToolRunner.run("/bin/gzip", ["-dc", url.path]).checked().stdoutData
    }
}
