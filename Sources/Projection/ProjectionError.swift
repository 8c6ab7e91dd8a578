/// Everything that can go wrong in this module: bad CRS text, codes PROJ does not know, transformations
/// PROJ cannot build or apply, coordinates outside the domain of an operation.
///
/// Where the failure comes from PROJ, `projCode` is PROJ's error number (`proj_context_errno`/`proj_errno`,
/// one of the `PROJ_ERR_*` values) and `projMessage` its explanation.
public struct ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; a closed set, for callers that branch on it.
    public enum Kind: Hashable, Sendable {
        /// An authority code (or alias) that PROJ's database does not have.
        case unknownCRS
        /// Text that is not a CRS definition PROJ can read, or an object that is not a CRS.
        case invalidCRS
        /// PROJ found no way to transform between two CRSs.
        case noTransformation
        /// A coordinate could not be transformed (PROJ failed or the result is not finite).
        case transformationFailed
        /// A coordinate outside the domain of an operation (e.g. not a valid longitude/latitude).
        case invalidCoordinate
        /// PROJ itself failed: no context could be made, or a lookup in its database that should
        /// succeed did not (an incomplete `proj.db`).
        case projFailure
    }

    public let kind: Kind
    /// Our explanation, naming the input.
    public let message: String
    /// PROJ's error number, when PROJ reported one.
    public let projCode: Int?
    /// PROJ's own message, when PROJ gave one.
    public let projMessage: String?

    public init(_ kind: Kind, _ message: String, projCode: Int? = nil, projMessage: String? = nil) {
        self.kind = kind
        self.message = message
        self.projCode = projCode == 0 ? nil : projCode
        self.projMessage = projMessage.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String {
        switch (projCode, projMessage) {
        case (let code?, let text?): "\(message) (PROJ error \(code): \(text))"
        case (let code?, nil): "\(message) (PROJ error \(code))"
        case (nil, let text?): "\(message) (PROJ: \(text))"
        case (nil, nil): message
        }
    }
}
