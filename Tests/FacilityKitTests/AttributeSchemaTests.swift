import FacilityKit
import GeoCore
import Testing

@Suite("Attribute schemas")
struct AttributeSchemaTests {
    let schema = AttributeSchema(fields: [
        FieldSpec(name: "area_m2", label: LocalizedText(zh: "面积", en: "Area"), type: .real, required: true,
                  unit: "m²", minimum: 5, maximum: 500),
        FieldSpec(name: "stalls", label: LocalizedText(zh: "厕位", en: "Stalls"), type: .integer, minimum: 0),
        FieldSpec(name: "independent", label: LocalizedText(zh: "独立", en: "Independent"), type: .boolean),
        FieldSpec(name: "venue_type", label: LocalizedText(zh: "类型", en: "Type"),
                  type: .enumeration([EnumOption(value: "mall", label: LocalizedText(zh: "商场", en: "Mall"))])),
        FieldSpec(name: "since", label: LocalizedText(zh: "启用", en: "Since"), type: .date),
    ])

    @Test func aValidSchemaPasses() throws {
        try schema.validate()
    }

    @Test(arguments: [
        ("Area", "lower snake case"),
        ("name", "reserved"),
        ("geom", "reserved"),
    ])
    func badFieldNamesAreRefused(name: String, reason: String) {
        let bad = AttributeSchema(fields: [FieldSpec(name: name, label: LocalizedText(zh: "x", en: "x"), type: .text)])
        #expect {
            try bad.validate()
        } throws: { error in
            (error as? SchemaError)?.reason.contains(reason) == true && (error as? SchemaError)?.field == name
        }
    }

    @Test func duplicateFieldsAreRefused() {
        let field = FieldSpec(name: "a", label: LocalizedText(zh: "甲", en: "A"), type: .text)
        #expect(throws: SchemaError(field: "a", reason: "the field is declared twice")) {
            try AttributeSchema(fields: [field, field]).validate()
        }
    }

    @Test func boundsMustBeOrderedAndNumeric() {
        let inverted = FieldSpec(name: "n", label: LocalizedText(zh: "n", en: "n"), type: .real, minimum: 5, maximum: 1)
        #expect(throws: SchemaError.self) { try AttributeSchema(fields: [inverted]).validate() }
        let onText = FieldSpec(name: "t", label: LocalizedText(zh: "t", en: "t"), type: .text, minimum: 0)
        #expect(throws: SchemaError.self) { try AttributeSchema(fields: [onText]).validate() }
        let emptyEnum = FieldSpec(name: "e", label: LocalizedText(zh: "e", en: "e"), type: .enumeration([]))
        #expect(throws: SchemaError.self) { try AttributeSchema(fields: [emptyEnum]).validate() }
    }

    @Test func parsingFollowsTheFieldType() throws {
        let area = try #require(schema.field(named: "area_m2"))
        #expect(try area.parse(" 12.5 ") == .real(12.5))
        #expect(try area.parse("１２．５") == .real(12.5))  // full-width, as a Chinese IME types it
        #expect(try area.parse("") == nil)
        let stalls = try #require(schema.field(named: "stalls"))
        #expect(try stalls.parse("6") == .integer(6))
        #expect(try stalls.parse("6.0") == .integer(6))
        #expect(throws: FieldProblem.self) { try stalls.parse("6.5") }
        let independent = try #require(schema.field(named: "independent"))
        #expect(try independent.parse("是") == .boolean(true))
        #expect(try independent.parse("No") == .boolean(false))
        let venue = try #require(schema.field(named: "venue_type"))
        #expect(try venue.parse("商场") == .text("mall"))
        #expect(try venue.parse("MALL") == .text("mall"))
        let since = try #require(schema.field(named: "since"))
        #expect(try since.parse("2023/5/1") == .date(CivilDate(year: 2023, month: 5, day: 1)!))
        #expect(try since.parse("2023年5月1日") == .date(CivilDate(year: 2023, month: 5, day: 1)!))
    }

    @Test func parsingNamesTheFieldAndTheReason() throws {
        let area = try #require(schema.field(named: "area_m2"))
        #expect(throws: FieldProblem(field: "area_m2", reason: "3.0 m² is below the minimum 5 m²")) {
            try area.parse("3")
        }
        #expect(throws: FieldProblem(field: "area_m2", reason: "'large' is not a number")) { try area.parse("large") }
        let venue = try #require(schema.field(named: "venue_type"))
        #expect(throws: FieldProblem(field: "venue_type", reason: "'公园' is not one of: mall (商场)")) {
            try venue.parse("公园")
        }
    }

    @Test func recordProblemsListMissingUnknownAndWrongValues() {
        let problems = schema.problems(in: ["stalls": .text("six"), "colour": .text("red")])
        #expect(problems.map(\.field) == ["area_m2", "stalls", "colour"])
        #expect(problems[0].reason == "a value is required")
        #expect(problems[2].reason == "the kind has no such field")
        #expect(schema.problems(in: ["area_m2": .integer(10)]).isEmpty)
    }
}

@Suite("Dates, versions and ids")
struct ValueTypeTests {
    @Test func civilDatesParseAndOrder() throws {
        let d = try #require(CivilDate(parsing: "2024-02-29"))
        #expect(d.description == "2024-02-29")
        #expect(CivilDate(parsing: "2023-02-29") == nil)
        #expect(CivilDate(parsing: "23-01-01") == nil)
        #expect(CivilDate(parsing: "2025") == CivilDate(year: 2025, month: 1, day: 1))
        #expect(try #require(CivilDate(parsing: "2021.1.31")) < d)
    }

    @Test func openOnADateRespectsOpeningAndClosing() throws {
        let r = FacilityRecord(
            id: FacilityID("a"), kind: try #require(PluginID(rawValue: "maternity_room")), name: "A",
            location: .init(lon: 113.2, lat: 23.4), opened: CivilDate(year: 2022, month: 1, day: 1),
            closed: CivilDate(year: 2024, month: 6, day: 1))
        #expect(!r.isOpen(on: CivilDate(year: 2021, month: 12, day: 31)!))
        #expect(r.isOpen(on: CivilDate(year: 2022, month: 1, day: 1)!))
        #expect(r.isOpen(on: CivilDate(year: 2024, month: 5, day: 31)!))
        #expect(!r.isOpen(on: CivilDate(year: 2024, month: 6, day: 1)!))
    }

    @Test func versionsAndIds() {
        #expect(SemanticVersion(parsing: "1.2") == SemanticVersion(1, 2, 0))
        #expect(SemanticVersion(parsing: "1.x") == nil)
        #expect(SemanticVersion(1, 10, 0) > SemanticVersion(1, 9, 9))
        #expect(PluginID(rawValue: "public_toilet") != nil)
        #expect(PluginID(rawValue: "Public-Toilet") == nil)
        #expect(PluginID(rawValue: "1toilet") == nil)
    }

    @Test func osmMappingMatchesAnyConditionWithWildcards() {
        let mapping = OSMTagMapping(match: [["amenity": "toilets"], ["toilets": "*", "building": "yes"]])
        #expect(mapping.matches(["amenity": "toilets", "fee": "no"]))
        #expect(mapping.matches(["toilets": "yes", "building": "yes"]))
        #expect(!mapping.matches(["toilets": "yes"]))
        #expect(!mapping.matches(["amenity": "cafe"]))
    }
}
