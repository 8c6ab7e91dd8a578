internal import CProj

extension CRS {
    /// Whether two systems are the same for positions, as PROJ compares them (names and axis order of geographic
    /// systems aside): `EPSG:4547` and the ESRI `.prj` of CGCS2000 / 3-degree GK CM 114E are. gcj02 and bd09 equal
    /// only themselves.
    public func isEquivalent(to other: CRS) -> Bool {
        if self == other { return true }
        if consumerMapSystem != nil || other.consumerMapSystem != nil { return false }
        if let a = epsgCode, let b = other.epsgCode { return a == b }
        guard let context = try? ProjContext(), let a = try? makeObject(in: context),
            let b = try? other.makeObject(in: context)
        else { return false }
        return proj_is_equivalent_to_with_ctx(
            context.pointer, a.pointer, b.pointer, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0
    }

    /// Whether this is GCJ-02 or BD-09, which no `.prj` or EPSG code can state: a file of such points says WGS 84
    /// or CGCS2000 at best.
    public var isConsumerMapSystem: Bool { consumerMapSystem != nil }
}
