import Foundation
import GeoCore
import OSMIngest

/// Runs Debian's `osmium-tool`, the independent reader our readers are checked against.
enum Osmium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `osmium arguments…`; returns its standard output, or fails with its standard error.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String { try tool("osmium", arguments) }

    /// Runs any tool on PATH the same way (gzip, say).
    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let outPath = scratch.path("stdout")
        let errPath = scratch.path("stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return try String(contentsOfFile: outPath, encoding: .utf8)
    }

    /// Every element of `path`, as `osmium cat -f opl` prints it (without metadata).
    static func elements(of path: String) throws -> OPLDataset {
        try OPLDataset(text: run(["cat", "-f", "opl,add_metadata=false", path]))
    }
}

/// Elements parsed from OPL, osmium's one-line-per-element text format.
struct OPLDataset: Sendable {
    struct Node: Sendable {
        var id: Int64
        var coordinate: Coordinate
        var tags: [String: String]
    }

    struct Way: Sendable {
        var id: Int64
        var refs: [Int64]
        var tags: [String: String]
    }

    struct Relation: Sendable {
        var id: Int64
        var members: [String]  // "w123@role"
        var tags: [String: String]
    }

    var nodes: [Node] = []
    var ways: [Way] = []
    var relations: [Relation] = []

    init(text: String) throws {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let first = fields.first, let kind = first.first, let id = Int64(first.dropFirst()) else {
                throw Osmium.Failure(description: "unreadable OPL line: \(line)")
            }
            var tags: [String: String] = [:]
            var x = Double.nan
            var y = Double.nan
            var refs: [Int64] = []
            var members: [String] = []
            for field in fields.dropFirst() {
                guard let tag = field.first else { continue }
                let value = field.dropFirst()
                switch tag {
                case "T":
                    guard !value.isEmpty else { continue }
                    for pair in value.split(separator: ",") {
                        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                        tags[try Self.unescape(parts[0])] = try Self.unescape(parts.count > 1 ? parts[1] : "")
                    }
                case "x": x = Double(value) ?? .nan
                case "y": y = Double(value) ?? .nan
                case "N": refs = value.split(separator: ",").map { Int64($0.dropFirst())! }
                case "M": members = try value.split(separator: ",").map { try Self.unescape($0) }
                default: break
                }
            }
            switch kind {
            case "n": nodes.append(Node(id: id, coordinate: Coordinate(lon: x, lat: y), tags: tags))
            case "w": ways.append(Way(id: id, refs: refs, tags: tags))
            case "r": relations.append(Relation(id: id, members: members, tags: tags))
            default: throw Osmium.Failure(description: "unknown element kind in OPL line: \(line)")
            }
        }
    }

    /// Undoes OPL's `%hex%` escapes (scalar by scalar: a combining mark after "%" must not hide it).
    static func unescape(_ text: Substring) throws -> String {
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                result.append(scalar)
                continue
            }
            var hex = ""
            while let digit = scalars.next(), digit != "%" { hex.unicodeScalars.append(digit) }
            guard let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) else {
                throw Osmium.Failure(description: "bad OPL escape in \(text)")
            }
            result.append(decoded)
        }
        return String(result)
    }

    var nodesByID: [Int64: Node] { Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) }) }
}
