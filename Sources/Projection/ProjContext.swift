internal import CProj

/// Owns one `PJ_CONTEXT`. PROJ contexts are not thread-safe, so neither is this: each owner (a parse,
/// a transformer) makes its own. PROJ's error log for the context is captured here instead of going to
/// standard error, so that its messages end up in `ProjectionError`.
final class ProjContext {
    let pointer: OpaquePointer
    /// The last message PROJ logged on this context since `clearLog()`.
    private(set) var lastLogMessage: String?

    init() throws(ProjectionError) {
        guard let pointer = proj_context_create() else {
            throw ProjectionError(.projFailure, "cannot create a PROJ context")
        }
        self.pointer = pointer
        proj_log_level(pointer, PJ_LOG_ERROR)
        // The context outlives no owner: `deinit` destroys it, so an unretained pointer is safe.
        proj_log_func(pointer, Unmanaged.passUnretained(self).toOpaque()) { appData, _, message in
            guard let appData, let message else { return }
            let context = Unmanaged<ProjContext>.fromOpaque(appData).takeUnretainedValue()
            context.lastLogMessage = String(cString: message)
        }
    }

    deinit {
        proj_context_destroy(pointer)
    }

    func clearLog() {
        lastLogMessage = nil
    }

    /// An error carrying PROJ's current error number for this context and PROJ's explanation: the
    /// logged message when there is one (it names the input), otherwise the text for the number.
    func error(_ kind: ProjectionError.Kind, _ message: String, code: Int32? = nil) -> ProjectionError {
        let code = code ?? proj_context_errno(pointer)
        var text = lastLogMessage
        if text == nil, code != 0, let generic = proj_context_errno_string(pointer, code) {
            text = String(cString: generic)
        }
        return ProjectionError(kind, message, projCode: Int(code), projMessage: text)
    }
}

@available(*, unavailable)
extension ProjContext: Sendable {}
