internal import CGEOS
import GeoCore

extension PlanarGeometry {
    /// Whether the geometry is valid (see `validity()` for why not).
    public var isValid: Bool {
        get throws(GeometryOpsError) {
            try validity().isValid
        }
    }

    /// Whether the geometry is valid, and if not, GEOS's reason and the place it found.
    public func validity() throws(GeometryOpsError) -> GeometryValidity {
        let handle = engine.handle
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        engine.resetMessages()
        let result = GEOSisValidDetail_r(handle, pointer, 0, &reason, &location)
        // Whatever GEOS handed over is freed whatever the outcome.
        let text = reason.map { String(cString: $0) }
        if let reason { GEOSFree_r(handle, reason) }
        let place = location.map { PlanarGeometry(owning: $0, in: engine) }
        switch result {
        case 1:
            return .valid
        case 0:
            let coordinate: Coordinate? =
                if let place, case .point(let c)? = try? place.geometry() { c } else { nil }
            return .invalid(reason: text ?? "invalid", location: coordinate)
        default:
            throw engine.failure(.operationFailed, "isValid", "GEOS could not check the geometry's validity")
        }
    }

    /// A valid geometry covering the same points: a self-intersecting "bowtie" becomes two triangles, a ring
    /// that crosses itself is split, duplicate points are removed. A valid geometry comes back unchanged in
    /// substance (GEOS may reorder it).
    public func makeValid(method: MakeValidMethod = .structure()) throws(GeometryOpsError) -> PlanarGeometry {
        let handle = engine.handle
        engine.resetMessages()
        guard let parameters = GEOSMakeValidParams_create_r(handle) else {
            throw engine.failure(.engineFailure, "makeValid", "GEOS could not make repair parameters")
        }
        defer { GEOSMakeValidParams_destroy_r(handle, parameters) }
        switch method {
        case .linework:
            GEOSMakeValidParams_setMethod_r(handle, parameters, GEOS_MAKE_VALID_LINEWORK)
        case .structure(let keepCollapsed):
            GEOSMakeValidParams_setMethod_r(handle, parameters, GEOS_MAKE_VALID_STRUCTURE)
            GEOSMakeValidParams_setKeepCollapsed_r(handle, parameters, keepCollapsed ? 1 : 0)
        }
        return try engine.make("makeValid", "GEOS could not repair the geometry") {
            GEOSMakeValidWithParams_r($0, pointer, parameters)
        }
    }
}
