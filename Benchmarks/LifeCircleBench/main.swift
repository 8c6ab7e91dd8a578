// lifecircle-bench: speed and memory of the walking network, measured here and never in tests.
// See Options.usage, and Docs/performance.md for what it writes.
import Foundation

do {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    let root = packageRoot()
    let exportFolder = options.export ?? root.appendingPathComponent(".build/lifecircle-bench")
    let output = options.output ?? root.appendingPathComponent("Docs/performance.md")
    let geoData = options.geoData ?? root.appendingPathComponent("GeoData")

    switch options.mode {
    case .buildWorker(let name):
        guard let benchCase = BenchCase.all.first(where: { $0.name == name }), let cache = options.cache else {
            throw BenchError("build worker: unknown case \(name) or no --cache")
        }
        let result = try BuildWorker(benchCase: benchCase, runs: options.runCount, geoData: geoData, cacheURL: cache)
            .run()
        FileHandle.standardOutput.write(try JSONEncoder.pretty.encode(result))
    case .analysisWorker(let name):
        guard let benchCase = BenchCase.all.first(where: { $0.name == name }), let cache = options.cache else {
            throw BenchError("analysis worker: unknown case \(name) or no --cache")
        }
        let result = try AnalysisWorker(
            benchCase: benchCase, runs: options.runCount, cacheURL: cache, exportFolder: options.caseExport,
            runID: options.runID
        ).run()
        FileHandle.standardOutput.write(try JSONEncoder.pretty.encode(result))
    case .profileWorker(let name):
        guard let benchCase = BenchCase.all.first(where: { $0.name == name }), let cache = options.cache else {
            throw BenchError("profile worker: unknown case \(name) or no --cache")
        }
        try ProfileWorker(benchCase: benchCase, runs: options.runCount, cacheURL: cache, step: options.step).run()
    case .sitingWorker(let name):
        guard let benchCase = BenchCase.all.first(where: { $0.name == name }), let cache = options.cache else {
            throw BenchError("siting worker: unknown case \(name) or no --cache")
        }
        let result = try SitingWorker(benchCase: benchCase, runs: options.runCount, cacheURL: cache).run()
        FileHandle.standardOutput.write(try JSONEncoder.pretty.encode(result))
    case .render:
        let run = try JSONDecoder().decode(
            BenchRun.self, from: Data(contentsOf: exportFolder.appendingPathComponent("lifecircle.json")))
        let target = options.output ?? URL(fileURLWithPath: run.output)
        try writeReport(run: run, exportFolder: exportFolder, to: target)
    case .isochrones:
        let cases = options.only == nil ? BenchCase.all.filter { IsochroneBench.defaultCases.contains($0.name) } : options.cases
        try IsochroneBench(cases: cases, runs: options.runCount, exportFolder: exportFolder, geoData: geoData).run()
    case .measure:
        let run = try Orchestrator(options: options, exportFolder: exportFolder, output: output, geoData: geoData)
            .run()
        try writeReport(run: run, exportFolder: exportFolder, to: output)
    }
} catch {
    note("lifecircle-bench: \(error)")
    exit(1)
}

/// Renders the report, with compare.py's numbers when they were measured on this run's inputs.
func writeReport(run: BenchRun, exportFolder: URL, to output: URL) throws {
    let referenceURL = exportFolder.appendingPathComponent("reference.json")
    var reference: ReferenceRun?
    if let data = try? Data(contentsOf: referenceURL) {
        let decoded = try JSONDecoder().decode(ReferenceRun.self, from: data)
        if decoded.runID == run.runID {
            reference = decoded
        } else {
            note(
                "lifecircle-bench: \(referenceURL.path) is from another run (\(decoded.runID ?? "?")); "
                    + "run python3 Benchmarks/compare.py to measure the tools on this run's inputs")
        }
    }
    let text = Report(run: run, reference: reference).markdown()
    try FileManager.default.createDirectory(
        at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: output, options: .atomic)
    note("lifecircle-bench: wrote \(output.path)" + (reference == nil ? " (without the reference tools)" : ""))
}

/// Runs every case in two worker processes of this executable (build, then analysis), so that each
/// process's peak memory (ru_maxrss) belongs to one case and one phase.
struct Orchestrator {
    let options: Options
    let exportFolder: URL
    let output: URL
    let geoData: URL

