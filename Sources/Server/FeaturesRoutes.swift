import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import HTTPTypes
import Hummingbird
import NIOPosix

/// The HTTP side of `FeaturesAPI`: the paths, the query, the base URL of links, the content types. Registry reads
/// run on NIO's blocking thread pool, so a slow read never holds up the event loops.
struct FeaturesRoutes: Sendable {
    let api: FeaturesAPI

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/api") }
        router.get("/api") { request, _ in
            try Self.checkFormat(request)
            return JSONBody.response(api.landingPage(base: base(of: request)))
        }
        router.get("/api/conformance") { request, _ in
            try Self.checkFormat(request)
            return JSONBody.response(api.conformance())
        }
        router.get("/api/openapi.json") { request, _ in
            let base = base(of: request)
            let document = try await blocking { try OpenAPIDocument(api: api).document(base: base) }
            return JSONBody.response(document, contentType: FeaturesAPI.openAPIType)
        }
        router.get("/api/collections") { request, _ in
            try Self.checkFormat(request)
            let base = base(of: request)
            return JSONBody.response(try await blocking { try api.collections(base: base) })
        }
        router.get("/api/collections/:kind") { request, context in
            try Self.checkFormat(request)
            let (base, kind) = (base(of: request), try Self.parameter("kind", context))
            return JSONBody.response(try await blocking { try api.collection(kind: kind, base: base) })
        }
        router.get("/api/collections/:kind/items") { request, context in
            let query = try ItemsQuery(Self.queryParameters(request), today: CivilDate.today)
            let (base, kind) = (base(of: request), try Self.parameter("kind", context))
            let page = try await blocking { try api.items(kind: kind, query: query, base: base) }
            return JSONBody.response(page, contentType: FeaturesAPI.geoJSON)
        }
        router.get("/api/collections/:kind/items/:id") { request, context in
            try Self.checkFormat(request)
            let (base, kind, id) = (base(of: request), try Self.parameter("kind", context), try Self.parameter("id", context))
            let item = try await blocking { try api.item(kind: kind, id: id, base: base) }
            return JSONBody.response(item, contentType: FeaturesAPI.geoJSON)
        }
    }

    /// `http://HOST:PORT` as the client addressed the server, so links work through whatever name it used.
    func base(of request: Request) -> String {
        let authority = request.head.authority
            ?? "\(api.configuration.host):\(api.configuration.port)"
        return "http://\(authority)"
    }

    /// Runs registry work on the blocking pool.
    func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// A path parameter, percent-decoded (facility ids such as `node/1` arrive as `node%2F1`).
    static func parameter(_ name: String, _ context: BasicRequestContext) throws(APIProblem) -> String {
        guard let raw = context.parameters.get(name), let value = raw.removingPercentEncoding else {
            throw .badParameter(name, "not a valid path segment")
        }
        return value
    }

    static func queryParameters(_ request: Request) -> [(name: String, value: String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    /// The `f` parameter of the JSON documents, when given.
    static func checkFormat(_ request: Request) throws(APIProblem) {
        if let format = request.uri.queryParameters["f"] { try ItemsQuery.checkFormat(String(format)) }
    }
}
