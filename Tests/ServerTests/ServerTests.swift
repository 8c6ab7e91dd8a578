import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import MaternityRoomPlugin
import PublicToiletPlugin
import TestSupport
import Testing

@testable import Server

/// The OGC API – Features endpoints of a server running in this process on a free loopback port, read with curl.
@Suite("OGC API – Features over a registry", .serialized)
struct ServerTests {
    let folder: TemporaryFolder
    let registry: String
    let plugins: PluginRegistry
    let rooms: [FacilityRecord]

    init() throws {
        folder = try TemporaryFolder(prefix: "lifecircle-server")
        registry = folder.path("registry.gpkg")
        var plugins = PluginRegistry()
        try plugins.register(MaternityRoomPlugin(), origin: .bundled)
        try plugins.register(PublicToiletPlugin(), origin: .bundled)
        self.plugins = plugins
        let store = try GeoPackageFacilityStore(path: registry)
        for entry in plugins.all { try store.prepare(kind: entry.plugin.descriptor, schema: entry.plugin.schema) }
        let kind = try #require(PluginID(rawValue: "maternity_room"))
        // 25 rooms on a line of longitudes, every third opened in 2022, every fifth closed since 2024, one id with a
        // slash as OSM ids have.
        rooms = (0..<25).map { Self.room($0, kind: kind) }
        try store.insert(rooms, actor: "test")
    }

    static func room(_ index: Int, kind: PluginID) -> FacilityRecord {
        let id = index == 7 ? "node/42" : String(format: "MR-%03d", index)
        let location = Coordinate(x: 113.2 + Double(index) * 0.01, y: 23.4)
        var record = FacilityRecord(id: FacilityID(id), kind: kind, name: "母婴室 \(index)", location: location)
        record.attributes = ["area_m2": .real(Double(6 + index)), "venue_type": .text("commercial")]
        if index % 3 == 0 { record.opened = CivilDate(parsing: "2022-03-01") }
        if index % 5 == 4 { record.closed = CivilDate(parsing: "2024-01-01") }
        return record
    }

    // MARK: Documents

    @Test func landingPageConformanceAndCollections() async throws {
        try await withServer { client in
            let landing = try client.json("/api")
            let rels = Set((landing["links"] as? [[String: Any]] ?? []).compactMap { $0["rel"] as? String })
            #expect(rels.isSuperset(of: ["self", "service-desc", "conformance", "data"]))
            let conformance = try client.json("/api/conformance")["conformsTo"] as? [String] ?? []
            #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"))
            #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"))
            #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"))

            let collections = try client.json("/api/collections")["collections"] as? [[String: Any]] ?? []
            #expect(collections.compactMap { $0["id"] as? String } == ["maternity_room", "public_toilet"])
            let room = try #require(collections.first)
            #expect(room["title"] as? String == "母婴室")
            let extent = (room["extent"] as? [String: Any])?["spatial"] as? [String: Any]
            let box = try #require((extent?["bbox"] as? [[Double]])?.first)
            #expect(box.count == 4)
            #expect(abs(box[0] - 113.2) < 1e-9 && abs(box[2] - 113.44) < 1e-9 && box[1] == 23.4 && box[3] == 23.4)
            // No toilets yet: no extent to give.
            #expect(collections[1]["extent"] == nil)
            let one = try client.json("/api/collections/maternity_room")
            #expect(one["id"] as? String == "maternity_room")
        }
    }

