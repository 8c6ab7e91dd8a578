import FuzzSupport
import Planner

/// A scenario file (`Sources/Planner/Scenario`, `scenario FILE`): changes and candidate sites, read against
/// the bundled kinds (attributes parsed by their schemas, positions in their CRS).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = ScratchFile.write(fuzzBytes(data, size), as: "scenario.yaml")
    expectingErrors { _ = try Scenario(contentsOf: url, plugins: Repository.bundledPlugins) }
    return 0
}

@_cdecl("FuzzScenario_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
