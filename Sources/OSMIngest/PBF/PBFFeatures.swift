import GeoCore

/// The features a PBF header may require that this reader understands.
enum PBFFeatures {
    static let supportedRequired: Set<String> = ["OsmSchema-V0.6", "DenseNodes", "LocationsOnWays"]
    static let sortedByTypeThenID = "Sort.Type_then_ID"

    /// Fails for the first required feature this reader does not support, with advice.
    static func check(_ required: [String], file: String, at location: OSMError.Location) throws(OSMError) {
        for feature in required where !supportedRequired.contains(feature) {
            if feature == "HistoricalInformation" {
                throw OSMError(
                    .unsupported, file: file, at: location,
                    "requires the feature HistoricalInformation: it is a history file with every version of "
                        + "every element, not a snapshot (make one with `osmium time-filter`)")
            }
            throw OSMError(
                .unsupported, file: file, at: location,
                "requires the feature \"\(feature)\", which this reader does not support")
        }
    }

    /// Decodes a `HeaderBlock`.
    static func decodeHeader(_ block: UnsafeRawBufferPointer) throws(WireError) -> OSMFileHeader {
        var reader = WireReader(block)
        var header = OSMFileHeader(format: .pbf)
        while let (number, type) = try reader.field() {
            switch (number, type) {
            case (1, .lengthDelimited):
                var box = try reader.lengthDelimited()
                var edges: [Int64] = [0, 0, 0, 0]  // left, right, top, bottom, in nanodegrees
                while let (field, fieldType) = try box.field() {
                    if (1...4).contains(field), fieldType == .varint {
                        edges[field - 1] = try box.zigzag()
                    } else {
                        try box.skip(fieldType)
                    }
                }
                header.boundingBox = try? BoundingBox(
                    minX: Double(edges[0]) / 1e9, minY: Double(edges[3]) / 1e9,
                    maxX: Double(edges[1]) / 1e9, maxY: Double(edges[2]) / 1e9)
            case (4, .lengthDelimited): header.requiredFeatures.append(try reader.string())
            case (5, .lengthDelimited): header.optionalFeatures.append(try reader.string())
            case (16, .lengthDelimited): header.generator = try reader.string()
            default: try reader.skip(type)
            }
        }
        header.isSortedByTypeThenID = header.optionalFeatures.contains(sortedByTypeThenID)
        return header
    }
}
