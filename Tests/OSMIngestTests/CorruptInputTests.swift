import TestSupport
import Foundation
import OSMIngest
import Testing

/// Truncated and corrupted copies of the real files: every one must give an `OSMError` (or, where the
/// damage is undetectable, a normal read), never a crash or a hang.
@Suite("Truncated and corrupted input")
struct CorruptInputTests {
    /// The byte offsets where the blocks of a PBF file start, and its end.
    static func blockBoundaries(_ bytes: [UInt8]) -> Set<Int> {
        var boundaries: Set<Int> = [0]
        var offset = 0
        while offset + 4 <= bytes.count {
            let headerSize = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            var i = offset + 4
            var dataSize = 0
            while i < offset + 4 + headerSize {
                let key = bytes[i]
                i += 1
                if key == 0x0A {
                    i += Int(bytes[i]) + 1
                } else if key == 0x18 {
                    var shift = 0
                    while true {
                        dataSize |= Int(bytes[i] & 0x7F) << shift
                        shift += 7
                        i += 1
                        if bytes[i - 1] < 0x80 { break }
                    }
                } else {
                    break
                }
            }
            offset += 4 + headerSize + dataSize
            boundaries.insert(offset)
        }
        return boundaries
    }

    static func zlibAndorra(_ scratch: ScratchFolder) throws -> String {
        let path = scratch.path("andorra-zlib.osm.pbf")
        try Osmium.run(["cat", SampleFiles.andorra, "-o", path])
        return path
    }

    /// A corner of Monaco (1 151 nodes, 171 ways), as .osm and .osm.gz: small enough to read many times.
    static func smallMonaco(_ scratch: ScratchFolder) throws -> (xml: String, gz: String) {
        let xml = scratch.path("small.osm")
        try Osmium.run(["extract", "-b", "7.418,43.73,7.422,43.734", SampleFiles.monaco, "-o", xml])
        try Osmium.tool("gzip", ["-k", xml])
        return (xml, xml + ".gz")
    }

    static func read(_ bytes: [UInt8], in scratch: ScratchFolder, as name: String) -> Result<Int, any Error> {
        Result {
            let path = try scratch.write(bytes, to: name)
            var counter = ElementCounter()
            try OSMFile(path: path).read(into: &counter)
            return counter.nodes + counter.ways + counter.relations
        }
    }

