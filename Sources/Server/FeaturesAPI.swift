import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import HTTPTypes

/// OGC API – Features Part 1 Core over the registry: the documents of each endpoint, built from the registry as it is
/// at the request (opened read-only for each one) and the plugins of the run. No HTTP here: `FeaturesRoutes` serves
/// these documents.
struct FeaturesAPI: Sendable {
    let configuration: ServerConfiguration

    static let conformanceClasses = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ]
    static let geoJSON = "application/geo+json"
    static let openAPIType = "application/vnd.oai.openapi+json;version=3.0"

    var language: ReportLanguage { configuration.language }

    func text(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    // MARK: Documents

    /// `/api`: the landing page.
    func landingPage(base: String) -> JSONValue {
        .object([
            "title": .string(text("LifeCircle 设施登记库", "LifeCircle facility registry")),
            "description": .string(text(
                "登记库（\(registryName)）中的设施，按类别提供（OGC API – Features）。",
                "The facilities of the registry (\(registryName)) by kind, as OGC API – Features.")),
            "links": .array([
                link(base + "/api", rel: "self", type: "application/json", title: text("本页", "This document")),
                link(base + "/api/openapi.json", rel: "service-desc", type: Self.openAPIType,
                     title: text("API 定义（OpenAPI 3.0）", "The API definition (OpenAPI 3.0)")),
                link(base + "/api/conformance", rel: "conformance", type: "application/json",
                     title: text("符合的标准类", "Conformance classes")),
                link(base + "/api/collections", rel: "data", type: "application/json",
                     title: text("设施类别", "Facility kinds")),
            ]),
        ])
    }

    /// `/api/conformance`.
    func conformance() -> JSONValue {
        .object(["conformsTo": .array(Self.conformanceClasses.map(JSONValue.string))])
    }

    /// `/api/collections`: one collection per kind the registry holds and a plugin of this run describes.
    func collections(base: String) throws(APIProblem) -> JSONValue {
        let described = try readStore { store in
            try servedKinds(store).map { plugin in
                try collection(plugin, records: store.facilities(kind: plugin.id, in: nil, asOf: nil), base: base)
            }
        }
        return .object([
            "links": .array([link(base + "/api/collections", rel: "self", type: "application/json")]),
            "collections": .array(described),
            "crs": .array([.string(ItemsQuery.crs84)]),
        ])
    }

    /// `/api/collections/{kind}`.
    func collection(kind: String, base: String) throws(APIProblem) -> JSONValue {
        try readStore { store in
            let plugin = try servedPlugin(kind, store: store)
            return try collection(plugin, records: store.facilities(kind: plugin.id, in: nil, asOf: nil), base: base)
        }
    }

    /// `/api/collections/{kind}/items`: a page of the facilities in the box open on the date, by facility id.
    func items(kind: String, query: ItemsQuery, base: String) throws(APIProblem) -> ItemsPage {
        try readStore { store in
            let plugin = try servedPlugin(kind, store: store)
            let matched = try store.facilities(kind: plugin.id, in: query.bbox, asOf: query.asOf)
            let start = min(query.offset, matched.count)
            let page = matched[start..<min(start + query.limit, matched.count)]
            let items = "\(base)/api/collections/\(plugin.id.rawValue)/items"
            var links = [
                Link(href: items + "?" + query.query(offset: query.offset), rel: "self", type: Self.geoJSON),
                Link(href: "\(base)/api/collections/\(plugin.id.rawValue)", rel: "collection", type: "application/json"),
            ]
            if start + query.limit < matched.count {
                links.append(Link(
                    href: items + "?" + query.query(offset: start + query.limit), rel: "next", type: Self.geoJSON,
                    title: text("下一页", "Next page")))
            }
            if query.offset > 0 {
                links.append(Link(
                    href: items + "?" + query.query(offset: max(0, min(query.offset, matched.count) - query.limit)),
                    rel: "prev", type: Self.geoJSON, title: text("上一页", "Previous page")))
            }
            let exporter = FacilityExporter(plugin: plugin)
            return ItemsPage(
                features: page.map { feature($0, exporter: exporter) }, links: links, numberMatched: matched.count,
                timeStamp: Date())
        }
    }

    /// `/api/collections/{kind}/items/{id}`.
    func item(kind: String, id: String, base: String) throws(APIProblem) -> ItemDocument {
        try readStore { store in
            let plugin = try servedPlugin(kind, store: store)
            guard let record = try store.facility(kind: plugin.id, id: FacilityID(id)) else {
                throw APIProblem.notFound(text(
                    "\(plugin.id.rawValue) 中没有编号为 \(id) 的设施", "\(plugin.id.rawValue) has no facility \(id)"))
            }
            let collection = "\(base)/api/collections/\(plugin.id.rawValue)"
            return ItemDocument(
                feature: feature(record, exporter: FacilityExporter(plugin: plugin)),
                links: [
                    Link(href: "\(collection)/items/\(Self.pathSegment(id))", rel: "self", type: Self.geoJSON),
                    Link(href: collection, rel: "collection", type: "application/json"),
                ])
        }
    }

    /// The plugins of the collections served now, by id.
    func servedPlugins() throws(APIProblem) -> [any FacilityPlugin] {
        try readStore { store in try servedKinds(store) }
    }

    // MARK: Parts

    var registryName: String { URL(fileURLWithPath: configuration.registryPath).lastPathComponent }

    func collection(_ plugin: any FacilityPlugin, records: [FacilityRecord], base: String) -> JSONValue {
        let descriptor = plugin.descriptor
        let other = language == .zh ? descriptor.name.en : descriptor.name.zh
        var object: [String: JSONValue] = [
            "id": .string(descriptor.id.rawValue),
            "title": .string(descriptor.name.text(for: language)),
            "description": .string(descriptor.summary.map { "\(other) — \($0.text(for: language))" } ?? other),
            "itemType": "feature",
            "crs": .array([.string(ItemsQuery.crs84)]),
            "storageCrs": .string(ItemsQuery.crs84),
            "links": .array([
                link("\(base)/api/collections/\(descriptor.id.rawValue)", rel: "self", type: "application/json"),
                link("\(base)/api/collections/\(descriptor.id.rawValue)/items", rel: "items", type: Self.geoJSON,
                     title: descriptor.name.text(for: language)),
            ]),
        ]
        if let box = BoundingBox(covering: records.map(\.location)) {
            let opened = records.compactMap(\.opened).min()
            object["extent"] = .object([
                "spatial": .object([
                    "bbox": .array([.array([box.minX, box.minY, box.maxX, box.maxY].map(JSONValue.number))]),
                    "crs": .string(ItemsQuery.crs84),
                ]),
                "temporal": .object([
                    "interval": .array([.array([opened.map { .string("\($0)T00:00:00Z") } ?? .null, .null])]),
                    "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
                ]),
            ])
        }
        return .object(object)
    }

    /// A facility as a GeoJSON feature: the export's properties (facility_id, name, opened, closed, the fields).
    func feature(_ record: FacilityRecord, exporter: FacilityExporter) -> Feature {
        Feature(id: .string(record.id.rawValue), geometry: .point(record.location), properties: exporter.properties(of: record))
    }

    func link(_ href: String, rel: String, type: String, title: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["href": .string(href), "rel": .string(rel), "type": .string(type)]
        if let title { object["title"] = .string(title) }
        return .object(object)
    }

    /// A facility id as one path segment (`node/1` → `node%2F1`).
    static func pathSegment(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    // MARK: The store

    /// The kinds the registry holds that a plugin of this run describes.
    func servedKinds(_ store: GeoPackageFacilityStore) throws -> [any FacilityPlugin] {
        try store.kinds().compactMap { configuration.plugins.entry(for: $0)?.plugin }
    }

    func servedPlugin(_ kind: String, store: GeoPackageFacilityStore) throws -> any FacilityPlugin {
        guard let id = PluginID(rawValue: kind), let entry = configuration.plugins.entry(for: id),
            try store.kinds().contains(id)
        else {
            let served = try servedKinds(store).map(\.id.rawValue).joined(separator: ", ")
            throw APIProblem.notFound(text(
                "没有类别 \(kind) 的集合；现有：\(served)", "no collection \(kind); the collections are: \(served)"))
        }
        return entry.plugin
    }

    /// Opens the registry read-only for this request: a writer at work never makes it wait or fail.
    func readStore<T>(_ body: (GeoPackageFacilityStore) throws -> T) throws(APIProblem) -> T {
        do {
            return try body(try GeoPackageFacilityStore(readingFrom: configuration.registryPath))
        } catch let problem as APIProblem {
            throw problem
        } catch let error as StoreError {
            if case .unknownKind(let kind, _) = error {
                throw .notFound(text("登记库中没有类别 \(kind)", "the registry holds no kind \(kind)"))
            }
            throw APIProblem(status: .internalServerError, detail: error.description, parameter: nil)
        } catch {
            throw APIProblem(status: .internalServerError, detail: "\(error)", parameter: nil)
        }
    }
}

/// A link of a document (OGC API – Features, /req/core/...-links).
struct Link: Encodable, Equatable, Sendable {
    var href: String
    var rel: String
    var type: String
    var title: String?
}

/// A page of items: a GeoJSON FeatureCollection (its features written by GeoCore) with the paging members.
struct ItemsPage: Encodable, Sendable {
    var features: [Feature]
    var links: [Link]
    var numberMatched: Int
    var timeStamp: Date

    var numberReturned: Int { features.count }

    enum Key: String, CodingKey {
        case type, features, links, numberMatched, numberReturned, timeStamp
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode("FeatureCollection", forKey: .type)
        try container.encode(features, forKey: .features)
        try container.encode(links, forKey: .links)
        try container.encode(numberMatched, forKey: .numberMatched)
        try container.encode(numberReturned, forKey: .numberReturned)
        try container.encode(timeStamp.formatted(Date.ISO8601FormatStyle()), forKey: .timeStamp)
    }
}

/// One item: the GeoJSON Feature (written by GeoCore) and its links.
struct ItemDocument: Encodable, Sendable {
    var feature: Feature
    var links: [Link]

    enum Key: String, CodingKey { case links }

    func encode(to encoder: any Encoder) throws {
        try feature.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(links, forKey: .links)
    }
}
