import FacilityRegistry
import FuzzSupport

/// A YAML manifest plugin (`Sources/FacilityRegistry/Plugins`), read and registered as `--plugins` does:
/// schema, OSM mapping, catchment, and rules whose conditions are parsed and checked against the schema.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = ScratchFile.write(fuzzBytes(data, size), as: "plugin.yaml")
    expectingErrors {
        let manifest = try ManifestPlugin(contentsOf: url)
        var registry = PluginRegistry()
        try registry.register(manifest, origin: .manifest(path: manifest.path))
    }
    return 0
}

@_cdecl("FuzzManifest_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
