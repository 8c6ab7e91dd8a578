import Foundation
import FacilityRegistry
import GeoPackage
@testable import LifeCircleCLI
import TestSupport
import Testing

/// The exit-code table in ExitStatus.swift covers every error type of the sources, so a new error type cannot
/// fall through to ArgumentParser's exit 1 (which means "a check found targets missed").
@Suite("Every error type has a documented exit code")
struct ExitCodeTableTests {
    /// Error types that never leave the code that throws them, and where they are turned into a mapped error.
    /// Everything else conforming to `Error` must have a row in `ExitStatus.table`.
    static let caughtWhereThrown: [String: String] = [
        "NotEvaluable": "Rules: RuleEvaluator turns it into a rule result 'not evaluable'",
        "WireError": "OSMIngest: the PBF reader wraps it in OSMError with the block and byte",
        "CacheProblem": "WalkNetwork: WalkGraph+Cache wraps it in WalkNetworkError.cache/.cacheWrite",
        "FacilityImporter.RowProblems": "FacilityRegistry: FacilityImporter keeps the row as a reject",
        "CoordinateText.Failure": "Interchange: CoordinateText turns it into InterchangeError.invalidCoordinate",
        "JSONScanner.SyntaxError": "GeoCore: GeoJSON reading turns it into GeoCoreError.invalidGeoJSON with line:column",
        "DecodingFailure": "Interchange: CSVTable turns it into InterchangeError (the byte that does not decode)",
        "TextStreamDecoder.Failure": "Interchange: CSVTable turns it into InterchangeError.notUTF8/.undecodableText",
        "APIProblem": "Server: answered as an HTTP problem response (400, 404, 500), never thrown out of the server",
        "GzipReader.Failure": "Inflate: generic over its source's error; OSMIngest's XMLByteSource unwraps it into OSMError",
    ]

    /// The codes Docs/user-guide.md and Docs/reliability.md document: success, targets missed, and the failures.
    static let documentedCodes = Set([0, 1] + ExitStatus.allCases.map(\.rawValue))

    /// A type declaration (or extension) with its conformance list.
    struct Declaration {
        var name: String
        var conformances: String
        var isProtocol: Bool
        var isPublic: Bool
        var file: String
    }

    /// Every `struct/enum/class/actor/protocol/extension NAME: …` in Sources/ and Plugins/. A nested declaration is
    /// named after the unindented type around it (`GzipReader.Failure`).
    static func declarations() throws -> [Declaration] {
        let pattern = try NSRegularExpression(
            pattern: #"^([ \t]*)((?:(?:public|package|internal|private|fileprivate|final|indirect|nonisolated)\s+)*)"#
                + #"(struct|enum|class|actor|protocol|extension)\s+([A-Za-z_][\w.]*)(?:<[^>{]*>)?\s*:\s*([^{]*)\{"#,
            options: [.anchorsMatchLines])
        var found: [Declaration] = []
        for folder in ["Sources", "Plugins"] {
            let root = Repository.root.appendingPathComponent(folder)
            let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            for case let url as URL in files where url.pathExtension == "swift" {
                let text = try String(contentsOf: url, encoding: .utf8)
                let whole = NSRange(text.startIndex..., in: text)
                for match in pattern.matches(in: text, range: whole) {
                    func group(_ index: Int) -> String {
                        Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
                    }
                    var name = group(4)
                    if !group(1).isEmpty, let outer = enclosingTypeName(in: text, before: match.range.location) {
                        name = "\(outer).\(name)"
                    }
                    found.append(Declaration(
                        name: name, conformances: group(5), isProtocol: group(3) == "protocol",
                        isPublic: group(2).contains("public"),
                        file: url.path.replacingOccurrences(of: Repository.root.path + "/", with: "")))
                }
            }
        }
        return found
    }

    /// The name of the last unindented type declaration or extension before `location`.
    static func enclosingTypeName(in text: String, before location: Int) -> String? {
        let prefix = (text as NSString).substring(to: location)
        let outer = try? NSRegularExpression(
            pattern: #"^(?:(?:public|package|internal|private|fileprivate|final)\s+)*(?:struct|enum|class|actor|extension)\s+([A-Za-z_]\w*)"#,
            options: [.anchorsMatchLines])
        let matches = outer?.matches(in: prefix, range: NSRange(prefix.startIndex..., in: prefix)) ?? []
        return matches.last.flatMap { Range($0.range(at: 1), in: prefix).map { String(prefix[$0]) } }
    }

