import FuzzSupport
import Interchange

/// GeoJSON through `import`'s reader (`InputTable.read` → `GeoJSONFile`, `GeoCore`'s RFC 7946 coding): a
/// FeatureCollection, Feature or geometry, gzip allowed, its `crs`, then every feature as a public toilet.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ImportHarness.read(
        ScratchFile.write(fuzzBytes(data, size), as: "input.geojson"), encoding: .auto, crs: nil, plugin: toilets)
    return 0
}

private let toilets = Repository.bundledPlugin("public_toilet")

@_cdecl("FuzzGeoJSON_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
