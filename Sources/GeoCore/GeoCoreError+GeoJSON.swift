/// Helpers that turn decoding failures into `GeoCoreError.invalidGeoJSON` messages naming where in the
/// document the problem is, e.g. `features[12].geometry.coordinates[0]: …`.
extension GeoCoreError {
    /// A GeoJSON error at a place in the document.
    static func invalidGeoJSON(at path: String, _ reason: String) -> GeoCoreError {
        .invalidGeoJSON("\(path): \(reason)")
    }

    /// A coding path as a JSON path: `features[12].geometry`; `top level` for the document itself.
    static func geoJSONPath(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "top level" : path
    }

    /// The path of a member of the value being decoded at `codingPath`.
    static func geoJSONPath(_ codingPath: [any CodingKey], member: String) -> String {
        codingPath.isEmpty ? member : "\(geoJSONPath(codingPath)).\(member)"
    }

    /// The error of a value decoded alone, placed at `path` in the document: `geometry.type: …` of
    /// the feature decoded alone becomes `features[3].geometry.type: …`.
    func within(_ path: String) -> GeoCoreError {
        guard case .invalidGeoJSON(let message) = self else { return self }
        if message.hasPrefix("top level: ") { return .invalidGeoJSON(path + ": " + message.dropFirst(11)) }
        if message.hasPrefix("[") { return .invalidGeoJSON(path + message) }
        if message.hasPrefix("not valid JSON") { return .invalidGeoJSON(path + ": " + message) }
        return .invalidGeoJSON(path + "." + message)
    }

    /// A decoder's complaint, reworded with its JSON path.
    init(geoJSON error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self = .invalidGeoJSON(at: Self.geoJSONPath(context.codingPath), "missing member \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context):
            self = .invalidGeoJSON(at: Self.geoJSONPath(context.codingPath), "expected \(Self.jsonKind(of: type))")
        case .valueNotFound(let type, let context):
            self = .invalidGeoJSON(
                at: Self.geoJSONPath(context.codingPath), "expected \(Self.jsonKind(of: type)), found null")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = context.underlyingError.map { " (\($0))" } ?? ""
            self = .invalidGeoJSON("not valid JSON: \(context.debugDescription)\(detail)")
        case .dataCorrupted(let context):
            self = .invalidGeoJSON(at: Self.geoJSONPath(context.codingPath), context.debugDescription)
        @unknown default:
            self = .invalidGeoJSON("\(error)")
        }
    }

    /// How a JSON reader would name the kind of value a Swift type is decoded from.
    private static func jsonKind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Int.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
