internal import CFuzzerDriver
public import Foundation

/// What each fuzz target's `LLVMFuzzerTestOneInput` is: libFuzzer's callback, one input per call.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Starts libFuzzer's driver on `callback` with the program's arguments (`-max_len=`, `-runs=`, corpus
/// folders, or crash files to replay) and returns its exit code.
///
/// SwiftPM links an executable target on Linux with its entry point renamed to `<Target>_main`, so each
/// target defines that symbol and calls this; libFuzzer's own `main` would do the same.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ callback: FuzzCallback
) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}

/// The bytes libFuzzer hands over, copied (the parsers keep nothing of them past the call).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Data {
    guard let data, size > 0 else { return Data() }
    return Data(bytes: data, count: size)
}

/// Runs one parse. A thrown error is what bad input should produce, so it is expected; its message is
/// rendered as the CLI would print it, since describing an error runs code too. A trap, a crash, a
/// hang or runaway memory is what libFuzzer reports.
public func expectingErrors(_ body: () throws -> Void) {
    do {
        try body()
    } catch {
        _ = String(describing: error)
    }
}
