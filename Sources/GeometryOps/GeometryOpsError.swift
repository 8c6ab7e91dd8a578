/// Everything that can go wrong in this module: geometries GEOS cannot hold, arguments out of range,
/// and GEOS failing while it computes.
///
/// `operation` names what was asked (`"buffer"`, `"union"`, `"makeValid"`, …). Where the failure comes from
/// GEOS, `geosMessage` is what GEOS said through the context's error handler (for example
/// `TopologyException: Input geom 0 is invalid: Self-intersection at or near point 1 1 at 1 1`), or its
/// last notice when it raised no error. GEOS never writes to standard error on our behalf.
public struct GeometryOpsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; a closed set, for callers that branch on it.
    public enum Kind: Hashable, Sendable {
        /// A geometry that cannot be built: a coordinate that is not finite, a line string of one position,
        /// a ring of fewer than four positions or one that does not end where it starts, WKB GEOS cannot read.
        case invalidGeometry
        /// An argument out of range: a negative or non-finite distance, a cell size of zero, too many cells.
        case invalidArgument
        /// GEOS failed while computing, typically a topology exception on invalid input
        /// (`makeValid()` first).
        case operationFailed
        /// GEOS could not start a context, or geometries of two engines were mixed in one call.
        case engineFailure
    }

    public let kind: Kind
    /// The operation that failed, as the API names it: `"buffer"`, `"union"`, `"intersectionAreas"`, ….
    public let operation: String
    /// Our explanation, naming the input where it can.
    public let message: String
    /// GEOS's own message, when GEOS gave one.
    public let geosMessage: String?

    public init(_ kind: Kind, operation: String, _ message: String, geosMessage: String? = nil) {
        self.kind = kind
        self.operation = operation
        self.message = message
        self.geosMessage = geosMessage.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String {
        if let geosMessage {
            "\(operation): \(message) (GEOS: \(geosMessage))"
        } else {
            "\(operation): \(message)"
        }
    }
}
