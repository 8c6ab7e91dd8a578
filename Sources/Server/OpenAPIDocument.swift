import FacilityKit
import FacilityRegistry
import GeoCore

/// `/api/openapi.json`: the OpenAPI 3.0 definition of the paths the server answers, with one items schema per
/// collection made from its plugin's schema, so a client knows each kind's fields, types, units and enum values.
struct OpenAPIDocument {
    let api: FeaturesAPI

    func document(base: String) throws(APIProblem) -> JSONValue {
        let plugins = try api.servedPlugins()
        var paths: [String: JSONValue] = [
            "/api": get(
                "landingPage", api.text("登记库的入口", "The landing page"), parameters: [reference("f")],
                response: ("application/json", schemaReference("LandingPage"))),
            "/api/conformance": get(
                "conformance", api.text("符合的标准类", "The conformance classes"), parameters: [reference("f")],
                response: ("application/json", schemaReference("Conformance"))),
            "/api/openapi.json": get(
                "openAPI", api.text("本 API 定义", "This API definition"), parameters: [],
                response: (FeaturesAPI.openAPIType, .object(["type": "object"]))),
            "/api/collections": get(
                "collections", api.text("设施类别", "The facility kinds"), parameters: [reference("f")],
                response: ("application/json", schemaReference("Collections"))),
        ]
        var schemas = Self.commonSchemas
        for plugin in plugins {
            let kind = plugin.id.rawValue
            let name = plugin.descriptor.name.text(for: api.language)
            paths["/api/collections/\(kind)"] = get(
                "collection_\(kind)", api.text("类别“\(name)”", "The kind \(name)"), parameters: [reference("f")],
                response: ("application/json", schemaReference("Collection")), notFound: true)
            paths["/api/collections/\(kind)/items"] = get(
                "items_\(kind)", api.text("\(name)：按范围、日期分页", "\(name): by box and date, a page at a time"),
                parameters: ["limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "f"].map(reference),
                response: (FeaturesAPI.geoJSON, schemaReference("\(kind).FeatureCollection")), notFound: true)
            paths["/api/collections/\(kind)/items/{featureId}"] = get(
                "item_\(kind)", api.text("一处\(name)", "One \(name)"), parameters: [reference("featureId"), reference("f")],
                response: (FeaturesAPI.geoJSON, schemaReference("\(kind).Feature")), notFound: true)
            schemas.merge(Self.itemSchemas(plugin), uniquingKeysWith: { first, _ in first })
        }
        return .object([
            "openapi": "3.0.3",
            "info": .object([
                "title": .string(api.text("LifeCircle 设施登记库", "LifeCircle facility registry")),
                "version": "0.1.0",
                "description": .string(api.text(
                    "登记库（\(api.registryName)）的 OGC API – Features（第 1 部分：核心）。",
                    "OGC API – Features Part 1 (Core) over the registry \(api.registryName).")),
            ]),
            "servers": .array([.object(["url": .string(base)])]),
            "paths": .object(paths),
            "components": .object(["parameters": .object(Self.parameters), "schemas": .object(schemas)]),
        ])
    }

    // MARK: Operations

    func get(
        _ operationID: String, _ summary: String, parameters: [JSONValue], response: (type: String, schema: JSONValue),
        notFound: Bool = false
    ) -> JSONValue {
        var responses: [String: JSONValue] = [
            "200": .object([
                "description": .string(summary),
                "content": .object([response.type: .object(["schema": response.schema])]),
            ]),
            "400": problem(api.text("参数有误（problem 中写明哪个参数）", "A bad parameter (the problem names it)")),
        ]
        if notFound { responses["404"] = problem(api.text("没有这个类别或设施", "No such kind or facility")) }
        return .object([
            "get": .object([
                "operationId": .string(operationID), "summary": .string(summary),
                "parameters": .array(parameters), "responses": .object(responses),
            ])
        ])
    }

    func problem(_ description: String) -> JSONValue {
        .object([
            "description": .string(description),
            "content": .object(["application/problem+json": .object(["schema": schemaReference("Problem")])]),
        ])
    }

    func reference(_ parameter: String) -> JSONValue { .object(["$ref": .string("#/components/parameters/\(parameter)")]) }

    func schemaReference(_ name: String) -> JSONValue { .object(["$ref": .string("#/components/schemas/\(name)")]) }

    // MARK: Components

    static let parameters: [String: JSONValue] = [
        "limit": query(
            "limit", "The most features in one page (larger values are served as \(ItemsQuery.maximumLimit)).",
            schema: [
                "type": "integer", "minimum": 1, "maximum": .number(Double(ItemsQuery.maximumLimit)),
                "default": .number(Double(ItemsQuery.defaultLimit)),
            ]),
        "offset": query(
            "offset", "How many matching features to skip, for paging (the next and prev links carry it).",
            schema: ["type": "integer", "minimum": 0, "default": 0]),
        "bbox": .object([
            "name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
            "description": "Only features in the box W,S,E,N in CRS84 longitude/latitude.",
            "schema": .object([
                "type": "array", "minItems": 4, "maxItems": 6, "items": .object(["type": "number"]),
            ]),
        ]),
        "bbox-crs": query(
            "bbox-crs", "The system of bbox; only CRS84 is served.",
            schema: ["type": "string", "enum": .array([.string(ItemsQuery.crs84)])]),
        "crs": query(
            "crs", "The system of the response; only CRS84 is served.",
            schema: ["type": "string", "enum": .array([.string(ItemsQuery.crs84)])]),
        "datetime": query(
            "datetime",
            "The as-of date: only facilities open on it. A date (2025-12-31), a date-time, or an interval whose end "
                + "is used (2020-01-01/2025-12-31, ../2025-12-31; an open end, start/.., means today).",
            schema: ["type": "string"]),
        "f": query(
            "f", "The encoding: json (GeoJSON for items), the only one served.",
            schema: ["type": "string", "enum": .array(["json", "geojson"])]),
        "featureId": .object([
            "name": "featureId", "in": "path", "required": true,
            "description": "The facility id, percent-encoded as one path segment (node/1 → node%2F1).",
            "schema": .object(["type": "string"]),
        ]),
    ]

    static func query(_ name: String, _ description: String, schema: [String: JSONValue]) -> JSONValue {
        .object([
            "name": .string(name), "in": "query", "required": false, "description": .string(description),
            "schema": .object(schema),
        ])
    }

    static let link: JSONValue = .object([
        "type": "object", "required": .array(["href", "rel"]),
        "properties": .object([
            "href": .object(["type": "string"]), "rel": .object(["type": "string"]),
            "type": .object(["type": "string"]), "title": .object(["type": "string"]),
        ]),
    ])

    static var links: JSONValue { .object(["type": "array", "items": .object(["$ref": "#/components/schemas/Link"])]) }

    static var commonSchemas: [String: JSONValue] {
        [
            "Link": link,
            "Problem": .object([
                "type": "object", "required": .array(["status", "detail"]),
                "properties": .object([
                    "type": .object(["type": "string"]), "title": .object(["type": "string"]),
                    "status": .object(["type": "integer"]), "detail": .object(["type": "string"]),
                    "parameter": .object(["type": "string"]),
                ]),
            ]),
            "LandingPage": .object([
                "type": "object", "required": .array(["links"]),
                "properties": .object([
                    "title": .object(["type": "string"]), "description": .object(["type": "string"]), "links": links,
                ]),
            ]),
            "Conformance": .object([
                "type": "object", "required": .array(["conformsTo"]),
                "properties": .object([
                    "conformsTo": .object(["type": "array", "items": .object(["type": "string"])])
                ]),
            ]),
            "Collection": .object([
                "type": "object", "required": .array(["id", "links"]),
                "properties": .object([
                    "id": .object(["type": "string"]), "title": .object(["type": "string"]),
                    "description": .object(["type": "string"]), "itemType": .object(["type": "string"]),
                    "crs": .object(["type": "array", "items": .object(["type": "string"])]),
                    "storageCrs": .object(["type": "string"]),
                    "extent": .object(["type": "object"]), "links": links,
                ]),
            ]),
            "Collections": .object([
                "type": "object", "required": .array(["links", "collections"]),
                "properties": .object([
                    "links": links,
                    "collections": .object(["type": "array", "items": .object(["$ref": "#/components/schemas/Collection"])]),
                    "crs": .object(["type": "array", "items": .object(["type": "string"])]),
                ]),
            ]),
            "PointGeometry": .object([
                "type": "object", "required": .array(["type", "coordinates"]),
                "properties": .object([
                    "type": .object(["type": "string", "enum": .array(["Point"])]),
                    "coordinates": .object([
                        "type": "array", "minItems": 2, "maxItems": 2, "items": .object(["type": "number"]),
                    ]),
                ]),
            ]),
        ]
    }

    /// `KIND.Properties`, `KIND.Feature` and `KIND.FeatureCollection`, from the plugin's schema.
    static func itemSchemas(_ plugin: any FacilityPlugin) -> [String: JSONValue] {
        let kind = plugin.id.rawValue
        var properties: [String: JSONValue] = [
            "facility_id": .object(["type": "string", "title": "编号 / Facility id"]),
            "name": .object(["type": "string", "title": "名称 / Name"]),
            "opened": .object([
                "type": "string", "format": "date", "nullable": true, "title": "启用日期 / Opened",
            ]),
            "closed": .object([
                "type": "string", "format": "date", "nullable": true,
                "title": "停用日期（首个关闭日）/ Closed (first day closed)",
            ]),
        ]
        for field in plugin.schema.fields { properties[field.name] = fieldSchema(field) }
        return [
            "\(kind).Properties": .object([
                "type": "object", "required": .array(["facility_id", "name"]), "properties": .object(properties),
            ]),
            "\(kind).Feature": .object([
                "type": "object", "required": .array(["type", "geometry", "properties"]),
                "properties": .object([
                    "type": .object(["type": "string", "enum": .array(["Feature"])]),
                    "id": .object(["type": "string"]),
                    "geometry": .object(["$ref": "#/components/schemas/PointGeometry"]),
                    "properties": .object(["$ref": .string("#/components/schemas/\(kind).Properties")]),
                    "links": links,
                ]),
            ]),
            "\(kind).FeatureCollection": .object([
                "type": "object", "required": .array(["type", "features"]),
                "properties": .object([
                    "type": .object(["type": "string", "enum": .array(["FeatureCollection"])]),
                    "features": .object([
                        "type": "array", "items": .object(["$ref": .string("#/components/schemas/\(kind).Feature")]),
                    ]),
                    "links": links,
                    "numberMatched": .object(["type": "integer", "minimum": 0]),
                    "numberReturned": .object(["type": "integer", "minimum": 0]),
                    "timeStamp": .object(["type": "string", "format": "date-time"]),
                ]),
            ]),
        ]
    }

    /// A field as a JSON schema: its type, bounds, enum values, label and unit. Unset values are null.
    static func fieldSchema(_ field: FieldSpec) -> JSONValue {
        var schema: [String: JSONValue] = [
            "title": .string("\(field.label.zh) / \(field.label.en)"), "nullable": .bool(!field.required),
        ]
        switch field.type {
        case .integer: schema["type"] = "integer"
        case .real: schema["type"] = "number"
        case .text: schema["type"] = "string"
        case .boolean: schema["type"] = "boolean"
        case .date:
            schema["type"] = "string"
            schema["format"] = "date"
        case .enumeration(let options):
            schema["type"] = "string"
            schema["enum"] = .array(options.map { .string($0.value) } + (field.required ? [] : [.null]))
            schema["description"] = .string(
                options.map { "\($0.value): \($0.label.zh) / \($0.label.en)" }.joined(separator: "; "))
        }
        if let minimum = field.minimum { schema["minimum"] = .number(minimum) }
        if let maximum = field.maximum { schema["maximum"] = .number(maximum) }
        if let unit = field.unit { schema["description"] = .string("unit: \(unit)") }
        return .object(schema)
    }
}
