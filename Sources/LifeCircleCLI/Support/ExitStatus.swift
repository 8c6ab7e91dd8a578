import Coverage
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import GeoPackage
import GeometryOps
import Inflate
import Interchange
import LocationAllocation
import OGRInterchange
import OSMIngest
import Planner
import Projection
import Reports
import Rules
import Server
import WalkNetwork

/// An error that knows its message and exit code.
protocol LocalizedFailure: Error {
    var message: String { get }
    var exitCode: ExitStatus { get }
}

/// A failure of the command itself (not of a module): a missing file, a bad option value.
struct CommandFailure: LocalizedFailure {
    var message: String
    var exitCode: ExitStatus

    init(_ message: String, exitCode: ExitStatus = .dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// The exit codes of failures, after BSD's sysexits so scripts can tell causes apart: 64 bad usage, 65 bad input
/// data, 66 a missing or unreadable input file, 70 an internal failure, 73 an output that cannot be written,
/// 75 a lock held by another program past the busy timeout (try again).
/// Besides these, 0 is success and 1 means a check found targets not met (`throw ExitCode(1)`, nothing else),
/// so no failure can exit 1. Docs/user-guide.md and Docs/reliability.md list them for users.
enum ExitStatus: Int32, CaseIterable, Sendable {
    case usage = 64
    case dataError = 65
    case noInput = 66
    case internalFailure = 70
    case cannotCreate = 73
    /// Another program held a file's lock past the busy timeout: trying again later may work (EX_TEMPFAIL).
    case temporaryFailure = 75

    /// The message and code for any error a command throws. An error of a type the table does not know
    /// is an internal failure (70) that still shows its text: it never exits 1, which means "targets missed".
    static func failure(for error: any Error) -> CommandFailure {
        if let failure = error as? any LocalizedFailure {
            return CommandFailure(failure.message, exitCode: failure.exitCode)
        }
        let language = Console.language
        for row in table {
            if let failure = row.failure(error, language) { return failure }
        }
        return CommandFailure(
            "internal error (\(String(reflecting: type(of: error)))): \(error); please report it",
            exitCode: .internalFailure)
    }

    /// Every error type the modules throw, with its exit code; a code that depends on the case is decided
    /// here, once. `ExitCodeTableTests` fails when a type conforming to `Error` in Sources/ or Plugins/ is missing.
    static let table: [ExitCodeRow] = [
        // FacilityKit and FacilityRegistry: plugins, manifests, imports, the registry file.
        ExitCodeRow(RegistryError.self) { _ in .dataError },
        ExitCodeRow(RowProblem.self) { _ in .dataError },
        ExitCodeRow(SchemaError.self) { _ in .dataError },
        ExitCodeRow(FieldProblem.self) { _ in .dataError },
        ExitCodeRow(UpkeepError.self) { _ in .dataError },
        ExitCodeRow(StoreError.self) { error in
            switch error {
            case .invalidQuery: .usage
            case .busy: .temporaryFailure
            default: .dataError
            }
        },
        // Formats and geometry.
        ExitCodeRow(GeoCoreError.self) { error in
            if case .invalidBoundingBox = error { return .usage }
            return .dataError
        },
        ExitCodeRow(ProjectionError.self) { error in error.kind == .projFailure ? .internalFailure : .dataError },
        ExitCodeRow(ImplausibleCoordinate.self, localized: { $0.text(language: $1.rawValue) }) { _ in .dataError },
        ExitCodeRow(AtomicOutputError.self) { _ in .cannotCreate },
        ExitCodeRow(GeoPackageError.self) { error in error.kind == .busy ? .temporaryFailure : .dataError },
        ExitCodeRow(InterchangeError.self) { error in
            switch error {
            case .cannotRead: .noInput
            case .cannotWrite: .cannotCreate
            case .encodingUnavailable: .internalFailure
            default: .dataError
            }
        },
        ExitCodeRow(VectorFileError.self) { error in
            if case .cannotWrite = error { return .cannotCreate }
            return .dataError
        },
        ExitCodeRow(InflateError.self) { _ in .dataError },
        ExitCodeRow(GeometryOpsError.self) { error in
            switch error.kind {
            case .invalidGeometry, .operationFailed: .dataError
            case .invalidArgument: .usage
            case .engineFailure: .internalFailure
            }
        },
        ExitCodeRow(GridTooLarge.self, message: { "\($0) (--cell \(Int($0.smallestCellSize)))" }) { _ in .usage },
        // OpenStreetMap and the walking network.
        ExitCodeRow(OSMError.self) { error in
            switch error.kind {
            case .unreadable: .noInput
            case .invalidArgument: .usage
            case .notOSM, .truncated, .malformed, .badCompression, .unsupported: .dataError
            }
        },
        ExitCodeRow(WalkNetworkError.self) { error in
            switch error {
            case .profileNotFound, .cacheNotFound: .noInput
            case .cacheWrite: .cannotCreate
            case .invalidArgument: .usage
            case .invalidSnappedPoint: .internalFailure
            case .profile, .invalidWay, .emptyNetwork, .tooLarge, .projection, .cache: .dataError
            }
        },
        // Analyses.
        ExitCodeRow(FloatingCatchmentError.self) { error in
            if case .invalidParameter = error { return .usage }
            return .dataError
        },
        ExitCodeRow(LocationAllocationError.self) { error in
            if case .invalidParameter = error { return .usage }
            return .dataError
        },
        ExitCodeRow(AccessError.self) { _ in .usage },
        ExitCodeRow(TrendError.self) { _ in .usage },
        // The server: a port that cannot be bound is an address the user named that cannot be made.
        ExitCodeRow(ServerError.self) { _ in .cannotCreate },
        // Rules, profiles, scenarios and reports.
        ExitCodeRow(YAMLProblem.self) { _ in .dataError },
        ExitCodeRow(ConditionError.self) { _ in .dataError },
        ExitCodeRow(RuleError.self) { _ in .dataError },
        ExitCodeRow(RegionMismatch.self, localized: { $0.message.text(for: $1) }) { _ in .dataError },
        ExitCodeRow(NetworkMismatch.self) { _ in .dataError },
        ExitCodeRow(EvidenceUnavailable.self, message: { $0.reason.text(for: .en) }) { _ in .dataError },
        ExitCodeRow(ReportError.self) { _ in .internalFailure },
        // Output paths: refused before anything is written, or a device that cannot take the bytes.
        ExitCodeRow(OutputRefusal.self, localized: { $0.text(for: $1) }) { _ in .usage },
        ExitCodeRow(OutputWriteError.self, localized: { $0.text(for: $1) }) { _ in .cannotCreate },
        // Foundation's file errors: reading an input, or writing an output.
        ExitCodeRow(CocoaError.self, message: { $0.localizedDescription }) { error in
            switch error.code {
            case .fileNoSuchFile, .fileReadNoSuchFile, .fileReadNoPermission, .fileReadCorruptFile,
                .fileReadInvalidFileName, .fileReadTooLarge, .fileReadUnknown, .fileReadUnknownStringEncoding,
                .fileReadInapplicableStringEncoding:
                .noInput
            default: .cannotCreate
            }
        },
        ExitCodeRow(POSIXError.self, message: { $0.localizedDescription }) { error in
            error.code == .ENOENT ? .noInput : .cannotCreate
        },
    ]
}

/// One row of the exit-code table: an error type, the code each of its errors exits with, and its message
/// (by default its description, which names the file, line or row, and field where the error has them).
struct ExitCodeRow: Sendable {
    /// The type's name as declared, nested in its outer type where it is (`OSMError`, `Outer.Inner`), for the
    /// test that finds every error type in the sources.
    let typeName: String
    let failure: @Sendable (any Error, ReportLanguage) -> CommandFailure?

    init<E: Error>(
        _ type: E.Type, message: @escaping @Sendable (E) -> String = { "\($0)" },
        code: @escaping @Sendable (E) -> ExitStatus
    ) {
        self.init(type, localized: { error, _ in message(error) }, code: code)
    }

    /// A row whose message follows `--lang`.
    init<E: Error>(
        _ type: E.Type, localized message: @escaping @Sendable (E, ReportLanguage) -> String,
        code: @escaping @Sendable (E) -> ExitStatus
    ) {
        typeName = String(String(reflecting: type).split(separator: ".", maxSplits: 1).last ?? "")
        failure = { error, language in
            (error as? E).map { CommandFailure(message($0, language), exitCode: code($0)) }
        }
    }
}
