extension OSMTagMapping {
    /// What the tags of one OSM object say about its facility.
    public struct AttributeReading: Hashable, Sendable {
        public var attributes: [String: AttributeValue]
        /// Values that do not fit their field (`changing_table=limited` for a yes/no field), each
        /// naming the tag; the field is left empty.
        public var problems: [FieldProblem]
    }

    /// The attributes of a facility found in OSM: those the first matching condition implies, then
    /// those read from `attributeTags` (a tag on the object wins over an implied value). Values are
    /// parsed by their field, as list cells are; nothing is read from an object no condition matches.
    public func attributes(from tags: [String: String], schema: AttributeSchema) -> AttributeReading {
        var reading = AttributeReading(attributes: [:], problems: [])
        guard let condition = firstMatch(tags) else { return reading }
        func read(_ field: String, _ raw: String, from source: String) {
            guard let spec = schema.field(named: field) else {
                reading.problems.append(FieldProblem(field: field, reason: "\(source): the kind has no such field"))
                return
            }
            do {
                if let value = try spec.parse(raw) { reading.attributes[field] = value }
            } catch {
                reading.problems.append(FieldProblem(field: field, reason: "\(source): \(error.reason)"))
            }
        }
        let implied = condition.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: " + ")
        for (field, raw) in condition.impliedAttributes.sorted(by: { $0.key < $1.key }) {
            read(field, raw, from: "implied by OSM \(implied)")
        }
        for (field, key) in attributeTags.sorted(by: { $0.key < $1.key }) {
            guard let raw = tags[key] else { continue }
            read(field, raw, from: "OSM tag \(key)=\(raw)")
        }
        return reading
    }
}
