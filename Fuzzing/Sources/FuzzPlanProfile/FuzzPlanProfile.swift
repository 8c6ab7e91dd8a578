import Foundation
import FuzzSupport
import Rules

/// A plan profile (`Sources/Rules/Packs`, `check --profile FILE`), read and resolved against GeoData's rule
/// packs and the bundled plugins' rules, as `check` does before it evaluates anything.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = ScratchFile.write(fuzzBytes(data, size), as: "profile.yaml")
    expectingErrors {
        let profile = try PlanProfile(contentsOf: url)
        _ = try catalog.resolve(profile, knownFields: Repository.knownFields)
    }
    return 0
}

private let catalog = Repository.required("the rule packs") {
    try RuleCatalog(pluginRules: Repository.pluginRules, packsIn: Repository.geoData.appendingPathComponent("rules"))
}

@_cdecl("FuzzPlanProfile_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
