/// A row of `gpkg_spatial_ref_sys`. Definitions are WKT that callers get from PROJ; this module
/// never interprets them.
public struct SpatialReferenceSystem: Hashable, Sendable {
    /// `srs_id`, the number geometry blobs and columns refer to (by convention the EPSG code).
    public var id: Int32
    public var name: String
    public var organization: String
    public var organizationCoordsysID: Int32
    /// WKT (OGC 12-063 / ISO 19162), or `undefined` for the two undefined systems.
    public var definition: String
    public var description: String?

    public init(
        id: Int32, name: String, organization: String, organizationCoordsysID: Int32, definition: String,
        description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.organization = organization
        self.organizationCoordsysID = organizationCoordsysID
        self.definition = definition
        self.description = description
    }

    /// An EPSG system whose `srs_id` is its code.
    public static func epsg(_ code: Int32, name: String, definition: String, description: String? = nil) -> Self {
        Self(
            id: code, name: name, organization: "EPSG", organizationCoordsysID: code, definition: definition,
            description: description)
    }

    /// WGS 84 longitude/latitude, with the definition the GeoPackage specification gives.
    public static let wgs84 = epsg(
        4326, name: "WGS 84 geodetic",
        definition: """
            GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
            AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
            UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]
            """,
        description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")

    /// The required `srs_id = -1` row.
    public static let undefinedCartesian = Self(
        id: -1, name: "Undefined cartesian SRS", organization: "NONE", organizationCoordsysID: -1,
        definition: "undefined", description: "undefined cartesian coordinate reference system")

    /// The required `srs_id = 0` row.
    public static let undefinedGeographic = Self(
        id: 0, name: "Undefined geographic SRS", organization: "NONE", organizationCoordsysID: 0,
        definition: "undefined", description: "undefined geographic coordinate reference system")

    /// The rows every GeoPackage has.
    public static let required: [Self] = [undefinedCartesian, undefinedGeographic, wgs84]
}