    @Test("PBF cut anywhere: truncated, unless cut exactly between blocks")
    func truncatedPBF() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for source in [SampleFiles.saoPaulo, SampleFiles.helsinki, try Self.zlibAndorra(scratch)] {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: source)))
            let boundaries = Self.blockBoundaries(bytes)
            #expect(boundaries.contains(bytes.count), "the framing walk should end at the file's end")
            var generator = SeededGenerator(seed: 7)
            var cuts = (0..<60).map { _ in Int.random(in: 1..<bytes.count, using: &generator) }
            cuts += [1, 3, 4, 10, 13, 14, 20] + boundaries.filter { $0 > 0 && $0 < bytes.count }.flatMap { [$0 - 1, $0, $0 + 1, $0 + 5] }
            for cut in cuts {
                switch Self.read(Array(bytes.prefix(cut)), in: scratch, as: "cut.osm.pbf") {
                case .success:
                    #expect(boundaries.contains(cut), "\(source) cut at \(cut) read without error")
                case .failure(let error as OSMError):
                    if cut < 15 {
                        // Too short to be recognised as PBF, or cut in the first block.
                        #expect([.notOSM, .truncated].contains(error.kind), "cut at \(cut): \(error)")
                    } else {
                        #expect(error.kind == .truncated, "cut at \(cut): \(error)")
                        #expect(error.location != nil)
                    }
                case .failure(let error):
                    Issue.record("cut at \(cut): not an OSMError: \(error)")
                }
            }
        }
    }

    @Test("XML and gzip cut anywhere are truncated, or not OSM when too short to tell")
    func truncatedXML() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let small = try Self.smallMonaco(scratch)
        let gz = try Array(Data(contentsOf: URL(fileURLWithPath: small.gz)))
        let xml = try Array(Data(contentsOf: URL(fileURLWithPath: small.xml)))
        var generator = SeededGenerator(seed: 11)
        for (bytes, name) in [(gz, "cut.osm.gz"), (xml, "cut.osm")] {
            let cuts = (0..<30).map { _ in Int.random(in: 1..<bytes.count - 10, using: &generator) } + [1, 2, 5, 30]
            for cut in cuts {
                switch Self.read(Array(bytes.prefix(cut)), in: scratch, as: name) {
                case .success(let count):
                    Issue.record("\(name) cut at \(cut) read \(count) elements without error")
                case .failure(let error as OSMError):
                    #expect([.truncated, .notOSM].contains(error.kind), "\(name) cut at \(cut): \(error)")
                case .failure(let error):
                    Issue.record("\(name) cut at \(cut): not an OSMError: \(error)")
                }
            }
        }
    }

    @Test("bytes flipped at random: an OSMError or a read, never a crash")
    func corrupted() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let small = try Self.smallMonaco(scratch)
        // The sample PBFs have zlib blobs, whose checksums catch most damage before decoding; blobs
        // stored raw let the damage reach the decoder, plain nodes and dense nodes alike.
        let rawDense = scratch.path("andorra-raw.osm.pbf")
        try Osmium.run(["cat", SampleFiles.andorra, "-o", rawDense, "-f", "pbf,pbf_compression=none"])
        let rawPlain = scratch.path("helsinki-raw.osm.pbf")
        try Osmium.run(["cat", SampleFiles.helsinki, "-o", rawPlain, "-f", "pbf,pbf_compression=none,pbf_dense_nodes=false"])
        let sources: [(String, String)] = [
            (SampleFiles.saoPaulo, "bad.osm.pbf"), (SampleFiles.helsinki, "bad.osm.pbf"),
            (try Self.zlibAndorra(scratch), "bad.osm.pbf"), (rawDense, "bad.osm.pbf"), (rawPlain, "bad.osm.pbf"),
            (small.gz, "bad.osm.gz"), (small.xml, "bad.osm"),
        ]
        var generator = SeededGenerator(seed: 42)
        var failures: [OSMError.Kind: Int] = [:]
        for (source, name) in sources {
            let original = try Array(Data(contentsOf: URL(fileURLWithPath: source)))
            for round in 0..<30 {
                var bytes = original
                // Early rounds hit the framing and first block, where damage is most varied.
                let span = round < 10 ? min(bytes.count, 2_000) : bytes.count
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<span, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                switch Self.read(bytes, in: scratch, as: name) {
                case .success: break
                case .failure(let error as OSMError):
                    failures[error.kind, default: 0] += 1
                    #expect(!error.description.isEmpty && error.file.hasSuffix(name))
                case .failure(let error):
                    Issue.record("\(source) round \(round): not an OSMError: \(error)")
                }
            }
        }
        // The damage is found more often than not, and in more than one way.
        #expect(failures.values.reduce(0, +) > 105, "\(failures)")
        #expect(failures.keys.count >= 3 && failures[.malformed, default: 0] > 20, "\(failures)")
    }

    @Test("files that are not OSM at all")
    func notOSM() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        var generator = SeededGenerator(seed: 3)
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let cases: [([UInt8], String, OSMError.Kind)] = [
            ([], "empty.osm.pbf", .notOSM),
            (noise, "noise.osm.pbf", .notOSM),
            (Array("{\"type\": \"FeatureCollection\"}".utf8), "features.geojson", .notOSM),
            (Array("BZh91AY&SY".utf8), "file.osm.bz2", .unsupported),
            ([0xFF, 0xE0, 0x04, 0x6F, 0x35, 0x6D, 0x32], "file.o5m", .unsupported),
            ([0, 0, 0, 9] + Array("\u{0A}\u{07}OSMData".utf8), "data-first.osm.pbf", .notOSM),
        ]
        for (bytes, name, kind) in cases {
            let path = try scratch.write(bytes, to: name)
            let error = try #require(throws: OSMError.self) {
                var counter = ElementCounter()
                try OSMFile(path: path).read(into: &counter)
            }
            #expect(error.kind == kind, "\(name): \(error)")
        }
        let missing = try #require(throws: OSMError.self) { try OSMFile(path: scratch.path("missing.osm.pbf")) }
        #expect(missing.kind == .unreadable && missing.description.contains("missing.osm.pbf"))
        let folder = try #require(throws: OSMError.self) { try OSMFile(path: scratch.url.path) }
        #expect(folder.kind == .unreadable)
    }
}
