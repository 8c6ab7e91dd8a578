public import GeoCore

/// What a file says about itself before its elements.
public struct OSMFileHeader: Hashable, Sendable {
    public var format: OSMFile.Format
    /// The box the file declares (PBF `HeaderBBox`, XML `<bounds>`), if any. Elements may lie outside it.
    public var boundingBox: BoundingBox?
    /// The program that wrote the file (PBF `writingprogram`, XML `generator`).
    public var generator: String?
    /// PBF features a reader must understand (always empty for XML).
    public var requiredFeatures: [String] = []
    /// PBF features a reader may use, such as `Sort.Type_then_ID` (always empty for XML).
    public var optionalFeatures: [String] = []
    /// Whether the file declares its elements sorted: nodes, then ways, then relations, each by id.
    public var isSortedByTypeThenID = false

    public init(format: OSMFile.Format) {
        self.format = format
    }
}
