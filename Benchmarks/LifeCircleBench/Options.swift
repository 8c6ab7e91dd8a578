import Foundation

/// The command line of `lifecircle-bench`.
struct Options {
    enum Mode {
        /// Measure every case (in worker processes), export the same-input job, write the report.
        case measure
        /// Only write the report again, from `lifecircle.json` and compare.py's `reference.json`.
        case render
        /// Internal: one case's build measurements, as JSON on stdout.
        case buildWorker(case: String)
        /// Internal: one case's analysis measurements, as JSON on stdout.
        case analysisWorker(case: String)
        /// One step alone, repeated, for a profiler; timings on stderr.
        case profileWorker(case: String)
        /// Internal: site selection on one case (SitingWorker), as JSON on stdout.
        case sitingWorker(case: String)
        /// District-wide isochrones at scale (IsochroneBench), with their inputs exported for compare.py.
        case isochrones
    }

    var mode = Mode.measure
    var quick = false
    var runs: Int?
    var output: URL?
    var export: URL?
    var only: [String]?
    var geoData: URL?
    var cache: URL?
    var caseExport: URL?
    var runID = ""
    var step = ProfileWorker.Step.nearest

    static let usage = """
        usage: swift run -c release lifecircle-bench [--quick] [--runs N] [--output FILE] [--export DIR]
                                                     [--only NAME,…] [--geodata DIR]
               swift run -c release lifecircle-bench --render [--export DIR] [--output FILE]

        Measures building, caching, snapping and the nearest-facility pass on the GeoData networks and on
        SYNTHETIC grid cities of about 10k, 100k and 1M nodes, and writes Docs/performance.md. Then
        `python3 Benchmarks/compare.py` runs pandana, NetworkX, OSMnx and pyrosm on the same inputs and
        folds their numbers into the report (it calls `lifecircle-bench --render`).

          --quick        one run of everything (default: the median of 5 runs)
          --runs N       N runs of everything
          --output FILE  the report (default: Docs/performance.md in the package)
          --export DIR   where the same-input job for compare.py, the caches and lifecircle.json go
                         (default: .build/lifecircle-bench in the package)
          --only NAMES   only these cases (comma-separated): \(BenchCase.all.map(\.name).joined(separator: ", "))
          --geodata DIR  the GeoData folder (default: GeoData in the package)
          --render       write the report again from the saved results, measuring nothing
          --isochrones   only the isochrones at scale (default cases: helsinki, grid-100k, grid-1m), their
                         reachable streets exported for `python3 Benchmarks/compare.py --isochrones`

        For profilers (after a run has saved the caches):
               lifecircle-bench --worker profile --case NAME --cache FILE [--step nearest|snap] [--runs N]
        repeats one step on the cached graph and prints each run's wall and CPU time, writing no report.
        Progress goes to stderr.
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var i = 0
        func value(_ name: String) throws -> String {
            i += 1
            guard i < arguments.count else { throw BenchError("\(name) needs a value\n\n\(usage)") }
            return arguments[i]
        }
        while i < arguments.count {
            let argument = arguments[i]
            switch argument {
            case "--quick": options.quick = true
            case "--runs":
                let text = try value(argument)
                guard let n = Int(text), n >= 1 else { throw BenchError("--runs needs a positive number, not \(text)") }
                options.runs = n
            case "--output": options.output = URL(fileURLWithPath: try value(argument))
            case "--export": options.export = URL(fileURLWithPath: try value(argument))
            case "--only":
                let names = try value(argument).split(separator: ",").map(String.init)
                let unknown = names.filter { name in !BenchCase.all.contains { $0.name == name } }
                guard unknown.isEmpty else {
                    throw BenchError(
                        "unknown case \(unknown.joined(separator: ", ")); the cases are "
                            + BenchCase.all.map(\.name).joined(separator: ", "))
                }
                options.only = names
            case "--geodata": options.geoData = URL(fileURLWithPath: try value(argument))
            case "--render": options.mode = .render
            case "--isochrones": options.mode = .isochrones
            case "--worker":
                let kind = try value(argument)
                i += 1
                guard i + 1 < arguments.count, arguments[i] == "--case" else {
                    throw BenchError("--worker KIND must be followed by --case NAME")
                }
                i += 1
                switch kind {
                case "build": options.mode = .buildWorker(case: arguments[i])
                case "analysis": options.mode = .analysisWorker(case: arguments[i])
                case "profile": options.mode = .profileWorker(case: arguments[i])
                case "siting": options.mode = .sitingWorker(case: arguments[i])
                default: throw BenchError("unknown worker \(kind)")
                }
            case "--cache": options.cache = URL(fileURLWithPath: try value(argument))
            case "--case-export": options.caseExport = URL(fileURLWithPath: try value(argument))
            case "--run-id": options.runID = try value(argument)
            case "--step":
                let text = try value(argument)
                guard let step = ProfileWorker.Step(rawValue: text) else {
                    throw BenchError(
                        "unknown step \(text); the steps are \(ProfileWorker.Step.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                options.step = step
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                throw BenchError("unknown argument \(argument)\n\n\(usage)")
            }
            i += 1
        }
        return options
    }

    var runCount: Int { runs ?? (quick ? 1 : 5) }

    var cases: [BenchCase] {
        guard let only else { return BenchCase.all }
        return BenchCase.all.filter { only.contains($0.name) }
    }
}

/// The package folder: the nearest folder at or above the current one with Package.swift and GeoData.
func packageRoot() -> URL {
    var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    while folder.path != "/" {
        let manifest = folder.appendingPathComponent("Package.swift").path
        let geoData = folder.appendingPathComponent("GeoData").path
        if FileManager.default.fileExists(atPath: manifest), FileManager.default.fileExists(atPath: geoData) {
            return folder
        }
        folder.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}
