internal import CProj

extension CRS {
    /// The WKT dialects PROJ writes.
    public enum WKTVersion: Hashable, Sendable {
        /// ISO 19162:2019 (WKT2), PROJ's richest output.
        case wkt2_2019
        /// ISO 19162:2015 (OGC 12-063r5): GeoPackage's `gpkg_spatial_ref_sys.definition_12_063`.
        case wkt2_2015
        /// WKT1 as GDAL writes it (OGC 01-009 with GDAL's conventions): GeoPackage's
        /// `gpkg_spatial_ref_sys.definition`, and what older readers expect.
        case wkt1GDAL
        /// WKT1 as Esri writes it (`.prj` files).
        case wkt1ESRI
    }

    /// The CRS as WKT, written by PROJ on one line unless `multiline`.
    ///
    /// gcj02 and bd09 are not in any registry. They are written as a geographic CRS on the WGS 84
    /// ellipsoid with longitude first, under their own names and a datum named after the offset, with a
    /// REMARK saying what they are; so QGIS and GDAL show them as custom systems and never take them
    /// silently for WGS 84. This text only describes them: transformations use ``ChineseMapOffsets``.
    public func wkt(_ version: WKTVersion = .wkt2_2019, multiline: Bool = false) throws(ProjectionError)
        -> String
    {
        let context = try ProjContext()
        let object = try makeObject(in: context)
        let type: PJ_WKT_TYPE =
            switch version {
            case .wkt2_2019: PJ_WKT2_2019
            case .wkt2_2015: PJ_WKT2_2015
            case .wkt1GDAL: PJ_WKT1_GDAL
            case .wkt1ESRI: PJ_WKT1_ESRI
            }
        let options = multiline ? "MULTILINE=YES" : "MULTILINE=NO"
        let text = options.withCString { option in
            let list: [UnsafePointer<CChar>?] = [option, nil]
            return list.withUnsafeBufferPointer { buffer in
                proj_as_wkt(context.pointer, object.pointer, type, buffer.baseAddress).map { String(cString: $0) }
            }
        }
        guard let text else {
            throw context.error(.invalidCRS, "PROJ cannot write \(description) as \(version)")
        }
        return text
    }

    /// The description of GCJ-02 behind ``wkt(_:multiline:)``.
    static let gcj02WKT = consumerMapWKT(
        name: "GCJ-02", datum: "GCJ-02 (WGS 84 with the Chinese consumer-map obfuscation)",
        remark: "Not in EPSG or PROJ. WGS 84 longitude/latitude shifted by the GCJ-02 obfuscation "
            + "(100-700 m in China, none outside), as used by AMap and Tencent maps.")

    /// The description of BD-09 behind ``wkt(_:multiline:)``.
    static let bd09WKT = consumerMapWKT(
        name: "BD-09", datum: "BD-09 (GCJ-02 with Baidu's further offset)",
        remark: "Not in EPSG or PROJ. GCJ-02 longitude/latitude with Baidu's further offset, "
            + "as used by Baidu maps.")

    private static func consumerMapWKT(name: String, datum: String, remark: String) -> String {
        let degree = #"ANGLEUNIT["degree",0.0174532925199433]"#
        return #"GEOGCRS["\#(name)",DATUM["\#(datum)","#
            + #"ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],"#
            + #"PRIMEM["Greenwich",0,\#(degree)],CS[ellipsoidal,2],"#
            + #"AXIS["geodetic longitude (Lon)",east,ORDER[1],\#(degree)],"#
            + #"AXIS["geodetic latitude (Lat)",north,ORDER[2],\#(degree)],"#
            + #"REMARK["\#(remark)"]]"#
    }
}
