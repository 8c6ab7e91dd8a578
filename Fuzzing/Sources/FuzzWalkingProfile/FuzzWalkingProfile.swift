import FuzzSupport
import WalkNetwork

/// A walking profile (`Sources/WalkNetwork/Profiles`, GeoData/profiles), read and asked about a few ways.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = ScratchFile.write(fuzzBytes(data, size), as: "profile.yaml")
    expectingErrors {
        let profile = try WalkingProfile(contentsOf: url)
        for tags in ways { _ = profile.evaluate(tags) }
    }
    return 0
}

private let ways: [[String: String]] = [
    ["highway": "footway"], ["highway": "primary", "sidewalk": "both"], ["highway": "steps", "ramp": "yes"],
    ["highway": "residential", "foot": "no"], ["highway": "service", "access": "private"],
    ["highway": "path", "area": "yes"], ["building": "yes"], [:],
]

@_cdecl("FuzzWalkingProfile_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
