public import FacilityKit

/// A facility kind described by a YAML manifest, loaded at run time: no compiler needed.
/// `Docs/plugin-author-guide.md` documents the format; `GeoData/plugins/` has examples.
public struct ManifestPlugin: FacilityPlugin {
    public var descriptor: PluginDescriptor
    public var schema: AttributeSchema
    public var osmMapping: OSMTagMapping?
    public var defaultCatchment: Catchment?
    /// The file it was read from.
    public var path: String
}
