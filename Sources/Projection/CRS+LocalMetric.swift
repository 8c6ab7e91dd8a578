internal import CProj
public import GeoCore

extension CRS {
    /// The metric CRS to measure data centred on `center` (longitude/latitude in degrees), resolved
    /// through PROJ's database by name:
    ///
    /// - in China (longitudes 73.5–136.5°E inside ``ChineseMapOffsets``' box), the CGCS2000 3-degree
    ///   Gauss-Krüger zone of the centre without zone prefix, e.g. EPSG:4547 (CM 114°E) for 112.5–115.5°E;
    /// - elsewhere the WGS 84 UTM zone of the centre (EPSG:326xx north, 327xx south), and the
    ///   universal polar stereographic CRS beyond 84°N and 80°S.
    public static func localMetric(for center: Coordinate) throws(ProjectionError) -> CRS {
        guard center.isValidGeographic else {
            throw ProjectionError(
                .invalidCoordinate, "cannot choose a local metric CRS for (\(center)): not a longitude/latitude")
        }
        return try resolveProjected(named: localMetricName(for: center))
    }

    /// The local metric CRS for the centre of a longitude/latitude box.
    public static func localMetric(for box: BoundingBox) throws(ProjectionError) -> CRS {
        try localMetric(for: box.center)
    }

    /// The EPSG name of the local metric CRS for a valid longitude/latitude.
    static func localMetricName(for c: Coordinate) -> String {
        if (73.5..<136.5).contains(c.lon), !ChineseMapOffsets.isOutsideChina(c) {
            let centralMeridian = 3 * Int(((c.lon + 1.5) / 3).rounded(.down))
            return "CGCS2000 / 3-degree Gauss-Kruger CM \(centralMeridian)E"
        }
        if c.lat >= 84 { return "WGS 84 / UPS North (E,N)" }
        if c.lat < -80 { return "WGS 84 / UPS South (E,N)" }
        let zone = min(60, Int(((c.lon + 180) / 6).rounded(.down)) + 1)
        return "WGS 84 / UTM zone \(zone)\(c.lat >= 0 ? "N" : "S")"
    }

    /// The projected CRS of exactly this name in the EPSG part of PROJ's database.
    static func resolveProjected(named name: String) throws(ProjectionError) -> CRS {
        let context = try ProjContext()
        context.clearLog()
        var types = [PJ_TYPE_PROJECTED_CRS]
        let list = types.withUnsafeMutableBufferPointer { buffer in
            proj_create_from_name(context.pointer, "EPSG", name, buffer.baseAddress, buffer.count, 0, 1, nil)
        }
        defer { proj_list_destroy(list) }
        guard let list, proj_list_get_count(list) > 0,
            let object = ProjObject(proj_list_get(context.pointer, list, 0), in: context),
            let identifier = object.identifier
        else {
            throw context.error(.projFailure, "PROJ's database has no CRS named '\(name)'")
        }
        return CRS(object: object, definition: "\(identifier.authority):\(identifier.code)")
    }
}
