import Foundation
import Inflate
import TestSupport
import Testing

/// gzip data made by the system's `gzip`, an independent writer, and read back here.
@Suite("gzip")
struct GzipTests {
    /// The text, gzipped by `gzip -c` (with `-n`, no name or time, so the bytes are stable).
    private static func gzipped(_ text: String, in folder: TemporaryFolder, name: String = "text") throws -> [UInt8] {
        let url = try folder.write(text, to: name)
        return Array(try ToolRunner.run("gzip", ["-n", "-c", url.path]).checked().stdoutData)
    }

    private static let sample = (0..<5000).map { "line \($0): 母婴室 \($0 * 7 % 13)\n" }.joined()

    @Test func inflatesWhatGzipWrote() throws {
        let folder = try TemporaryFolder(prefix: "inflate-tests")
        defer { folder.remove() }
        let compressed = try Self.gzipped(Self.sample, in: folder)
        #expect(Gzip.hasMagic(compressed))
        #expect(compressed.count < Self.sample.utf8.count / 3)
        let inflated = try compressed.withUnsafeBytes { try Gzip.inflate($0) }
        #expect(inflated == Array(Self.sample.utf8))
    }

    @Test func readsConcatenatedMembersAsOneStream() throws {
        let folder = try TemporaryFolder(prefix: "inflate-tests")
        defer { folder.remove() }
        let first = try Self.gzipped("first part\n", in: folder, name: "a")
        let second = try Self.gzipped(Self.sample, in: folder, name: "b")
        let inflated = try (first + second).withUnsafeBytes { try Gzip.inflate($0) }
        #expect(inflated == Array(("first part\n" + Self.sample).utf8))
    }

    @Test func readsInSmallPiecesAsWell() throws {
        let folder = try TemporaryFolder(prefix: "inflate-tests")
        defer { folder.remove() }
        let compressed = try Self.gzipped(Self.sample, in: folder)
        // A source that hands over 7 bytes at a time, read 13 bytes at a time.
        var offset = 0
        let reader = try GzipReader<Never>(inputCapacity: 7) { buffer in
            let count = min(7, buffer.count, compressed.count - offset)
            for i in 0..<count { buffer[i] = compressed[offset + i] }
            offset += count
            return count
        }
        var output: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 13)
        while true {
            let count = try piece.withUnsafeMutableBytes { try reader.read(into: $0.baseAddress!, count: 13) }
            if count == 0 { break }
            output += piece[0..<count]
        }
        #expect(output == Array(Self.sample.utf8))
        #expect(reader.compressedOffset == Int64(compressed.count))
    }

    @Test func truncatedAndCorruptDataAreRefusedWithAReason() throws {
        let folder = try TemporaryFolder(prefix: "inflate-tests")
        defer { folder.remove() }
        let compressed = try Self.gzipped(Self.sample, in: folder)
        func problem(_ bytes: [UInt8]) -> InflateError? {
            do {
                _ = try bytes.withUnsafeBytes { try Gzip.inflate($0) }
                return nil
            } catch {
                return error as? InflateError
            }
        }
        let truncated = problem(Array(compressed.prefix(compressed.count / 2)))
        #expect(truncated?.isTruncation == true)
        #expect(truncated?.message.contains("ends before its end marker") == true)
        var corrupt = compressed
        for i in 20..<60 { corrupt[i] ^= 0x5A }
        let bad = problem(corrupt)
        #expect(bad?.isTruncation == false)
        #expect(bad?.message.hasPrefix("bad gzip data") == true)
        #expect(bad?.compressedOffset != nil)
        #expect(problem(Array("plain text".utf8))?.message.contains("not gzip data") == true)
        #expect(problem([])?.message.contains("not gzip data") == true)
        // Every truncation fails cleanly; none crashes or passes as complete.
        for length in stride(from: 2, to: compressed.count, by: 97) {
            #expect(problem(Array(compressed.prefix(length))) != nil)
        }
    }

    @Test func zlibBlobsInflateToTheirDeclaredSizeOnly() throws {
        // A zlib stream from Python's zlib module, as PBF writers make them.
        let text = Array(Self.sample.utf8)
        let script = "import sys, zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))"
        let compressed = Array(try ToolRunner.run("python3", ["-c", script], stdin: Data(text)).checked().stdoutData)
        let inflater = try Inflater(.zlib)
        func inflate(declaring size: Int) throws(InflateError) -> [UInt8] {
            var output = [UInt8](repeating: 0, count: size)
            let outcome = compressed.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { out in
                    Result { () throws(InflateError) in
                        try inflater.inflateWhole(
                            input.baseAddress!, count: input.count, into: out.baseAddress!, expectedSize: size)
                    }
                }
            }
            try outcome.get()
            return output
        }
        #expect(try inflate(declaring: text.count) == text)
        // The same inflater serves the next blob.
        #expect(try inflate(declaring: text.count) == text)
        #expect {
            try inflate(declaring: text.count - 1)
        } throws: { ($0 as? InflateError)?.message.contains("more than the declared raw_size") == true }
        #expect {
            try inflate(declaring: text.count + 1)
        } throws: { ($0 as? InflateError)?.message.contains("not the declared raw_size") == true }
    }
}
