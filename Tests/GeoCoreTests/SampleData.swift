import Foundation

/// The real sample files under /work/shared/geodata, and a way to unpack the gzipped ones.
enum SampleData {
    static let root = URL(filePath: "/work/shared/geodata")
    static let huaduLechang = root.appending(path: "china/admin_huadu_lechang_wgs84.geojson")
    static let helsinkiGridGz = root.appending(path: "peers/helsinki/helsinki_population_grid_2020.geojson.gz")

    /// The bytes of a gzip file, unpacked by `/bin/gzip -dc` into a fresh temporary directory.
    static func gunzip(_ url: URL) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appending(path: "geocore-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appending(path: url.deletingPathExtension().lastPathComponent)
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let process = Process()
        process.executableURL = URL(filePath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return try Data(contentsOf: output)
    }
}
