import FacilityKit
import FuzzSupport
import Interchange
import Projection

/// CSV through `import`'s reader (`InputTable.read`, `Sources/Interchange`): encodings, delimiters, quoting,
/// gzip, then every row parsed against a kind's schema.
///
/// The first byte chooses the run's options, as `--encoding`, `--crs` and the kind would: its value mod 5
/// is the encoding (auto, utf8, gbk, utf16le, utf16be), /5 mod 4 the CRS (EPSG:4326, gcj02, bd09,
/// EPSG:4547), /20 the bundled kind (in id order, wrapping). The rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let options = bytes.first else { return 0 }
    let choice = Int(options)
    let encoding = TextEncoding.allCases[choice % TextEncoding.allCases.count]
    let systems: [CRS] = [.wgs84, .gcj02, .bd09, epsg4547]
    let plugins = Repository.bundledPlugins.sorted { $0.id < $1.id }
    ImportHarness.read(
        ScratchFile.write(bytes.dropFirst(), as: "input.csv"), encoding: encoding, crs: systems[(choice / 5) % 4],
        plugin: plugins[(choice / 20) % plugins.count])
    return 0
}

/// CGCS2000 / 3-degree Gauss-Kruger CM 114E, the projected system of Guangdong's survey tables.
private let epsg4547 = Repository.required("EPSG:4547") { try CRS(parsing: "EPSG:4547") }

@_cdecl("FuzzCSV_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
