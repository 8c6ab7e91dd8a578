public import GeoCore

/// The generic feature-layer writer and reader shared by the facility store, export and import.
extension GeoPackageTransaction {
    /// Creates the layer's table and writes its features. Each property named by a column is
    /// converted to the column's type (an error names the feature and column when it does not
    /// fit); other properties and feature ids are not written.
    @discardableResult
    public func writeLayer(
        _ layer: FeatureLayer, identifier: String? = nil, description: String? = nil
    ) throws -> [Int64] {
        try createTable(
            TableDefinition(
                name: layer.name, geometry: layer.geometry, columns: layer.columns, identifier: identifier,
                description: description))
        var rows: [FeatureRow] = []
        rows.reserveCapacity(layer.features.count)
        for (index, feature) in layer.features.enumerated() {
            var row = FeatureRow(geometry: feature.geometry)
            for column in layer.columns {
                switch ColumnValue.from(feature.properties[column.name] ?? .null, for: column.type) {
                case .success(let value): row.values[column.name] = value
                case .failure(let failure):
                    throw failure.located(file: file, table: layer.name, position: index + 1).withColumn(column.name)
                }
            }
            rows.append(row)
        }
        return try insert(rows, into: layer.name)
    }

    /// A layer's rows as features: the fid as id, every column as a property.
    public func readLayer(named name: String) throws -> FeatureLayer {
        let definition = try tableDefinition(name)
        let features = try rows(in: name).map { row in
            Feature(
                id: row.fid.map { .number(Double($0)) }, geometry: row.geometry,
                properties: Dictionary(
                    uniqueKeysWithValues: definition.columns.map { ($0.name, row[$0.name].jsonValue) }))
        }
        return FeatureLayer(name: name, geometry: definition.geometry, columns: definition.columns, features: features)
    }
}

extension GeoPackageFile {
    /// The user tables of the file, by name.
    public func layers() throws -> [LayerInfo] {
        try read { try $0.layers() }
    }

    /// One layer as features.
    public func readLayer(named name: String) throws -> FeatureLayer {
        try read { try $0.readLayer(named: name) }
    }

    /// Writes a new layer in one transaction.
    @discardableResult
    public func writeLayer(
        _ layer: FeatureLayer, identifier: String? = nil, description: String? = nil
    ) throws -> [Int64] {
        try write { try $0.writeLayer(layer, identifier: identifier, description: description) }
    }

    /// Adds spatial reference systems that are not there yet.
    public func register(_ systems: [SpatialReferenceSystem]) throws {
        try write { tx in
            for srs in systems { try tx.register(srs) }
        }
    }
}

extension Column {
    /// Columns for the features' properties, by name: BOOLEAN when every value is a boolean,
    /// INTEGER when every value is a whole number, REAL for numbers, TEXT otherwise (nulls ignored).
    public static func inferred(from features: [Feature]) -> [Column] {
        var values: [String: [JSONValue]] = [:]
        for feature in features {
            for (key, value) in feature.properties {
                values[key, default: []].append(value)
            }
        }
        return values.keys.sorted().map { name in
            let present = (values[name] ?? []).filter { !$0.isNull }
            let type: ColumnType
            if !present.isEmpty, present.allSatisfy({ $0.boolValue != nil }) {
                type = .boolean
            } else if !present.isEmpty,
                present.allSatisfy({ $0.numberValue.map { $0.rounded() == $0 && abs($0) < 9e15 } ?? false })
            {
                type = .integer
            } else if !present.isEmpty, present.allSatisfy({ $0.numberValue != nil }) {
                type = .real
            } else {
                type = .text
            }
            return Column(name, type)
        }
    }
}