    @Test func itemsPageThroughEveryFacility() async throws {
        try await withServer { client in
            var next: String? = "/api/collections/maternity_room/items?limit=10"
            var seen: [String] = []
            var pages = 0
            while let page = next {
                let response = try client.get(page)
                #expect(response.status == 200)
                #expect(response.contentType.hasPrefix("application/geo+json"))
                let document = try response.object()
                #expect(document["type"] as? String == "FeatureCollection")
                #expect(document["numberMatched"] as? Int == 25)
                let features = document["features"] as? [[String: Any]] ?? []
                #expect(document["numberReturned"] as? Int == features.count)
                seen += features.compactMap { $0["id"] as? String }
                let links = document["links"] as? [[String: Any]] ?? []
                next = links.first { $0["rel"] as? String == "next" }?["href"] as? String
                if pages > 0 { #expect(links.contains { $0["rel"] as? String == "prev" }) }
                pages += 1
                if pages > 5 { break }
            }
            #expect(pages == 3)
            #expect(seen == rooms.map(\.id.rawValue).sorted())
            // A feature carries the export's properties.
            let first = try client.json("/api/collections/maternity_room/items?limit=1")
            let feature = try #require((first["features"] as? [[String: Any]])?.first)
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["facility_id"] as? String == "MR-000")
            #expect(properties["area_m2"] as? Double == 6)
            #expect(properties["venue_type"] as? String == "commercial")
            #expect(properties["opened"] as? String == "2022-03-01")
            #expect((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [113.2, 23.4])
        }
    }

    @Test func bboxAndDatetimeFilterAsTheStoreDoes() async throws {
        let registry = registry
        try await withServer { client in
            let store = try GeoPackageFacilityStore(readingFrom: registry)
            let kind = try #require(PluginID(rawValue: "maternity_room"))
            let box = try BoundingBox(minX: 113.245, minY: 23.3, maxX: 113.355, maxY: 23.5)
            let boxed = try client.ids("/api/collections/maternity_room/items?bbox=113.245,23.3,113.355,23.5&limit=100")
            #expect(boxed == (try store.facilities(kind: kind, in: box, asOf: nil)).map(\.id.rawValue))
            #expect(boxed.count == 11)

            let day = try #require(CivilDate(parsing: "2023-06-30"))
            let open = try store.facilities(kind: kind, in: nil, asOf: day).map(\.id.rawValue)
            #expect(open.count == 25)
            for datetime in ["2023-06-30", "2023-06-30T12:00:00Z", "2020-01-01/2023-06-30", "../2023-06-30"] {
                let served = try client.ids("/api/collections/maternity_room/items?limit=100&datetime=\(datetime)")
                #expect(served == open, "datetime=\(datetime)")
            }
            let before = try client.ids("/api/collections/maternity_room/items?limit=100&datetime=2021-12-31")
            #expect(before == (try store.facilities(kind: kind, in: nil, asOf: CivilDate(parsing: "2021-12-31"))).map(\.id.rawValue))
            #expect(before.count == 25 - 9)
            // An interval open at its end is read as of today: the rooms closed since 2024 are gone.
            let now = try client.ids("/api/collections/maternity_room/items?limit=100&datetime=2020-01-01/..")
            #expect(now.count == 20)
        }
    }

    @Test func oneItemByIdAndNotFound() async throws {
        try await withServer { client in
            let item = try client.get("/api/collections/maternity_room/items/node%2F42")
            #expect(item.status == 200)
            let feature = try item.object()
            #expect(feature["id"] as? String == "node/42")
            #expect(feature["type"] as? String == "Feature")
            let links = feature["links"] as? [[String: Any]] ?? []
            #expect(links.contains { ($0["href"] as? String)?.hasSuffix("/items/node%2F42") == true })

            for path in ["/api/collections/maternity_room/items/MR-999", "/api/collections/no_such_kind/items",
                         "/api/collections/park", "/api/collections/park/items"] {
                let missing = try client.get(path)
                #expect(missing.status == 404, "\(path)")
                #expect(missing.contentType == "application/problem+json", "\(path)")
            }
        }
    }

    @Test(arguments: [
        ("limit=abc", "limit"), ("limit=0", "limit"), ("offset=-1", "offset"), ("bbox=1,2,3", "bbox"),
        ("bbox=10,0,5,1", "bbox"), ("bbox=200,0,210,1", "bbox"), ("datetime=yesterday", "datetime"),
        ("datetime=2025-12-31/2020-01-01", "datetime"), ("datetime=../..", "datetime"), ("f=html", "f"),
        ("colour=red", "colour"), ("limit=1&limit=2", "limit"), ("bbox-crs=EPSG:4490", "bbox-crs"),
    ])
    func badParametersAreNamed(query: String, parameter: String) async throws {
        try await withServer { client in
            let response = try client.get("/api/collections/maternity_room/items?\(query)")
            #expect(response.status == 400)
            #expect(response.contentType == "application/problem+json")
            let problem = try response.object()
            #expect(problem["parameter"] as? String == parameter)
            #expect(problem["status"] as? Int == 400)
            #expect((problem["detail"] as? String)?.hasPrefix(parameter + ":") == true)
        }
    }

