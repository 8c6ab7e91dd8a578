internal import CProj

/// A coordinate reference system, checked against PROJ's database when it is made.
///
/// Made from the text a user writes (``init(parsing:)``): an authority code (`EPSG:4547`, a bare `4547`),
/// the aliases `wgs84` and `cgcs2000`, a PROJ string, WKT, or one of the Chinese consumer-map systems
/// `gcj02` and `bd09`, which PROJ does not know and this module converts itself (``ChineseMapOffsets``).
///
/// Two values are equal when their ``definition`` is: `4326`, `wgs84` and `EPSG:4326` all give the same CRS;
/// a WKT copy of EPSG:4326 does not.
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    /// Systems PROJ does not know, reached from WGS 84 by an offset.
    enum ConsumerMapSystem: Hashable, Sendable {
        case gcj02, bd09
    }

    /// Set for `gcj02` and `bd09`; nil for every CRS PROJ handles.
    let consumerMapSystem: ConsumerMapSystem?
    /// The text the CRS is built from, in canonical form: `EPSG:4547`, `gcj02`, a PROJ string ending in
    /// `+type=crs`, or the WKT as given. Parsing it again gives an equal CRS.
    public let definition: String
    /// A short label: `EPSG:4547` when the CRS has an identifier, `gcj02`/`bd09`, the PROJ string, or
    /// otherwise the CRS's name.
    public let description: String
    /// PROJ's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E".
    public let name: String
    /// The EPSG code, when the CRS has one.
    public let epsgCode: Int?
    /// Longitude/latitude in degrees (true) or a projection in linear units (false).
    public let isGeographic: Bool

    public static func == (lhs: CRS, rhs: CRS) -> Bool { lhs.definition == rhs.definition }
    public func hash(into hasher: inout Hasher) { hasher.combine(definition) }

    /// WGS 84, EPSG:4326, the storage CRS. Its name is checked against PROJ's database by the tests.
    public static let wgs84 = CRS(
        consumerMapSystem: nil, definition: "EPSG:4326", description: "EPSG:4326", name: "WGS 84",
        epsgCode: 4326, isGeographic: true)
    /// CGCS2000 geographic, EPSG:4490.
    public static let cgcs2000 = CRS(
        consumerMapSystem: nil, definition: "EPSG:4490", description: "EPSG:4490",
        name: "China Geodetic Coordinate System 2000", epsgCode: 4490, isGeographic: true)
    /// GCJ-02 (AMap/高德, Tencent): WGS 84 with China's consumer-map obfuscation.
    public static let gcj02 = CRS(
        consumerMapSystem: .gcj02, definition: "gcj02", description: "gcj02", name: "GCJ-02",
        epsgCode: nil, isGeographic: true)
    /// BD-09 (Baidu): GCJ-02 with Baidu's further offset.
    public static let bd09 = CRS(
        consumerMapSystem: .bd09, definition: "bd09", description: "bd09", name: "BD-09",
        epsgCode: nil, isGeographic: true)

    private init(
        consumerMapSystem: ConsumerMapSystem?, definition: String, description: String, name: String,
        epsgCode: Int?, isGeographic: Bool
    ) {
        self.consumerMapSystem = consumerMapSystem
        self.definition = definition
        self.description = description
        self.name = name
        self.epsgCode = epsgCode
        self.isGeographic = isGeographic
    }

    /// Reads a CRS as users write it; see the type's documentation for the accepted forms.
    /// Aliases are case-insensitive and ignore `-`, `_` and spaces (`GCJ-02`, `WGS 84`).
    public init(parsing text: String) throws(ProjectionError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw ProjectionError(
                .invalidCRS, "empty CRS: expected an EPSG code, a PROJ string, WKT, gcj02 or bd09")
        }
        switch trimmed.lowercased().filter({ !" -_".contains($0) }) {
        case "gcj02", "gcj": self = .gcj02
        case "bd09", "baidu": self = .bd09
        case "wgs84": self = try CRS(definition: "EPSG:4326", input: trimmed)
        case "cgcs2000": self = try CRS(definition: "EPSG:4490", input: trimmed)
        default: self = try CRS(definition: Self.canonicalDefinition(of: trimmed), input: trimmed)
        }
    }

    /// Builds the CRS through PROJ from a canonical definition; `input` is what the user wrote.
    /// A CRS that PROJ found in its database by a URN or name is defined by its code from then on.
    init(definition: String, input: String) throws(ProjectionError) {
        let context = try ProjContext()
        let object = try Self.makeObject(definition: definition, input: input, in: context)
        let isSelfContained = definition.hasPrefix("+") || definition.contains { "[{".contains($0) }
        if !isSelfContained, let (authority, code) = object.identifier {
            self.init(object: object, definition: "\(authority):\(code)")
        } else {
            self.init(object: object, definition: definition)
        }
    }

    /// Reads back what PROJ knows of a CRS object already checked by `makeObject`.
    init(object: ProjObject, definition: String) {
        let identifier = object.identifier
        self.consumerMapSystem = nil
        self.definition = definition
        self.name = object.name ?? definition
        self.epsgCode = identifier.flatMap { $0.authority == "EPSG" ? Int($0.code) : nil }
        self.isGeographic = Self.horizontalIsGeographic(object) ?? false
        if let identifier {
            self.description = "\(identifier.authority):\(identifier.code)"
        } else if definition.hasPrefix("+") {
            self.description = definition
        } else {
            self.description = name
        }
    }

    /// A PROJ object for this CRS in `context`. For gcj02/bd09 it only describes the system (see
    /// ``wkt(_:multiline:)``): transformations must go through WGS 84 and ``ChineseMapOffsets``.
    func makeObject(in context: ProjContext) throws(ProjectionError) -> ProjObject {
        let definition =
            switch consumerMapSystem {
            case .gcj02: Self.gcj02WKT
            case .bd09: Self.bd09WKT
            case nil: definition
            }
        return try Self.makeObject(definition: definition, input: description, in: context)
    }
}

