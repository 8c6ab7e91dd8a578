import FacilityKit
import Testing

@Suite("Enum values, synonyms, standard fields and POI types")
struct EnumSynonymTests {
    let venueType = FieldSpec(
        name: "venue_type", label: LocalizedText(zh: "场所类型", en: "Venue type"),
        type: .enumeration(VenueType.allCases.map(\.option)))

    @Test(arguments: [
        ("commercial", "commercial"), ("商业场所", "commercial"), ("商场", "commercial"), ("购物中心", "commercial"),
        ("Commercial venue", "commercial"), ("MALL", "commercial"), ("医院", "medical"), ("医疗机构", "medical"),
        ("　医院 ", "medical"), ("火车站", "transport_hub"), ("高速服务区", "service_area"),
    ])
    func codesLabelsAndSynonymsParse(text: String, value: String) throws {
        #expect(try venueType.parse(text) == .text(value))
    }

    @Test func anUnknownValueListsTheCodes() {
        #expect(throws: FieldProblem.self) { try venueType.parse("菜园") }
    }

    @Test func aSpellingNamingTwoValuesIsRefused() {
        let schema = AttributeSchema(fields: [
            FieldSpec(
                name: "kind", label: LocalizedText(zh: "类", en: "Kind"),
                type: .enumeration([
                    EnumOption(value: "a", label: LocalizedText(zh: "甲", en: "A"), synonyms: ["通用"]),
                    EnumOption(value: "b", label: LocalizedText(zh: "乙", en: "B"), synonyms: ["通用"]),
                ]))
        ])
        #expect(throws: SchemaError(field: "kind", reason: "'通用' names both 'a' and 'b'")) { try schema.validate() }
    }

    @Test func theVenueTypesSynonymsAreUnambiguous() throws {
        try AttributeSchema(fields: [venueType]).validate()
    }

    @Test func standardFieldsFollowAKindsOwnAndYieldToThem() throws {
        let own = FieldSpec(name: "phone", label: LocalizedText(zh: "值班电话", en: "Duty phone"), type: .text)
        let schema = AttributeSchema(fields: [venueType, own]).withStandardFields
        #expect(schema.fields.map(\.name) == ["venue_type", "phone", "address", "operator", "source"])
        #expect(schema.field(named: "phone")?.label.zh == "值班电话")
        #expect(schema.field(named: "address")?.headerNames.contains("地址") == true)
        #expect(schema.field(named: "operator")?.headerNames.contains("运营单位") == true)
        try schema.validate()
    }

    @Test func poiTypesMatchByCodePrefixAndTagLevel() {
        let mapping = POITypeMapping([
            .init(amap: ["141204"], baidu: ["教育培训;幼儿园"], implies: ["category": "kindergarten"]),
            .init(amap: ["0901"], baidu: ["医疗"], implies: ["category": "hospital"]),
        ])
        #expect(mapping.firstMatch(amapTypecodes: ["141204"])?.impliedAttributes["category"] == "kindergarten")
        #expect(mapping.firstMatch(amapTypecodes: ["050000", "090102"])?.impliedAttributes["category"] == "hospital")
        #expect(mapping.firstMatch(amapTypecodes: ["141203"]) == nil)
        #expect(mapping.firstMatch(amapTypecodes: ["1412"]) == nil, "a shorter code in the data is not a subtype")
        #expect(mapping.firstMatch(baiduTag: "教育培训;幼儿园")?.impliedAttributes["category"] == "kindergarten")
        #expect(mapping.firstMatch(baiduTag: "医疗;综合医院")?.impliedAttributes["category"] == "hospital")
        #expect(mapping.firstMatch(baiduTag: "医疗器械") == nil, "a tag level, not a text prefix")
        #expect(mapping.firstMatch(baiduTag: "教育培训;小学") == nil)
    }
}
