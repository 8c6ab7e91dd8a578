public import GeoPackage
public import Projection

extension SpatialReferenceSystem {
    /// The GeoPackage row for a CRS, with the WKT PROJ gives. An EPSG system keeps its code as `srs_id`;
    /// another (a PROJ string, a local 城建 WKT, gcj02) gets a stable id from 100000 up, derived from its definition.
    public init(crs: CRS) throws(ProjectionError) {
        let wkt = try crs.wkt(.wkt1GDAL)
        if let code = crs.epsgCode {
            self = .epsg(Int32(code), name: crs.name, definition: wkt)
        } else {
            // FNV-1a of the definition: the same CRS gets the same id in every file.
            var hash: UInt32 = 2_166_136_261
            for byte in crs.definition.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            let id = 100_000 + Int32(hash % 800_000)
            self.init(id: id, name: crs.name, organization: "NONE", organizationCoordsysID: id, definition: wkt,
                      description: crs.definition)
        }
    }

    /// The CRS this row describes: by its EPSG code where it has one, otherwise by its WKT.
    public var crsText: String {
        organization.uppercased() == "EPSG" ? "EPSG:\(organizationCoordsysID)" : definition
    }
}
