import Foundation

/// Where the commands talk to people: results on stdout, messages and progress on stderr.
enum Console {
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

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
