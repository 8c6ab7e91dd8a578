import Foundation
import TestSupport
import Testing

/// No output path may be the registry, a file beside it, or an input of the same command, however it is spelt;
/// devices and FIFOs are written through, never replaced (issue #10, item 3). Before the guard, each of these
/// replaced the file named, exit 0.
@Suite("Outputs never overwrite what the user did not name as output")
struct OutputGuardTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try #require(try cli.run(["init"]).status == 0)
        try cli.write("rooms.csv", "id,name,lon,lat\nR1,一号,113.22,23.40\nR2,二号,113.23,23.41\nR3,坏,abc,23.42\n")
        try #require(try cli.run(["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326", "--skip-invalid"])
            .status == 0)
    }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.path(name))) }

    /// Runs `arguments`, expects exit 64 with every fragment in the message, and `name` byte for byte as before.
    func expectRefused(
        _ arguments: [String], keeps name: String = "registry.gpkg", naming fragments: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try bytes(name)
        let result = try cli.run(arguments)
        #expect(result.status == 64, "\(arguments.joined(separator: " ")): \(result.stderr)",
                sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "expected «\(fragment)» in: \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
        #expect(try bytes(name) == before, "\(name) changed", sourceLocation: sourceLocation)
    }

    @Test("every command's -o naming the registry is refused, in Chinese by default and English with --lang en")
    func theRegistryIsNeverAnOutput() throws {
        let commands: [[String]] = [
            ["export", "maternity_room", "--format", "gpkg", "-o", "registry.gpkg"],
            ["export", "maternity_room", "--format", "csv", "-o", "registry.gpkg"],
            ["coverage", "-o", "registry.gpkg"],
            ["isochrones", "-o", "registry.gpkg"],
            ["gaps", "-o", "registry.gpkg"],
            ["site-suggest", "maternity_room", "-p", "1", "--within", "300", "-o", "registry.gpkg"],
            ["access", "maternity_room", "--capacity-field", "nursing_seat", "-o", "registry.gpkg"],
            ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326", "--skip-invalid", "--rejects",
             "registry.gpkg"],
        ]
        for command in commands {
            try expectRefused(command, naming: ["registry.gpkg", "登记库"])
            try expectRefused(command + ["--lang", "en"], naming: ["registry.gpkg", "this is the registry"])
        }
        // Spelt another way: a path through ./, a symlink, a hard link.
        try FileManager.default.createSymbolicLink(atPath: cli.path("soft.gpkg"), withDestinationPath: "registry.gpkg")
        try FileManager.default.linkItem(atPath: cli.path("registry.gpkg"), toPath: cli.path("hard.gpkg"))
        for spelling in ["./registry.gpkg", cli.path("registry.gpkg"), "soft.gpkg", "hard.gpkg"] {
            try expectRefused(["export", "maternity_room", "--format", "csv", "-o", spelling, "--lang", "en"],
                              naming: [spelling, "this is the registry"])
        }
    }

    @Test("the files beside the registry are never an output, but each command writes its own")
    func theRegistrysSideFilesAreNeverAnOutput() throws {
        for (name, role) in [
            ("registry.gpkg-wal", "write-ahead log"), ("registry.gpkg-shm", "shared-memory"),
            ("registry.walknet", "walking network cache"), ("registry.network.gpkg", "network layers"),
            ("registry.demand.gpkg", "demand"), ("registry.admin.gpkg", "admin units"),
            ("registry.access.gpkg", "access"), ("registry.sites.gpkg", "site-suggest"),
        ] {
            try cli.write(name, "theirs")
            try expectRefused(["export", "maternity_room", "--format", "csv", "-o", name, "--lang", "en"],
                              keeps: name, naming: [name, role])
        }
        // coverage's own default output is not refused by coverage (it fails later, for want of a network).
        let coverage = try cli.run(["coverage", "-o", "registry.coverage.gpkg"])
        #expect(coverage.status != 64, "\(coverage.stderr)")
        #expect(coverage.stderr.contains("registry.walknet"), "\(coverage.stderr)")
    }

    @Test("an output naming an input, or another output, of the same command is refused")
    func anInputOrAnotherOutputIsNeverAnOutput() throws {
        try expectRefused(
            ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326", "--skip-invalid", "--rejects",
             "./rooms.csv"], keeps: "rooms.csv", naming: ["--rejects ./rooms.csv", "输入文件"])
        try cli.write("area.geojson", #"{"type":"FeatureCollection","features":[]}"#)
        try expectRefused(["gaps", "--area", "area.geojson", "-o", "area.geojson", "--lang", "en"],
                          keeps: "area.geojson", naming: ["an input of this command"])
        try cli.write("plan.yaml", "id: x\n")
        try expectRefused(["check", "--profile", "plan.yaml", "-o", ".", "--lang", "en"], keeps: "plan.yaml",
                          naming: ["the folder holds other files", "plan.yaml", "registry.gpkg"])
        let same = try cli.run(["coverage", "--distances-csv", "out.gpkg", "-o", "out.gpkg", "--lang", "en"])
        #expect(same.status == 64 && same.stderr.contains("the same file as --distances-csv"), "\(same.stderr)")
    }

    @Test("a report or demo folder holding the user's other files is refused and left as it was")
    func aFolderWithOtherFilesIsNeverReplaced() throws {
        try FileManager.default.createDirectory(atPath: cli.path("mine"), withIntermediateDirectories: true)
        try cli.write("mine/notes.txt", "keep me")
        try expectRefused(["demo", "-o", "mine", "--lang", "en"], keeps: "mine/notes.txt",
                          naming: ["mine", "notes.txt", "never replaced"])
        try expectRefused(["check", "--profile", "national", "-o", "mine"], keeps: "mine/notes.txt",
                          naming: ["notes.txt", "其他文件"])
        try expectRefused(["export", "maternity_room", "--format", "csv", "-o", "mine", "--lang", "en"],
                          keeps: "mine/notes.txt", naming: ["this is a folder"])
    }

    @Test("devices and FIFOs are written through: /dev/full says no space (73), /dev/stdout and a FIFO get the data")
    func devicesAndFIFOsAreWrittenThrough() throws {
        let full = try cli.run(["export", "maternity_room", "--format", "csv", "-o", "/dev/full", "--lang", "en"])
        #expect(full.status == 73, "\(full.stderr)")
        #expect(full.stderr.contains("/dev/full") && full.stderr.contains("no space left"), "\(full.stderr)")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/full is still a device")

        let stdout = try cli.run(["export", "maternity_room", "--format", "geojson", "-o", "/dev/stdout"])
        #expect(stdout.status == 0, "\(stdout.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(stdout.stdout.utf8).prefix { $0 != UInt8(ascii: "\n") })
        #expect(((document as? [String: Any])?["features"] as? [Any])?.count == 2)

        // A FIFO with a reader: the reader gets the CSV, and the FIFO is still a FIFO afterwards.
        let fifo = cli.path("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat '\(fifo)' > '\(cli.path("received.csv"))'"]
        try reader.run()
        let piped = try cli.run(["export", "maternity_room", "--format", "csv", "-o", "pipe.csv"])
        reader.waitUntilExit()
        #expect(piped.status == 0, "\(piped.stderr)")
        let received = String(decoding: try bytes("received.csv"), as: UTF8.self)
        #expect(received.contains("R1") && received.contains("R2"), "\(received)")
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
    }

    @Test("a symlink is written through to its target, and stays a symlink")
    func aSymlinkIsWrittenThroughToItsTarget() throws {
        try FileManager.default.createDirectory(atPath: cli.path("exports"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: cli.path("latest.csv"), withDestinationPath: "exports/rooms.csv")
        let result = try cli.run(["export", "maternity_room", "--format", "csv", "-o", "latest.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cli.path("latest.csv")) == "exports/rooms.csv")
        #expect(String(decoding: try bytes("exports/rooms.csv"), as: UTF8.self).contains("R2"))
    }
}
