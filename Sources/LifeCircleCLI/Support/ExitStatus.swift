import FacilityRegistry
import Foundation
import GeoCore
import GeoPackage
import Interchange
import Planner
import Projection
import Reports
import Rules

/// An error that knows its message and exit code.
protocol LocalizedFailure: Error {
    var message: String { get }
    var exitCode: Int32 { get }
}

/// A failure of the command itself (not of a module): a missing file, a bad option value.
struct CommandFailure: LocalizedFailure {
    var message: String
    var exitCode: Int32 = ExitStatus.dataError

    init(_ message: String, exitCode: Int32 = ExitStatus.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// The exit codes, after BSD's sysexits so scripts can tell causes apart:
/// 0 success, 1 a check found targets not met, 64 bad usage, 65 bad input data,
/// 66 a missing input file, 73 an output that cannot be written, 70 an internal failure.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let internalFailure: Int32 = 70
    static let cannotCreate: Int32 = 73

    /// The message and code for an error from one of our modules; nil for ArgumentParser's own.
    static func failure(for error: any Error) -> CommandFailure? {
        switch error {
        case let e as RegistryError: CommandFailure(e.description)
        case let e as StoreError: CommandFailure(e.description)
        case let e as UpkeepError: CommandFailure(e.description)
        case let e as ProjectionError: CommandFailure(e.description)
        case let e as ImplausibleCoordinate: CommandFailure(e.description)
        case let e as RegionMismatch: CommandFailure(e.description)
        case let e as InterchangeError: CommandFailure(e.description)
        case let e as GeoPackageError: CommandFailure(e.description)
        case let e as RuleError: CommandFailure(e.description)
        case let e as ReportError: CommandFailure(e.description, exitCode: internalFailure)
        case let e as GeoCoreError: CommandFailure(e.description, exitCode: usage)
        case let e as CocoaError: CommandFailure(e.localizedDescription, exitCode: cannotCreate)
        case let e as POSIXError: CommandFailure(e.localizedDescription, exitCode: cannotCreate)
        default: nil
        }
    }
}

