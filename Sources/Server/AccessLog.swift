import Foundation
import Hummingbird

/// Where the access log goes: one JSON object a line (`at`, `method`, `path`, `status`, `ms`). The path is logged
/// without its query string, so nothing a client puts there (a token, a search) reaches the log.
public struct AccessLog: Sendable {
    let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Lines on stderr, each written whole with one call.
    public static let standardError = AccessLog { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// The line for one request.
    static func line(at date: Date, method: String, path: String, status: Int, milliseconds: Double) -> String {
        let entry: [String: AccessLogValue] = [
            "at": .text(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "method": .text(method), "path": .text(path), "status": .number(Double(status)),
            "ms": .number((milliseconds * 100).rounded() / 100),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entry)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }
}

private enum AccessLogValue: Encodable {
    case text(String)
    case number(Double)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }
}

/// Logs every request once it is answered, errors included.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: AccessLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let status: Int
        defer {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            log.write(AccessLog.line(
                at: Date(), method: request.method.rawValue, path: request.uri.path, status: status, milliseconds: ms))
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        } catch {
            status = 500
            throw error
        }
    }
}
