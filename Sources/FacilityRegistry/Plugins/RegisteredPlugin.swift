public import FacilityKit

/// A plugin as the registry holds it: everything it declares, with the standard fields
/// (``AttributeSchema/standardFields``) added to its schema, so every kind keeps 地址, 电话, 运营单位 and 数据来源.
struct RegisteredPlugin: FacilityPlugin {
    let base: any FacilityPlugin
    let schema: AttributeSchema

    init(_ base: any FacilityPlugin) {
        self.base = base
        schema = base.schema.withStandardFields
    }

    var descriptor: PluginDescriptor { base.descriptor }
    var osmMapping: OSMTagMapping? { base.osmMapping }
    var poiMapping: POITypeMapping? { base.poiMapping }
    var defaultCatchment: Catchment? { base.defaultCatchment }
    var rules: [Rule] { base.rules }
    var derivedFields: [FieldSpec] { base.derivedFields }

    func derivedAttributes(from attributes: [String: AttributeValue]) -> [String: AttributeValue] {
        base.derivedAttributes(from: attributes)
    }
}
