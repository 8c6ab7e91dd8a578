import GRDB

extension GeoPackageTransaction {
    /// Every row of `gpkg_spatial_ref_sys`, by `srs_id`.
    public func spatialReferenceSystems() throws -> [SpatialReferenceSystem] {
        try Row.fetchAll(db, sql: "\(Self.srsSelect) ORDER BY srs_id").map(Self.srs(from:))
    }

    public func spatialReferenceSystem(id: Int32) throws -> SpatialReferenceSystem? {
        try Row.fetchOne(db, sql: "\(Self.srsSelect) WHERE srs_id = ?", arguments: [id]).map(Self.srs(from:))
    }

    /// Adds the system unless a row with its `srs_id` is there. A row that is there must name the
    /// same organization and code (its WKT may differ: PROJ versions write WKT differently).
    public func register(_ srs: SpatialReferenceSystem) throws {
        if let existing = try spatialReferenceSystem(id: srs.id) {
            guard existing.organization.uppercased() == srs.organization.uppercased(),
                existing.organizationCoordsysID == srs.organizationCoordsysID
            else {
                throw error(
                    .unknownSRS,
                    "srs_id \(srs.id) is already \(existing.organization):\(existing.organizationCoordsysID) "
                        + "'\(existing.name)', not \(srs.organization):\(srs.organizationCoordsysID)",
                    table: "gpkg_spatial_ref_sys")
            }
            return
        }
        try Self.insert(srs, in: db)
    }

    static func insert(_ srs: SpatialReferenceSystem, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO gpkg_spatial_ref_sys
                  (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                srs.name, srs.id, srs.organization, srs.organizationCoordsysID, srs.definition, srs.description,
            ])
    }

    private static let srsSelect = """
        SELECT srs_id, srs_name, organization, organization_coordsys_id, definition, description
        FROM gpkg_spatial_ref_sys
        """

    private static func srs(from row: Row) -> SpatialReferenceSystem {
        SpatialReferenceSystem(
            id: row.int32("srs_id") ?? 0, name: row.string("srs_name") ?? "",
            organization: row.string("organization") ?? "",
            organizationCoordsysID: row.int32("organization_coordsys_id") ?? 0,
            definition: row.string("definition") ?? "", description: row.string("description"))
    }
}
