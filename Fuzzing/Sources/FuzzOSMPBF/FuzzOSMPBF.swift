import FuzzSupport
import OSMIngest

/// OSM PBF (`Sources/OSMIngest/PBF`): blob headers, zlib blobs, primitive blocks, dense nodes.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    OSMHarness.read(ScratchFile.write(fuzzBytes(data, size), as: "input.osm.pbf"), formats: [.pbf])
    return 0
}

@_cdecl("FuzzOSMPBF_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
