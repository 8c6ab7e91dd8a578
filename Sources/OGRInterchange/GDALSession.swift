internal import CGDAL

/// GDAL's process-wide state, set up once: every driver registered (`GDALAllRegister`, as GDAL asks).
/// Work runs under ``collectingMessages(_:)`` so GDAL's errors and warnings become ours instead of lines on
/// standard error.
enum GDALSession {
    private static let registered: Void = {
        GDALAllRegister()
    }()

    static func start() { _ = registered }

    /// Runs `body` with GDAL's messages on this thread caught in a ``GDALMessages`` (GDAL's error handler
    /// stack is per thread), and restores the handler after.
    static func collectingMessages<T, E: Error>(_ body: (GDALMessages) throws(E) -> T) throws(E) -> T {
        start()
        let messages = GDALMessages()
        let userData = Unmanaged.passUnretained(messages).toOpaque()
        CPLPushErrorHandlerEx({ errorClass, _, message in
            guard let data = CPLGetErrorHandlerUserData(), let message else { return }
            let messages = Unmanaged<GDALMessages>.fromOpaque(data).takeUnretainedValue()
            let text = String(cString: message)
            if errorClass == CE_Warning { messages.warnings.append(text) } else { messages.errors.append(text) }
        }, userData)
        defer { CPLPopErrorHandler() }
        return try withExtendedLifetime(messages) { () throws(E) -> T in try body(messages) }
    }

    /// Sets a GDAL configuration option for this thread while `body` runs (`CPLSetThreadLocalConfigOption`).
    static func withConfiguration<T, E: Error>(_ options: [String: String], _ body: () throws(E) -> T) throws(E) -> T {
        let previous = options.keys.map { key in (key, CPLGetThreadLocalConfigOption(key, nil).map { String(cString: $0) }) }
        for (key, value) in options { CPLSetThreadLocalConfigOption(key, value) }
        defer { for (key, value) in previous { CPLSetThreadLocalConfigOption(key, value) } }
        return try body()
    }
}

/// GDAL's messages during one piece of work. Lives on one thread.
final class GDALMessages {
    var errors: [String] = []
    var warnings: [String] = []

    /// The last error GDAL reported, or `fallback`.
    func reason(_ fallback: String) -> String { errors.last ?? fallback }
}

@available(*, unavailable)
extension GDALMessages: Sendable {}
