import FacilityKit
import Foundation
import Synchronization

/// Where the commands talk to people: results on stdout, messages and progress on stderr.
enum Console {
    /// The language of this run's messages (`--lang`), recorded when the options are parsed.
    static var language: ReportLanguage {
        get { runLanguage.withLock { $0 } }
        set { runLanguage.withLock { $0 = newValue } }
    }

    static func error(_ message: String) {
        write("lifecircle: error: \(message)\n")
    }

    static func warning(_ message: String) {
        write("lifecircle: warning: \(message)\n")
    }

    /// A line of progress or a note about what was done, on stderr so stdout stays clean for data.
    static func note(_ message: String) {
        write("\(message)\n")
    }

    /// A progress line that replaces itself on a terminal and is throttled to a few updates a second.
    static func progress(_ message: String) {
        let now = Date()
        guard now.timeIntervalSince(lastProgress.withLock { $0 }) > 0.25 else { return }
        lastProgress.withLock { $0 = now }
        if isatty(STDERR_FILENO) != 0 {
            write("\r\u{1B}[K\(message)")
        } else {
            write("\(message)\n")
        }
    }

    /// Ends a run of progress lines.
    static func endProgress() {
        if isatty(STDERR_FILENO) != 0 { write("\r\u{1B}[K") }
    }

    private static let lastProgress = Mutex(Date.distantPast)
    private static let runLanguage = Mutex(ReportLanguage.zh)

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