    /// Does a conformance list name `Error`, `LocalizedError` or one of the protocols that refine them?
    static func conformsToError(_ conformances: String, refining protocols: Set<String>) -> Bool {
        let names = conformances.split(whereSeparator: { ",& \n\t".contains($0) }).map(String.init)
        return names.contains { $0 == "Error" || $0 == "LocalizedError" || protocols.contains($0) }
    }

    @Test func everyErrorTypeInTheSourcesHasARow() throws {
        let declarations = try Self.declarations()
        // Protocols refining Error (LocalizedFailure): their conformers carry their own code.
        let errorProtocols = Set(declarations.filter { $0.isProtocol && Self.conformsToError($0.conformances, refining: []) }
            .map(\.name))
        #expect(errorProtocols == ["LocalizedFailure"], "ExitStatus.failure(for:) handles only LocalizedFailure itself")
        let errorTypes = declarations.filter {
            !$0.isProtocol && Self.conformsToError($0.conformances, refining: errorProtocols)
        }
        // The scan must see the types everyone knows about; if it sees nothing, it is the scan that is broken.
        #expect(errorTypes.contains { $0.name == "OSMError" } && errorTypes.contains { $0.name == "CommandFailure" })

        let mapped = Set(ExitStatus.table.map(\.typeName))
        // A LocalizedFailure (CommandFailure) carries its own code and message.
        let selfMapped = Set(errorTypes.filter {
            !Self.conformsToError($0.conformances, refining: []) && Self.conformsToError($0.conformances, refining: errorProtocols)
        }.map(\.name))
        for type in errorTypes where !mapped.contains(type.name) && !selfMapped.contains(type.name) {
            let caught = Self.caughtWhereThrown[type.name]
            #expect(
                caught != nil,
                """
                \(type.name) (\(type.file)) conforms to Error but has no row in ExitStatus.table \
                (Sources/LifeCircleCLI/Support/ExitStatus.swift): add one line with its exit code
                """)
        }
        // A row or an exception for a type that no longer exists is stale.
        let declared = Set(errorTypes.map(\.name))
        for name in mapped.subtracting(declared) where !["CocoaError", "POSIXError"].contains(name) {
            Issue.record("ExitStatus.table has a row for \(name), which the sources no longer declare as an error")
        }
        for name in Self.caughtWhereThrown.keys where !declared.contains(name) {
            Issue.record("caughtWhereThrown lists \(name), which the sources no longer declare as an error")
        }
        // What is caught where it is thrown must not be mapped as well (one place decides).
        #expect(mapped.isDisjoint(with: Self.caughtWhereThrown.keys))
        #expect(mapped.count == ExitStatus.table.count, "a type has two rows")
    }

    struct Unmapped: Error, CustomStringConvertible {
        var description: String { "the disk grew legs" }
    }

    @Test func anUnknownErrorIsAnInternalFailureWithItsText() {
        let failure = ExitStatus.failure(for: Unmapped())
        #expect(failure.exitCode == .internalFailure)
        #expect(failure.message.contains("the disk grew legs") && failure.message.contains("Unmapped"))
    }

    @Test func commandFailuresKeepTheirCode() {
        let failure = ExitStatus.failure(for: CommandFailure("x.csv: no such file", exitCode: .noInput))
        #expect(failure.exitCode == .noInput && failure.message == "x.csv: no such file")
    }

    /// The `## Exit codes` section of Docs/reliability.md lists exactly the codes in use.
    @Test func reliabilityDocListsTheCodes() throws {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("Docs/reliability.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Exit codes").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let codes = Set(rows.compactMap { row in
            Int32(row.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? "")
        })
        #expect(codes == Self.documentedCodes)
    }
}

/// A lock held past the busy timeout is a temporary failure (75), from the store and from a bare GeoPackage.
@Test func aBusyTimeoutExitsTemporaryFailure() {
    #expect(ExitStatus.failure(for: StoreError.busy(path: "r.gpkg", reason: "held")).exitCode == .temporaryFailure)
    #expect(ExitStatus.failure(for: GeoPackageError(.busy, "held", file: "r.gpkg")).exitCode == .temporaryFailure)
    #expect(ExitStatus.failure(for: GeoPackageError(.sqlite, "other", file: "r.gpkg")).exitCode == .dataError)
}
