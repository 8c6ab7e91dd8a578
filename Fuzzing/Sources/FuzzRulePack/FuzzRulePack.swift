import FuzzSupport
import Rules

/// A rule pack (`Sources/Rules/Packs`, `--rules FOLDER`), read, put in a catalog beside the bundled plugins'
/// rules, and resolved through a profile that extends it, which checks every condition against the kinds.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = ScratchFile.write(fuzzBytes(data, size), as: "pack.yaml")
    expectingErrors {
        let pack = try RulePack(contentsOf: url)
        let catalog = try RuleCatalog(pluginRules: Repository.pluginRules, packs: [pack])
        let profile = try PlanProfile(
            yaml: YAMLNode.parse(
                "profile: fuzz\nversion: 1.0.0\ntitle: {zh: 模糊测试, en: Fuzzing}\nextends: [\(pack.name)]\nrules: []\n",
                file: "extends-the-pack.yaml"))
        _ = try catalog.resolve(profile, knownFields: Repository.knownFields)
    }
    return 0
}

@_cdecl("FuzzRulePack_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
