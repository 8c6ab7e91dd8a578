// swift-tools-version:6.1
// LifeCircle: a plugin-based facility registry and walking-network planner for China's
// women's and children's development plans (2021–2030). See Docs/architecture.md.
import PackageDescription

/// Every target is built in Swift 6 language mode with the same strictness.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "LifeCircle",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lifecircle", targets: ["lifecircle"]),
        .library(name: "FacilityKit", targets: ["FacilityKit"]),
        // The modules whose parsers Fuzzing/ (a package of its own, built by scripts/fuzz.sh) feeds.
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "Projection", targets: ["Projection"]),
        .library(name: "Interchange", targets: ["Interchange"]),
        .library(name: "OSMIngest", targets: ["OSMIngest"]),
        .library(name: "WalkNetwork", targets: ["WalkNetwork"]),
        .library(name: "Rules", targets: ["Rules"]),
        .library(name: "FacilityRegistry", targets: ["FacilityRegistry"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "LifeCircleCLI", targets: ["LifeCircleCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System libraries: the C APIs and nothing else.
        .systemLibrary(
            name: "CProj", pkgConfig: "proj",
            providers: [.apt(["libproj-dev", "proj-data"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),

        // Value types shared by every module.
        .target(name: "GeoCore", swiftSettings: strict),
        // PROJ: CRS, transformations, geodesics, local metric CRS, GCJ-02/BD-09. Only module importing CProj.
        .target(name: "Projection", dependencies: ["GeoCore", "CProj"], swiftSettings: strict),
        // The GeoPackage container on GRDB: gpkg_* tables, geometry blobs, R-tree index.
        .target(
            name: "GeoPackage",
            dependencies: ["GeoCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        // GEOS: buffer, union, difference, area, prepared contains. Only module importing CGEOS.
        .target(name: "GeometryOps", dependencies: ["GeoCore", "CGEOS"], swiftSettings: strict),
        // zlib's inflate: PBF blobs, gzip streams (.osm.gz) and gzip files read whole (.geojson.gz, .csv.gz).
        // Only module importing CZlib.
        .target(name: "Inflate", dependencies: ["CZlib"], swiftSettings: strict),
        // Streaming OpenStreetMap readers (PBF with zlib blobs and dense nodes; XML, gzip allowed).
        .target(name: "OSMIngest", dependencies: ["GeoCore", "WalkNetwork", "Inflate"], swiftSettings: strict),
        // The walking graph (dense, CSR), its builder, profiles, snapping and bounded multi-source search.
        .target(
            name: "WalkNetwork",
            dependencies: [
                "GeoCore", "Projection",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        // Reading and writing feature files: CSV (UTF-8, GBK/GB18030), GeoJSON; gzipped files are recognised by their bytes.
        .target(name: "Interchange", dependencies: ["GeoCore", "Inflate"], swiftSettings: strict),
        // GDAL's OGR: the vector files offices exchange (Shapefile, XLSX/XLS, KML/KMZ, FileGDB, any OGR source), read
        // whole into text cells and geometries, and Shapefile/XLSX written. Only module importing CGDAL.
        .target(name: "OGRInterchange", dependencies: ["GeoCore", "CGDAL"], swiftSettings: strict),
        // The plugin contract. Plugins depend on this module alone.
        .target(name: "FacilityKit", dependencies: ["GeoCore"], swiftSettings: strict),
        // Plugin registration, manifest plugins, the facility store, import and export.
        .target(
            name: "FacilityRegistry",
            dependencies: [
                "GeoCore", "FacilityKit", "Rules", "GeoPackage", "Projection", "Interchange", "OGRInterchange",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),

        // Rules as data: conditions, rule packs, plan profiles, and their evaluation against evidence.
        .target(
            name: "Rules", dependencies: ["GeoCore", "FacilityKit", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Reports a person reads (HTML with SVG maps, Markdown) and a machine reads (JSON).
        .target(name: "Reports", dependencies: ["GeoCore", "FacilityKit", "Rules"], swiftSettings: strict),

        // Catchments, coverage, isochrones and gaps on the walking network.
        .target(
            name: "Coverage", dependencies: ["GeoCore", "WalkNetwork", "GeometryOps", "Projection"],
            swiftSettings: strict),
        // Location-allocation on a coverage or distance matrix: maximal covering, set covering, p-median.
        .target(
            name: "LocationAllocation", dependencies: [.product(name: "Collections", package: "swift-collections")],
            swiftSettings: strict),
        // Use cases that join the above: demand, network building and storage, coverage runs.
        .target(
            name: "Planner",
            dependencies: [
                "GeoCore", "Projection", "FacilityKit", "FacilityRegistry", "GeoPackage", "GeometryOps", "WalkNetwork",
                "OSMIngest", "Interchange", "Coverage", "Rules", "Reports", "LocationAllocation",
            ],
            swiftSettings: strict),

        // `lifecircle serve`: the registry as OGC API – Features over Hummingbird 2 (routes, handlers, OpenAPI).
        .target(
            name: "Server",
            dependencies: [
                "GeoCore", "FacilityKit", "FacilityRegistry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict),

        // Swift plugins: one target per facility kind, listed in BundledPlugins.swift.
        .target(
            name: "MaternityRoomPlugin", dependencies: ["FacilityKit"], path: "Plugins/MaternityRoom",
            swiftSettings: strict),
        .target(name: "PublicToiletPlugin", dependencies: ["FacilityKit"], path: "Plugins/PublicToilet", swiftSettings: strict),
        .target(name: "ParkPlugin", dependencies: ["FacilityKit"], path: "Plugins/Park", swiftSettings: strict),
        .target(name: "PlaygroundPlugin", dependencies: ["FacilityKit"], path: "Plugins/Playground", swiftSettings: strict),
        .target(name: "ChildcarePlugin", dependencies: ["FacilityKit"], path: "Plugins/Childcare", swiftSettings: strict),
        .target(name: "ChildrenHomePlugin", dependencies: ["FacilityKit"], path: "Plugins/ChildrenHome", swiftSettings: strict),
        .target(name: "LifeCircleServicePlugin", dependencies: ["FacilityKit"], path: "Plugins/LifeCircleService", swiftSettings: strict),
        .target(name: "PublicVenuePlugin", dependencies: ["FacilityKit"], path: "Plugins/PublicVenue", swiftSettings: strict),

        // The command tree. Only this module knows about exit codes.
        .target(
            name: "LifeCircleCLI",
            dependencies: [
                "GeoCore", "Projection", "FacilityKit", "FacilityRegistry", "Interchange", "OGRInterchange", "GeoPackage",
                "Planner", "Server",
                "Coverage", "WalkNetwork", "OSMIngest", "GeometryOps", "Inflate", "LocationAllocation",
                "Rules", "Reports",
                "MaternityRoomPlugin", "PublicToiletPlugin", "ParkPlugin", "PlaygroundPlugin", "ChildcarePlugin", "ChildrenHomePlugin", "LifeCircleServicePlugin", "PublicVenuePlugin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "lifecircle", dependencies: ["LifeCircleCLI"], swiftSettings: strict),
        // The benchmark executable: writes Docs/performance.md. Speed is measured here, never in tests.
        .executableTarget(
            name: "lifecircle-bench",
            dependencies: [
                "WalkNetwork", "OSMIngest", "Coverage", "GeometryOps", "GeoCore", "Projection", "Planner",
                "LocationAllocation",
            ],
            path: "Benchmarks/LifeCircleBench", swiftSettings: strict),

        // Helpers shared by the test targets: running tools, temporary folders, repository paths, ogrinfo checks.
        // Foundation and Testing only, none of our modules.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),

        // One test target per module, plus end-to-end CLI tests on GeoData.
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ProjectionTests", dependencies: ["Projection", "GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "GeoPackageTests",
            dependencies: ["GeoPackage", "GeoCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "GeometryOpsTests", dependencies: ["GeometryOps", "GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "InflateTests", dependencies: ["Inflate", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "OSMIngestTests", dependencies: ["OSMIngest", "WalkNetwork", "GeoCore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "WalkNetworkTests", dependencies: ["WalkNetwork", "GeoCore", "Projection", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "CoverageTests",
            dependencies: ["Coverage", "WalkNetwork", "OSMIngest", "GeoCore", "TestSupport"],
            exclude: ["networkx_reference.py", "floating_catchment_reference.py"], swiftSettings: strict),
        .testTarget(
            name: "InterchangeTests", dependencies: ["Interchange", "GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "OGRInterchangeTests", dependencies: ["OGRInterchange", "GeoCore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FacilityKitTests", dependencies: ["FacilityKit", "GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FacilityRegistryTests",
            dependencies: [
                "FacilityRegistry", "FacilityKit", "GeoCore", "GeoPackage", "MaternityRoomPlugin", "Projection",
                "TestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RulesTests", dependencies: ["Rules", "FacilityKit", "GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "Rules", "FacilityKit", "GeoCore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "LocationAllocationTests",
            dependencies: [
                "LocationAllocation", "TestSupport",
                // The real-network instance is built from GeoData as `network build` and `site-suggest` build it.
                "Planner", "OSMIngest", "WalkNetwork", "FacilityRegistry", "GeoCore", "Projection",
            ],
            exclude: ["maximal_covering_optimum.py", "Instances"], swiftSettings: strict),
        // The conformance suite every bundled and example plugin passes.
        .testTarget(
            name: "PluginConformanceTests",
            dependencies: [
                "FacilityKit", "FacilityRegistry", "Rules", "GeoCore", "TestSupport", "MaternityRoomPlugin", "PublicToiletPlugin", "ParkPlugin", "PlaygroundPlugin", "ChildcarePlugin", "ChildrenHomePlugin", "LifeCircleServicePlugin", "PublicVenuePlugin",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "PlannerTests",
            dependencies: ["Planner", "Rules", "FacilityKit", "FacilityRegistry", "GeoCore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "FacilityRegistry", "FacilityKit", "GeoCore", "MaternityRoomPlugin", "PublicToiletPlugin",
                "TestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "LifeCircleCLITests", dependencies: ["LifeCircleCLI", "GeoCore", "FacilityRegistry", "GeoPackage", "TestSupport"],
            exclude: ["Fixtures"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
