public import FacilityKit

/// A facility kind described by a YAML manifest, loaded at run time: no compiler needed.
/// `Docs/plugin-author-guide.md` documents the format; `Docs/examples/family_toilet.yaml` is an example.
public struct ManifestPlugin: FacilityPlugin {
    public var descriptor: PluginDescriptor
    public var schema: AttributeSchema
    public var osmMapping: OSMTagMapping?
    /// The manifest's `poi:` list: AMap typecodes and Baidu tags.
    public var poiMapping: POITypeMapping?
    public var defaultCatchment: Catchment?
    /// The manifest's `rules:`, in the rule-pack format.
    public var rules: [Rule]
    /// The file it was read from.
    public var path: String
}