    @Test func limitAboveTheMaximumIsServedAsTheMaximum() async throws {
        try await withServer { client in
            let page = try client.json("/api/collections/maternity_room/items?limit=999999")
            #expect(page["numberReturned"] as? Int == 25)
            let links = page["links"] as? [[String: Any]] ?? []
            let selfLink = links.first { $0["rel"] as? String == "self" }?["href"] as? String
            #expect(selfLink?.contains("limit=\(ItemsQuery.maximumLimit)") == true)
        }
    }

    @Test func englishTitlesAndMessages() async throws {
        try await withServer(language: .en) { client in
            let collections = try client.json("/api/collections")["collections"] as? [[String: Any]] ?? []
            #expect(collections.first?["title"] as? String == "Nursing room")
            let missing = try client.get("/api/collections/nothing/items").object()
            #expect((missing["detail"] as? String)?.contains("no collection nothing") == true)
        }
    }

    // MARK: OpenAPI

    @Test func openAPIDocumentDescribesTheRealPaths() async throws {
        try await withServer { client in
            let response = try client.get("/api/openapi.json")
            #expect(response.status == 200)
            #expect(response.contentType.hasPrefix("application/vnd.oai.openapi+json"))
            let document = try response.object()
            #expect(document["openapi"] as? String == "3.0.3")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(Set(paths.keys).isSuperset(of: [
                "/api", "/api/conformance", "/api/collections", "/api/collections/maternity_room/items",
                "/api/collections/maternity_room/items/{featureId}", "/api/collections/public_toilet/items",
            ]))
            // Every path the document names answers (with a room's id filled in: there are no toilets).
            for path in paths.keys {
                let concrete = path.replacingOccurrences(of: "{featureId}", with: "MR-001")
                let expected = concrete.hasPrefix("/api/collections/public_toilet/items/") ? 404 : 200
                #expect(try client.get(concrete).status == expected, "\(concrete)")
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let properties = (schemas["maternity_room.Properties"] as? [String: Any])?["properties"] as? [String: Any]
            let area = try #require(properties?["area_m2"] as? [String: Any])
            #expect(area["type"] as? String == "number" && area["maximum"] as? Double == 1000)
            let venueType = try #require(properties?["venue_type"] as? [String: Any])
            #expect((venueType["enum"] as? [Any])?.contains { $0 as? String == "commercial" } == true)
        }
    }

    @Test(.enabled(
        if: ToolRunner.pythonModuleAvailable("openapi_spec_validator"),
        "needs Python's openapi-spec-validator (pip install openapi-spec-validator)"))
    func openAPIDocumentIsValidOpenAPI30() async throws {
        try await withServer { client in
            let document = try client.get("/api/openapi.json").body
            let file = folder.file("openapi.json")
            try document.write(to: file)
            let result = try ToolRunner.run("python3", [
                "-c",
                "import json,sys; from openapi_spec_validator import validate; "
                    + "from openapi_spec_validator.validation.validators import OpenAPIV30SpecValidator; "
                    + "validate(json.load(open(sys.argv[1])), cls=OpenAPIV30SpecValidator); print('valid')",
                file.path,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("valid"))
        }
    }

    // MARK: Logs and concurrent writes

    @Test func accessLogHasOneLinePerRequestWithoutTheQuery() async throws {
        let lines = LogLines()
        try await withServer(log: AccessLog { lines.append($0) }) { client in
            _ = try client.get("/api/collections/maternity_room/items?limit=2&token=secret")
            _ = try client.get("/api/collections/maternity_room/items/MR-001")
        }
        let entries = try lines.all.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(entries.count == 2)
        #expect(entries.first?["method"] as? String == "GET")
        #expect(entries.first?["path"] as? String == "/api/collections/maternity_room/items")
        #expect(entries.first?["status"] as? Int == 400)
        #expect(entries.last?["status"] as? Int == 200)
        #expect(entries.allSatisfy { $0["ms"] is Double && $0["at"] is String })
        #expect(!lines.all.joined().contains("secret"))
    }

    @Test func readsNeverFailWhileAnImportWrites() async throws {
        let kind = try #require(PluginID(rawValue: "maternity_room"))
        let plugin = try plugins.plugin(for: "maternity_room")
        let registry = registry
        try await withServer { client in
            let writing = Task.detached {
                let writer = try GeoPackageFacilityStore(path: registry)
                try writer.prepare(kind: plugin.descriptor, schema: plugin.schema)
                for batch in 0..<20 {
                    let records = (0..<50).map { index in
                        FacilityRecord(
                            id: FacilityID("W-\(batch)-\(index)"), kind: kind, name: "新 \(batch)-\(index)",
                            location: Coordinate(x: 113.0 + Double(index) * 0.001, y: 23.0))
                    }
                    try writer.insert(records, actor: "import")
                }
            }
            var counts: [Int] = []
            for _ in 0..<40 {
                let response = try client.get("/api/collections/maternity_room/items?limit=1")
                #expect(response.status == 200)
                counts.append(try response.object()["numberMatched"] as? Int ?? -1)
            }
            try await writing.value
            #expect(counts.allSatisfy { $0 >= 25 && $0 <= 25 + 1000 })
            #expect(counts == counts.sorted())
            #expect(try client.json("/api/collections/maternity_room/items?limit=1")["numberMatched"] as? Int == 1025)
        }
    }

    // MARK: Running the server

    /// Runs the server on a free loopback port for `body`, then stops it.
    func withServer(
        language: ReportLanguage = .zh, log: AccessLog = AccessLog { _ in },
        _ body: @escaping @Sendable (Client) async throws -> Void
    ) async throws {
        let configuration = ServerConfiguration(
            registryPath: registry, plugins: plugins, host: "127.0.0.1", port: 0, language: language)
        let (urls, continuation) = AsyncStream.makeStream(of: URL.self)
        let server = RegistryServer(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.runUntilCancelled(accessLog: log) { continuation.yield($0) } }
            var iterator = urls.makeAsyncIterator()
            let url = try #require(await iterator.next())
            try await body(Client(api: url))
            group.cancelAll()
        }
    }

    /// curl against the running server: an HTTP client that is not ours.
    struct Client: Sendable {
        let api: URL

        struct Response {
            var status: Int
            var contentType: String
            var body: Data

            func object() throws -> [String: Any] {
                try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            }
        }

        /// GET of a path on the server (`/api/...`) or of a whole URL (a link it gave).
        func get(_ target: String) throws -> Response {
            let url = target.hasPrefix("http") ? target : "http://\(api.host!):\(api.port!)\(target)"
            let result = try ToolRunner.run(
                "curl", ["-s", "-S", "--globoff", "-w", "\n%{http_code} %{content_type}", url])
            try #require(result.status == 0, "curl \(url): \(result.stderr)")
            let data = result.stdoutData
            let split = try #require(data.lastIndex(of: UInt8(ascii: "\n")))
            let trailer = String(decoding: data[(split + 1)...], as: UTF8.self).split(separator: " ", maxSplits: 1)
            return Response(
                status: Int(trailer.first ?? "") ?? 0, contentType: trailer.count > 1 ? String(trailer[1]) : "",
                body: data[..<split])
        }

        func json(_ target: String) throws -> [String: Any] {
            let response = try get(target)
            try #require(response.status == 200, "\(target): \(String(decoding: response.body, as: UTF8.self))")
            return try response.object()
        }

        func ids(_ target: String) throws -> [String] {
            (try json(target)["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
    }

    /// Access log lines collected from the server's threads.
    final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }
}
