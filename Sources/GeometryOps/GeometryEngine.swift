internal import CGEOS

/// Owns one GEOS context (`GEOS_init_r`): every geometry, prepared geometry and index of this module is made
/// in an engine and keeps it alive.
///
/// A GEOS context is not thread-safe, so neither is an engine, nor anything made in it: make one engine per
/// task (or thread) and pass `Geometry` values, which are `Sendable`, between tasks. GEOS's errors and notices
/// for the context are captured here, never printed, and end up in `GeometryOpsError.geosMessage`.
///
/// All operations are planar: project geographic data to a local metric CRS first (Projection's
/// `CRS.localMetric(for:)`), so that distances, areas and cell sizes are in metres.
public final class GeometryEngine {
    let handle: OpaquePointer
    /// The last error GEOS reported on this context since `resetMessages()`.
    private(set) var lastError: String?
    /// The last notice GEOS reported on this context since `resetMessages()`.
    private(set) var lastNotice: String?

    public init() throws(GeometryOpsError) {
        guard let handle = GEOS_init_r() else {
            throw GeometryOpsError(.engineFailure, operation: "init", "GEOS could not create a context")
        }
        self.handle = handle
        // The handlers outlive no engine: `deinit` finishes the context, so an unretained pointer is safe.
        let engine = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, engine in
                guard let message, let engine else { return }
                let text = String(cString: message).trimmingTrailingWhitespace
                Unmanaged<GeometryEngine>.fromOpaque(engine).takeUnretainedValue().lastError = text
            }, engine)
        GEOSContext_setNoticeMessageHandler_r(
            handle,
            { message, engine in
                guard let message, let engine else { return }
                let text = String(cString: message).trimmingTrailingWhitespace
                Unmanaged<GeometryEngine>.fromOpaque(engine).takeUnretainedValue().lastNotice = text
            }, engine)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The GEOS library's version, e.g. `3.11.1-CAPI-1.17.1`, for provenance records.
    public static var geosVersion: String {
        GEOSversion().map { String(cString: $0) } ?? "unknown"
    }

    /// Forgets earlier messages, so that a failure reports its own. Called before every GEOS call whose
    /// failure we report.
    func resetMessages() {
        lastError = nil
        lastNotice = nil
    }

    /// An error carrying what GEOS said since the last `resetMessages()`.
    func failure(_ kind: GeometryOpsError.Kind, _ operation: String, _ message: String) -> GeometryOpsError {
        GeometryOpsError(kind, operation: operation, message, geosMessage: lastError ?? lastNotice)
    }

    /// Runs a GEOS call that returns a new geometry and takes ownership of it; throws with GEOS's message
    /// when it returns none.
    func make(
        _ operation: String, _ message: @autoclosure () -> String, kind: GeometryOpsError.Kind = .operationFailed,
        _ call: (OpaquePointer) -> OpaquePointer?
    ) throws(GeometryOpsError) -> PlanarGeometry {
        resetMessages()
        guard let pointer = call(handle) else { throw failure(kind, operation, message()) }
        return PlanarGeometry(owning: pointer, in: self)
    }

    /// Runs a GEOS predicate (1 true, 0 false, anything else an exception).
    func predicate(_ operation: String, _ call: (OpaquePointer) -> CChar) throws(GeometryOpsError) -> Bool {
        resetMessages()
        switch call(handle) {
        case 1: return true
        case 0: return false
        default: throw failure(.operationFailed, operation, "GEOS could not evaluate the predicate")
        }
    }

    /// Runs a GEOS call that writes a number and returns 0 on an exception.
    func measure(_ operation: String, _ call: (OpaquePointer, UnsafeMutablePointer<Double>) -> Int32)
        throws(GeometryOpsError) -> Double
    {
        resetMessages()
        var value = 0.0
        guard call(handle, &value) != 0 else {
            throw failure(.operationFailed, operation, "GEOS could not compute the \(operation)")
        }
        return value
    }

    /// Throws unless `geometry` was made in this engine: GEOS objects of two contexts must not meet.
    func check(_ geometry: PlanarGeometry, _ operation: String) throws(GeometryOpsError) {
        guard geometry.engine === self else {
            throw GeometryOpsError(
                .engineFailure, operation: operation,
                "the geometries were made in different engines; make them in one engine per task")
        }
    }
}

@available(*, unavailable)
extension GeometryEngine: Sendable {}

extension String {
    /// The text without the newline GEOS sometimes ends a message with.
    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
