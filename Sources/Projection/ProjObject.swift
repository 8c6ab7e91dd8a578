internal import CProj

/// Owns one `PJ` (a CRS or a coordinate operation) and keeps its context alive: the object is
/// destroyed before the context it was made in.
final class ProjObject {
    let context: ProjContext
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`; nil when PROJ returned none.
    init?(_ pointer: OpaquePointer?, in context: ProjContext) {
        guard let pointer else { return nil }
        self.context = context
        self.pointer = pointer
    }

    deinit {
        proj_destroy(pointer)
    }

    var type: PJ_TYPE { proj_get_type(pointer) }

    var name: String? { proj_get_name(pointer).map { String(cString: $0) } }

    /// The object's first identifier, e.g. ("EPSG", "4547").
    var identifier: (authority: String, code: String)? {
        guard let authority = proj_get_id_auth_name(pointer, 0), let code = proj_get_id_code(pointer, 0) else {
            return nil
        }
        return (String(cString: authority), String(cString: code))
    }

    /// The CRS a bound CRS is bound from, or the horizontal part of a compound CRS; nil otherwise.
    var horizontalComponent: ProjObject? {
        switch type {
        case PJ_TYPE_BOUND_CRS: ProjObject(proj_get_source_crs(context.pointer, pointer), in: context)
        case PJ_TYPE_COMPOUND_CRS: ProjObject(proj_crs_get_sub_crs(context.pointer, pointer, 0), in: context)
        default: nil
        }
    }
}

@available(*, unavailable)
extension ProjObject: Sendable {}
