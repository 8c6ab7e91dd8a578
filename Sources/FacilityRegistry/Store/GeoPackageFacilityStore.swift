public import FacilityKit
public import Foundation
public import GeoCore
public import GeoPackage

/// The registry file: a GeoPackage with one point feature table per facility kind (named by the
/// plugin id, srs 4326, R-tree indexed), the `lifecircle_kinds` table recording each kind's plugin
/// version and schema fingerprint, and the `lifecircle_audit` table. GDAL and QGIS open it as it is.
public final class GeoPackageFacilityStore: FacilityStore {
    public let path: String
    let file: GeoPackageFile
    let now: @Sendable () -> Date
    /// The schemas of the kinds prepared in this session; writes validate against them.
    var schemas: [PluginID: AttributeSchema] = [:]

    /// Opens the registry at `path`, creating it when missing, and makes sure it has the
    /// registry's tables and the given spatial reference systems (EPSG:4326 is always there).
    /// Opening an existing registry that has them writes nothing.
    public init(
        path: String, spatialReferenceSystems: [SpatialReferenceSystem] = [],
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.path = path
        self.now = now
        do {
            file = try GeoPackageFile(path: path, mode: .create)
            try file.write { tx in
                for srs in spatialReferenceSystems { try tx.register(srs) }
                for table in [Self.kindsTable, Self.auditTable] where try tx.table(named: table.name) == nil {
                    try tx.createTable(table)
                }
                try Self.addMissingAuditColumns(tx)
            }
        } catch let error as GeoPackageError {
            throw Self.storeError(error, path: path)
        }
    }

    /// Opens the existing registry at `path` for reading only: it never waits for a writer, and it writes nothing,
    /// not even a rolled-back transaction.
    public init(readingFrom path: String) throws {
        self.path = path
        now = { Date() }
        do {
            file = try GeoPackageFile(path: path, mode: .readOnly)
        } catch let error as GeoPackageError {
            throw Self.storeError(error, path: path)
        }
    }

    public func prepare(kind descriptor: PluginDescriptor, schema: AttributeSchema) throws {
        let kind = descriptor.id
        try FacilityStoreRules.checkKindName(kind)
        let stored = StoredSchema(schema)
        try perform {
            try file.write { tx in
                if let row = try kindRow(tx, kind) {
                    try migrate(tx, kind: kind, from: row, to: stored, schema: schema)
                    let updated = kindsRow(descriptor, stored, fid: row.fid)
                    let recorded = ["plugin_version", "api_version", "schema_fingerprint"]
                    if recorded.contains(where: { row[$0] != updated[$0] }) {
                        try tx.replace(updated, in: Self.kindsTable.name)
                    }
                } else {
                    guard try tx.table(named: kind.rawValue) == nil else {
                        throw StoreError.invalidKind(
                            kind, reason: "the GeoPackage has a table of that name that is not a registry kind")
                    }
                    try tx.createTable(Self.kindTable(descriptor, schema: schema))
                    try tx.insert([kindsRow(descriptor, stored, fid: nil)], into: Self.kindsTable.name)
                }
                try describeColumns(tx, kind: kind, schema: schema)
            }
        }
        schemas[kind] = schema
    }

    public func kinds() throws -> [PluginID] {
        try perform { try file.read { try knownKinds($0) } }
    }

    public func insert(_ records: [FacilityRecord], actor: String) throws {
        try apply(records.map(FacilityChange.insert), actor: actor)
    }

    public func update(_ record: FacilityRecord, actor: String) throws {
        try apply([.update(record)], actor: actor)
    }

    public func close(kind: PluginID, id: FacilityID, on date: CivilDate, actor: String) throws {
        try apply([.close(kind: kind, id: id, on: date)], actor: actor)
    }

    public func delete(kind: PluginID, id: FacilityID, reason: String, actor: String) throws {
        try apply([.delete(kind: kind, id: id, reason: reason)], actor: actor)
    }

    public func facility(kind: PluginID, id: FacilityID) throws -> FacilityRecord? {
        try perform {
            try file.read { tx in
                try checkKnown(tx, kind)
                return try storedRow(tx, kind: kind, id: id)?.record
            }
        }
    }

    public func facilities(kind: PluginID, in box: BoundingBox?, asOf date: CivilDate?) throws -> [FacilityRecord] {
        try perform {
            try file.read { tx in
                try checkKnown(tx, kind)
                return FacilityStoreRules.select(try records(tx, kind: kind, in: box), in: box, asOf: date)
            }
        }
    }

    public func auditTrail(kind: PluginID?, id: FacilityID?) throws -> [AuditEntry] {
        var conditions: [String: ColumnValue] = [:]
        if let kind { conditions["kind"] = .text(kind.rawValue) }
        if let id { conditions["facility_id"] = .text(id.rawValue) }
        return try perform {
            try file.read { tx in
                try tx.rows(in: Self.auditTable.name, matching: conditions).map(auditEntry)
            }
        }
    }

    // MARK: Internals

    /// Runs store work, turning GeoPackage failures into ``StoreError/storage(path:reason:)``.
    func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GeoPackageError {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: GeoPackageError, path: String) -> StoreError {
        var located = error
        located.file = nil
        return error.kind == .busy
            ? .busy(path: path, reason: located.description) : .storage(path: path, reason: located.description)
    }

    /// The schema to validate writes to a kind with.
    func schemaForWriting(_ kind: PluginID, known: [PluginID]) throws -> AttributeSchema {
        if let schema = schemas[kind] { return schema }
        throw known.contains(kind) ? StoreError.unpreparedKind(kind) : StoreError.unknownKind(kind, known: known)
    }

    func checkKnown(_ tx: GeoPackageTransaction, _ kind: PluginID) throws {
        let known = try knownKinds(tx)
        guard known.contains(kind) else { throw StoreError.unknownKind(kind, known: known) }
    }
}
