import FacilityKit
import Foundation
import GeoCore
import HTTPTypes
import Hummingbird

/// A request the API refuses, answered as an RFC 9457 problem (`application/problem+json`): the status, a title,
/// the reason in the server's language, and the query parameter at fault where there is one.
struct APIProblem: Error, HTTPResponseError, Equatable {
    var status: HTTPResponse.Status
    var detail: String
    /// The query or path parameter the problem is about.
    var parameter: String?

    static func badParameter(_ name: String, _ detail: String) -> APIProblem {
        APIProblem(status: .badRequest, detail: "\(name): \(detail)", parameter: name)
    }

    static func notFound(_ detail: String) -> APIProblem {
        APIProblem(status: .notFound, detail: detail, parameter: nil)
    }

    var body: JSONValue {
        var object: [String: JSONValue] = [
            "type": "about:blank", "title": .string(status.reasonPhrase), "status": .number(Double(status.code)),
            "detail": .string(detail),
        ]
        if let parameter { object["parameter"] = .string(parameter) }
        return .object(object)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONBody.response(body, status: status, contentType: "application/problem+json")
    }
}

/// JSON responses with sorted keys and unescaped slashes, so equal documents give equal bytes.
enum JSONBody {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func response(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json"
    ) -> Response {
        do {
            return bytes(try encoder().encode(value), status: status, contentType: contentType)
        } catch {
            let failure = APIProblem(
                status: .internalServerError, detail: "the response could not be encoded: \(error)", parameter: nil)
            return bytes(
                (try? encoder().encode(failure.body)) ?? Data(), status: failure.status,
                contentType: "application/problem+json")
        }
    }

    static func bytes(_ data: Data, status: HTTPResponse.Status, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
