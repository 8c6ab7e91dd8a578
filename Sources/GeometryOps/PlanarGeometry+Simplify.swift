internal import CGEOS

extension PlanarGeometry {
    /// A simpler geometry with vertices removed where they are within `tolerance` of the line through their
    /// neighbours (Douglas–Peucker), keeping the topology: rings stay simple, holes stay inside, parts do not
    /// come to cross. In units of the CRS; 0 returns a copy.
    public func simplify(tolerance: Double) throws(GeometryOpsError) -> PlanarGeometry {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw GeometryOpsError(
                .invalidArgument, operation: "simplify", "the tolerance must be a finite number ≥ 0, got \(tolerance)")
        }
        return try engine.make("simplify", "GEOS could not simplify the geometry") {
            GEOSTopologyPreserveSimplify_r($0, pointer, tolerance)
        }
    }
}
