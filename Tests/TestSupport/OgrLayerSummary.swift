/// What `ogrinfo -al -so` says about one layer.
public struct OgrLayerSummary: Equatable, Sendable {
    /// GDAL's geometry type name, e.g. "Point", "Multi Polygon", "None".
    public var geometry: String
    /// The feature count; -1 when ogrinfo printed none.
    public var featureCount: Int
    /// The EPSG code of the layer's CRS, when it has one.
    public var epsg: Int?

    public init(geometry: String, featureCount: Int, epsg: Int?) {
        self.geometry = geometry
        self.featureCount = featureCount
        self.epsg = epsg
    }

    /// The layers of an `ogrinfo -al -so` output, by name.
    public static func parse(_ output: String) -> [String: OgrLayerSummary] {
        var layers: [String: OgrLayerSummary] = [:]
        var current: String?
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("Layer name: ") {
                let name = String(line.dropFirst("Layer name: ".count))
                current = name
                layers[name] = OgrLayerSummary(geometry: "", featureCount: -1, epsg: nil)
            } else if let name = current, line.hasPrefix("Geometry: ") {
                layers[name]?.geometry = String(line.dropFirst("Geometry: ".count))
            } else if let name = current, line.hasPrefix("Feature Count: ") {
                layers[name]?.featureCount = Int(line.dropFirst("Feature Count: ".count)) ?? -1
            } else if let name = current, line.hasPrefix("    ID[\"EPSG\","), layers[name]?.epsg == nil {
                layers[name]?.epsg = Int(line.dropFirst("    ID[\"EPSG\",".count).prefix { $0.isNumber })
            }
        }
        return layers
    }
}
