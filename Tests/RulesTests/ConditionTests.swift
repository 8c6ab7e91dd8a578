import FacilityKit
import Rules
import Testing

/// The condition language: precedence, errors that point at a column, three-valued evaluation.
@Suite("Conditions")
struct ConditionTests {
    static func value(_ text: String, _ attributes: [String: AttributeValue] = [:]) throws -> ConditionValue {
        try ConditionExpression(parsing: Condition(text)).evaluate(attributes)
    }

    @Test(arguments: [
        // Arithmetic binds tighter than comparison, * / tighter than + -, unary minus tightest.
        ("2 + 3 * 4 == 14", true),
        ("(2 + 3) * 4 == 20", true),
        ("10 - 4 - 3 == 3", true),
        ("12 / 3 / 2 == 2", true),
        ("-2 * 3 == -6", true),
        ("- (1 + 1) == -2", true),
        // not binds looser than comparison and tighter than and/or.
        ("not 1 > 2", true),
        ("not 1 < 2 or true", true),
        ("not (1 < 2 or true)", false),
        ("false and false or true", true),
        ("true or true and false", true),
        ("not false and false", false),
        ("not not true", true),
        // Texts and lists.
        ("'a' == \"a\"", true),
        ("'a' != 'b'", true),
        ("3 in [1, 2, 3]", true),
        ("-1 in [1, -1]", true),
        ("'x' not in [a, b]", true),
        ("1.5 * 2 >= 3", true),
    ])
    func precedence(text: String, expected: Bool) throws {
        #expect(try Self.value(text) == .boolean(expected))
    }

    @Test func fieldsAreRead() throws {
        let toilet: [String: AttributeValue] = [
            "female_stalls": .integer(6), "male_stalls": .integer(2), "urinals": .integer(2),
            "high_footfall": .boolean(true), "toilet_class": .text("class1"), "area": .real(12.5),
        ]
        #expect(try Self.value("female_stalls >= 1.5 * (male_stalls + urinals)", toilet) == .boolean(true))
        #expect(try Self.value("female_stalls >= 2 * (male_stalls + urinals)", toilet) == .boolean(false))
        #expect(try Self.value("high_footfall", toilet) == .boolean(true))
        #expect(try Self.value("not high_footfall", toilet) == .boolean(false))
        #expect(try Self.value("toilet_class in [class1, class2] and area > 12", toilet) == .boolean(true))
        #expect(try Self.value("toilet_class == 'class3'", toilet) == .boolean(false))
    }

    @Test func referencedFieldsAreListed() throws {
        let expression = try ConditionExpression(
            parsing: "venue_type in [commercial, tourism] and (floor_area_m2 > 10000 or daily_visitors > 10000)")
        #expect(expression.referencedFields == ["venue_type", "floor_area_m2", "daily_visitors"])
    }

    /// Kleene's three-valued logic: a missing field is unknown; false decides `and`, true decides `or`.
    @Test(arguments: [
        ("missing", ConditionValue.unknown),
        ("not missing", .unknown),
        ("missing and false", .boolean(false)),
        ("false and missing", .boolean(false)),
        ("missing and true", .unknown),
        ("missing or true", .boolean(true)),
        ("true or missing", .boolean(true)),
        ("missing or false", .unknown),
        ("missing > 3", .unknown),
        ("missing + 1 == 2", .unknown),
        ("-missing < 0", .unknown),
        ("missing in [a, b]", .unknown),
        ("missing == 'x' or other == 'y'", .unknown),
        ("(missing > 3 or flag) and n >= 1", .boolean(true)),
    ])
    func threeValuedLogic(text: String, expected: ConditionValue) throws {
        #expect(try Self.value(text, ["flag": .boolean(true), "n": .integer(1)]) == expected)
    }

    @Test func unknownResultsNameTheMissingFields() throws {
        let ratio = try ConditionExpression(parsing: "female_stalls >= 1.5 * (male_stalls + urinals)")
        #expect(ratio.unknownFields(in: ["female_stalls": .integer(3)]) == ["male_stalls", "urinals"])
        #expect(ratio.unknownFields(in: ["female_stalls": .integer(3), "male_stalls": .integer(1)]) == ["urinals"])
        // A known result blames nothing, even when some field is missing.
        let either = try ConditionExpression(parsing: "floor_area_m2 > 10000 or daily_visitors > 10000")
        #expect(either.unknownFields(in: ["daily_visitors": .integer(20000)]).isEmpty)
        #expect(either.unknownFields(in: ["daily_visitors": .integer(200)]) == ["floor_area_m2"])
        // A field holding the wrong type makes the result unknown, and is named.
        let numeric = try ConditionExpression(parsing: "area_m2 >= 10")
        #expect(numeric.evaluate(["area_m2": .text("ten")]) == .unknown)
        #expect(numeric.unknownFields(in: ["area_m2": .text("ten")]) == ["area_m2"])
    }

    @Test func enumValuesAndDatesAreTexts() throws {
        #expect(try Self.value("venue_type == 'mall'", ["venue_type": .text("mall")]) == .boolean(true))
        let opened = AttributeValue.date(CivilDate(year: 2024, month: 3, day: 1)!)
        #expect(try Self.value("opened == '2024-03-01'", ["opened": opened]) == .boolean(true))
    }