// MARK: - Reading definitions

extension CRS {
    /// `AUTH:CODE` for authority codes (bare numbers are EPSG), PROJ strings marked as CRSs, other text
    /// unchanged.
    static func canonicalDefinition(of text: String) -> String {
        if text.allSatisfy(\.isASCIIDigit) {
            return "EPSG:\(Int(text).map(String.init) ?? text)"
        }
        if let (authority, code) = authorityCode(text) {
            return "\(authority):\(code)"
        }
        if text.hasPrefix("+"), !text.contains("+type=crs") {
            return text + " +type=crs"
        }
        return text
    }

    /// Splits `epsg:4547` into ("EPSG", "4547"); nil for anything that is not `AUTHORITY:CODE`.
    static func authorityCode(_ text: String) -> (authority: String, code: String)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = parts[0].first, first.isLetter,
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
            !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
        else { return nil }
        return (parts[0].uppercased(), String(parts[1]))
    }

    /// Creates and checks a CRS object: authority codes from the database, anything else through
    /// `proj_create` (PROJ strings, WKT, PROJJSON, URNs, CRS names).
    static func makeObject(definition: String, input: String, in context: ProjContext) throws(ProjectionError)
        -> ProjObject
    {
        context.clearLog()
        let shown = input.abbreviated()
        let object: ProjObject
        if let (authority, code) = authorityCode(definition) {
            guard
                let created = ProjObject(
                    proj_create_from_database(context.pointer, authority, code, PJ_CATEGORY_CRS, 0, nil),
                    in: context)
            else {
                throw context.error(.unknownCRS, "unknown CRS '\(shown)': PROJ's database has no such code")
            }
            object = created
        } else {
            try refuseFilesOutsideData(in: definition, input: input)
            guard let created = ProjObject(proj_create(context.pointer, definition), in: context) else {
                throw context.error(
                    .invalidCRS,
                    "cannot read CRS '\(shown)': not an EPSG code, PROJ string, WKT or CRS name that PROJ knows")
            }
            object = created
        }
        guard proj_is_crs(object.pointer) != 0 else {
            throw ProjectionError(.invalidCRS, "'\(shown)' is not a coordinate reference system")
        }
        guard horizontalIsGeographic(object) != nil else {
            throw ProjectionError(
                .invalidCRS, "'\(shown)' has no horizontal axes: expected a geographic or projected CRS")
        }
        return object
    }

    /// Whether the horizontal part of a CRS is geographic (true) or projected (false); nil when it has
    /// none that carries longitude/latitude or easting/northing (vertical, geocentric, temporal, ...).
    static func horizontalIsGeographic(_ object: ProjObject) -> Bool? {
        switch object.type {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS: true
        case PJ_TYPE_PROJECTED_CRS: false
        case PJ_TYPE_BOUND_CRS, PJ_TYPE_COMPOUND_CRS: object.horizontalComponent.flatMap(horizontalIsGeographic)
        default: nil
        }
    }
}
