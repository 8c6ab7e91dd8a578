import Foundation
import GeoCore
import TestSupport
import Testing

@Suite("Atomic outputs")
struct AtomicOutputTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder(prefix: "atomic-output") }

    func entries(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// The id of a process that has ended (a `true` run to its end).
    func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aFileIsReplacedWholeAndNoTemporaryNameRemains() throws {
        let target = folder.file("out.csv")
        try folder.write("old\n", to: "out.csv")
        try AtomicOutput.replaceFile(target) { temporary in
            #expect(temporary.lastPathComponent == ".out.csv.lifecircle-tmp-\(ProcessInfo.processInfo.processIdentifier)")
            #expect(temporary.deletingLastPathComponent().path == folder.url.path)
            // The old file stays readable until the rename.
            #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
            try Data("new\n".utf8).write(to: temporary)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
        #expect(try entries(folder.url) == ["out.csv"])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        struct Failure: Error {}
        try folder.write("old\n", to: "out.csv")
        #expect(throws: Failure.self) {
            try AtomicOutput.replaceFile(folder.file("out.csv")) { temporary in
                try Data("half".utf8).write(to: temporary)
                throw Failure()
            }
        }
        #expect(try String(contentsOf: folder.file("out.csv"), encoding: .utf8) == "old\n")
        #expect(try entries(folder.url) == ["out.csv"])
    }

    @Test func filesThatBelongTogetherAreAllWrittenBeforeAnyIsRenamed() throws {
        let first = folder.file("a.gpkg"), second = folder.file("a.walknet")
        try folder.write("old a", to: "a.gpkg")
        try folder.write("old b", to: "a.walknet")
        try AtomicOutput.replaceFiles([first, second]) { temporaries in
            try Data("new a".utf8).write(to: temporaries[0])
            try Data("new b".utf8).write(to: temporaries[1])
            #expect(try String(contentsOf: first, encoding: .utf8) == "old a")
        }
        #expect(try String(contentsOf: first, encoding: .utf8) == "new a")
        #expect(try String(contentsOf: second, encoding: .utf8) == "new b")
        #expect(try entries(folder.url) == ["a.gpkg", "a.walknet"])
    }

    @Test func aFolderIsSwappedInWhole() throws {
        let report = folder.file("report")
        try AtomicOutput.replaceFolder(report, writing: ["a.html", "a.json"]) { staging in
            try Data("1".utf8).write(to: staging.appendingPathComponent("a.html"))
            try Data("1".utf8).write(to: staging.appendingPathComponent("a.json"))
        }
        #expect(try entries(report) == ["a.html", "a.json"])
        // QGIS's -wal/-shm of a file the command writes do not stop it.
        try Data().write(to: report.appendingPathComponent("a.json-wal"))
        try AtomicOutput.replaceFolder(report, writing: ["a.html", "a.json"]) { staging in
            #expect(try String(contentsOf: report.appendingPathComponent("a.html"), encoding: .utf8) == "1")
            try Data("2".utf8).write(to: staging.appendingPathComponent("a.html"))
        }
        // The new folder only: a.json of the old one is gone with it.
        #expect(try entries(report) == ["a.html"])
        #expect(try String(contentsOf: report.appendingPathComponent("a.html"), encoding: .utf8) == "2")
        #expect(try entries(folder.url) == ["report"])
    }

    @Test func aFolderHoldingOtherFilesIsRefusedAndKept() throws {
        let report = folder.file("report")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        try folder.write("mine", to: "report/notes.txt")
        try folder.write("old", to: "report/a.html")
        var ran = false
        let error = try #require(throws: AtomicOutputError.self) {
            try AtomicOutput.replaceFolder(report, writing: ["a.html"]) { _ in ran = true }
        }
        #expect(error.kind == .foreignFiles)
        #expect(error.description.contains("notes.txt") && error.description.contains(report.path))
        #expect(!ran)
        #expect(try entries(report) == ["a.html", "notes.txt"])
        // A file where the folder should be.
        try folder.write("x", to: "plain")
        let file = try #require(throws: AtomicOutputError.self) {
            try AtomicOutput.replaceFolder(folder.file("plain"), writing: ["a.html"]) { _ in }
        }
        #expect(file.kind == .notAFolder)
    }

    @Test func theSweepRemovesTemporariesOfEndedProcessesOnly() throws {
        let ended = try endedProcessID()
        let stale = [
            ".out.gpkg.lifecircle-tmp-\(ended)", ".out.gpkg.lifecircle-tmp-\(ended)-journal",
            ".report.lifecircle-tmp-\(ended)-old", ".failures.gpkg.partial", ".x.gpkg.\(ended).partial",
        ]
        let kept = [
            ".out.gpkg.lifecircle-tmp-\(ProcessInfo.processInfo.processIdentifier)", ".out.gpkg.lifecircle-tmp-1", "out.gpkg", ".hidden",
            ".x.lifecircle-tmp-abc",
        ]
        for name in stale + kept { try folder.write("x", to: name) }
        try FileManager.default.createDirectory(
            at: folder.file(".report.lifecircle-tmp-\(ended)"), withIntermediateDirectories: false)
        let removed = AtomicOutput.sweep(folder.url).map(\.lastPathComponent).sorted()
        #expect(removed == (stale + [".report.lifecircle-tmp-\(ended)"]).sorted())
        #expect(try entries(folder.url) == kept.sorted())
    }
}