    @Test func divisionFollowsIEEE() throws {
        #expect(try Self.value("female / male > 1", ["female": .integer(3), "male": .integer(0)]) == .boolean(true))
        #expect(try Self.value("female / male > 1", ["female": .integer(0), "male": .integer(0)]) == .boolean(false))
    }

    @Test(
        arguments: [
            ("female_stalls >= 2 *", "column 21: expected a value after '*'"),
            (
                "female_stalls >= 2 * (male_stalls + urinals",
                "column 44: expected ')' to close the '(' at column 22, found the end"
            ),
            ("a and", "column 6: expected a value after 'and'"),
            ("", "column 1: the condition is empty"),
            ("a = 1", "column 3: use '==' to compare"),
            ("a && b", "column 3: use 'and' instead of '&&'"),
            ("a ≥ 1", "column 3: use '>=' instead of '≥'"),
            ("1 < a < 3", "column 7: comparisons cannot be chained ('<' then '<'); join them with 'and'"),
            ("a b", "column 3: unexpected 'b'; expected an operator, 'and' or 'or'"),
            ("a == 'open", "column 6: the text starting here has no closing '"),
            ("x in (1, 2)", "column 6: expected '[' after 'in', e.g. venue_type in [commercial, tourism]"),
            ("x in []", "column 7: the list is empty"),
            ("x in [a b]", "column 9: expected ',' or ']' to close the '[' at column 6, found 'b'"),
            ("a == not b", "column 6: put 'not …' in parentheses here, e.g. a == (not b)"),
            ("a > 1)", "column 6: ')' has no matching '('"),
            ("10m > a", "column 3: unexpected 'm' after the number 10"),
            ("1 and a", "column 1: 'and' needs true/false, but this is a number"),
            ("'a' + 1 > 0", "column 1: '+' needs a number, but this is text"),
            ("a + 1", "column 1: a condition must be true or false, but this is a number; compare it, e.g. x > 0"),
            ("1 == 'one'", "column 3: '==' compares a number with text"),
            ("area in [1, 'a']", nil),
        ] as [(String, String?)])
    func errorsPointAtTheColumn(text: String, expected: String?) throws {
        guard let expected else {
            _ = try ConditionExpression(parsing: Condition(text))
            return
        }
        #expect {
            _ = try ConditionExpression(parsing: Condition(text))
        } throws: { error in
            let ok = "\(error)" == expected
            if !ok { Issue.record("got: \(error)") }
            return ok
        }
    }

    @Test func unknownFieldsAreNamedWithNearNames() throws {
        let expression = try ConditionExpression(parsing: "femal_stalls >= 1.5 * (male_stalls + urinal) and commercial")
        #expect {
            try expression.check(against: ["female_stalls", "male_stalls", "urinals", "venue_type"])
        } throws: { error in
            let ok =
                "\(error)"
                == "column 1: unknown fields 'femal_stalls' (did you mean 'female_stalls'?), 'urinal' (did you mean "
                + "'urinals'?), 'commercial' (to compare with the value commercial, quote it: 'commercial'); the fields "
                + "are: female_stalls, male_stalls, urinals, venue_type"
            if !ok { Issue.record("got: \(error)") }
            return ok
        }
        try expression.check(against: ["femal_stalls", "male_stalls", "urinal", "commercial"])
    }

    @Test func typesAreCheckedAgainstASchema() throws {
        let schema = [
            FieldSpec(name: "area_m2", label: LocalizedText(zh: "面积", en: "Area"), type: .real),
            FieldSpec(name: "independent", label: LocalizedText(zh: "独立", en: "Independent"), type: .boolean),
            FieldSpec(
                name: "venue_type", label: LocalizedText(zh: "类型", en: "Type"),
                type: .enumeration([
                    EnumOption(value: "commercial", label: LocalizedText(zh: "商业", en: "Commercial")),
                    EnumOption(value: "tourism", label: LocalizedText(zh: "旅游", en: "Tourism")),
                ])),
        ]
        try ConditionExpression(parsing: "independent and area_m2 >= 10 and venue_type in [commercial]")
            .check(against: schema)
        let cases: [(String, String)] = [
            ("area_m2 and independent", "column 1: 'and' needs true/false, but this is a number"),
            ("venue_type > 3", "column 1: '>' needs a number, but this is an enum value"),
            (
                "venue_type == 'comercial'",
                "column 15: 'comercial' is not one of the values (did you mean 'commercial'?): commercial, tourism"
            ),
            ("venue_type in [tourism, mall]", "column 25: 'mall' is not one of the values: commercial, tourism"),
            ("area_m2", "column 1: a condition must be true or false, but this is a number; compare it, e.g. x > 0"),
        ]
        for (text, expected) in cases {
            let expression = try ConditionExpression(parsing: Condition(text))
            #expect {
                try expression.check(against: schema)
            } throws: { error in
                let ok = "\(error)" == expected
                if !ok { Issue.record("\(text): got \(error)") }
                return ok
            }
        }
    }
}
