import FuzzSupport
import OSMIngest

/// OSM XML, plain or gzip-compressed (`Sources/OSMIngest/XML`).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    OSMHarness.read(ScratchFile.write(fuzzBytes(data, size), as: "input.osm"), formats: [.xml, .gzippedXML])
    return 0
}

@_cdecl("FuzzOSMXML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
