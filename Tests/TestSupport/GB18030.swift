public import Foundation

/// `text` encoded in GB18030 by the system's `iconv` (`/usr/bin/iconv`), the bytes Excel's "ANSI" CSV on a
/// Chinese Windows would save. Throws when iconv fails.
public func gb18030(_ text: String) throws -> Data {
    try ToolRunner.run("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030"], stdin: Data(text.utf8)).checked().stdoutData
}
