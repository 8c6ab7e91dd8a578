import Foundation

/// A fresh directory under the system's temporary directory, removed with `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "interchange-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appending(path: name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs a tool to completion and returns its standard output; throws when it fails.
func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(filePath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    try process.run()
    if let input {
        try inputPipe.fileHandleForWriting.write(contentsOf: input)
        try inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) failed"])
    }
    return data
}

/// The text encoded in GB18030 by the system's `iconv` tool, as Excel in China would save it.
func gb18030(_ text: String) throws -> Data {
    try run("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030"], input: Data(text.utf8))
}

/// The message of the error `body` throws; nil when it throws none.
func message<E: Error & CustomStringConvertible>(_ body: () throws(E) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.description
    }
}