    func run() throws -> BenchRun {
        let started = DispatchTime.now().uptimeNanoseconds
        let runID = UUID().uuidString.lowercased()
        let executable = try selfExecutable()
        let cacheFolder = exportFolder.appendingPathComponent("cache")
        let casesFolder = exportFolder.appendingPathComponent("cases")
        try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: casesFolder, withIntermediateDirectories: true)
        let loadStart = loadAverage()
        let runs = options.runCount
        note("lifecircle-bench: \(options.cases.count) networks, \(runs) run\(runs == 1 ? "" : "s") each, run \(runID)")

        var results: [CaseResult] = []
        for benchCase in options.cases {
            let cache = cacheFolder.appendingPathComponent("\(benchCase.name).lcwn")
            let caseExport = casesFolder.appendingPathComponent(benchCase.name)
            try? FileManager.default.removeItem(at: caseExport)
            let common = ["--case", benchCase.name, "--runs", "\(runs)", "--cache", cache.path]
            note("[\(benchCase.name)] \(benchCase.label): building")
            let build = try JSONDecoder().decode(
                BuildMeasurement.self,
                from: try runWorker(
                    executable, ["--worker", "build"] + common + ["--geodata", geoData.path]))
            note("[\(benchCase.name)] \(build.nodes) nodes, \(build.edges) edges: analyses")
            let analysis = try JSONDecoder().decode(
                AnalysisMeasurement.self,
                from: try runWorker(
                    executable,
                    ["--worker", "analysis"] + common + ["--case-export", caseExport.path, "--run-id", runID]))
            var siting: SitingMeasurement?
            if SitingWorker.applies(to: benchCase) {
                note("[\(benchCase.name)] site selection")
                siting = try JSONDecoder().decode(
                    SitingMeasurement.self, from: try runWorker(executable, ["--worker", "siting"] + common))
            }
            var sourcePath: String?
            if case .osm(let file) = benchCase.source {
                sourcePath = geoData.appendingPathComponent("osm").appendingPathComponent(file).standardizedFileURL.path
            }
            results.append(
                CaseResult(
                    benchCase: benchCase, sourcePath: sourcePath, exportFolder: caseExport.path, build: build,
                    analysis: analysis, siting: siting))
        }

        let total = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let run = BenchRun(
            runID: runID, quick: options.quick, runs: runs,
            machine: machineInfo(loadStart: loadStart, loadEnd: loadAverage()), totalSeconds: total,
            gridDescription: GridParameters.description, workloadDescription: Workload.description,
            output: output.path, executable: executable.path, cases: results)
        try JSONEncoder.pretty.encode(run).write(to: exportFolder.appendingPathComponent("lifecircle.json"))
        note("lifecircle-bench: measured in \(format(total)); results in \(exportFolder.path)/lifecircle.json")
        return run
    }

    /// Runs this executable with `arguments`; its stderr passes through, its stdout is returned.
    private func runWorker(_ executable: URL, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw BenchError("worker \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus))")
        }
        return data
    }
}

func selfExecutable() throws -> URL {
    let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    return URL(fileURLWithPath: path)
}

// MARK: The machine

func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

func machineInfo(loadStart: String, loadEnd: String) -> MachineInfo {
    var cpu = "unknown"
    if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
        let colon = line.firstIndex(of: ":")
    {
        cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let cores = Int(commandOutput("/usr/bin/env", ["nproc"]) ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
    let swift = commandOutput("/usr/bin/env", ["swift", "--version"])?.split(separator: "\n").first.map(String.init)
    let commit = commandOutput("/usr/bin/env", ["git", "-C", packageRoot().path, "rev-parse", "--short", "HEAD"])
    let date = ISO8601DateFormatter().string(from: Date())
    return MachineInfo(
        cores: cores, cpuModel: cpu, memoryBytes: ProcessInfo.processInfo.physicalMemory,
        swiftVersion: swift ?? "unknown", kernel: ProcessInfo.processInfo.operatingSystemVersionString,
        commit: commit ?? "unknown", date: date, loadAverageStart: loadStart, loadAverageEnd: loadEnd)
}

/// A command's stdout, trimmed; nil when it cannot run or fails.
func commandOutput(_ executable: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
