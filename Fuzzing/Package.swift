// swift-tools-version:6.1
// libFuzzer targets for LifeCircle's parsers: one executable per parser, each feeding the bytes libFuzzer
// makes to the real reader. Built and run by scripts/fuzz.sh only (the sanitizer is a build flag, so
// these executables do not link in the root package's normal build); see Docs/reliability.md, "Fuzzing".
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// One fuzz target: `Sources/<name>/main.swift` defines `LLVMFuzzerTestOneInput` and `<name>_main`.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "LifeCircle") },
        swiftSettings: strict)
}

let package = Package(
    name: "LifeCircleFuzzing",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "LifeCircle", path: "..")],
    targets: [
        .systemLibrary(name: "CFuzzerDriver"),
        // Starting libFuzzer, temporary input files, GeoData's location, the bundled plugins.
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CFuzzerDriver",
            ] + ["FacilityKit", "FacilityRegistry", "Interchange", "Projection", "OSMIngest", "WalkNetwork", "LifeCircleCLI"]
                .map { .product(name: $0, package: "LifeCircle") },
            swiftSettings: strict),
        fuzzTarget("FuzzOSMPBF", ["OSMIngest", "WalkNetwork"]),
        fuzzTarget("FuzzOSMXML", ["OSMIngest", "WalkNetwork"]),
        fuzzTarget("FuzzCSV", ["FacilityRegistry", "Interchange", "Projection", "FacilityKit"]),
        fuzzTarget("FuzzGeoJSON", ["FacilityRegistry", "Interchange", "FacilityKit"]),
        fuzzTarget("FuzzManifest", ["FacilityRegistry", "FacilityKit"]),
        fuzzTarget("FuzzRulePack", ["Rules", "FacilityKit"]),
        fuzzTarget("FuzzPlanProfile", ["Rules", "FacilityKit"]),
        fuzzTarget("FuzzScenario", ["Planner", "Rules", "FacilityKit"]),
        fuzzTarget("FuzzWalkingProfile", ["WalkNetwork"]),
        fuzzTarget("FuzzWalkNetCache", ["WalkNetwork", "GeoCore", "OSMIngest"]),
        fuzzTarget("FuzzCondition", ["Rules", "FacilityKit"]),
    ],
    swiftLanguageModes: [.v6]
)
