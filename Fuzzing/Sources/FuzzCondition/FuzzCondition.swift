import FacilityKit
import FuzzSupport
import Rules

/// A rule condition (`Sources/Rules/Conditions`): tokenised, parsed, type-checked, checked against every
/// bundled kind's fields, and evaluated on a record of each kind and on a record without attributes.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    expectingErrors {
        let expression = try ConditionExpression(parsing: Condition(text))
        for (fields, attributes) in kinds {
            expectingErrors { try expression.check(against: fields) }
            _ = expression.evaluate(attributes)
            _ = expression.unknownFields(in: attributes)
        }
        _ = expression.evaluate([:])
    }
    return 0
}

/// Each bundled kind's fields, and a record with a value for every one of them.
private let kinds: [(fields: [FieldSpec], attributes: [String: AttributeValue])] = Repository.bundledPlugins.map {
    plugin in
    let fields = plugin.schema.fields + plugin.derivedFields
    var attributes: [String: AttributeValue] = [:]
    for field in fields {
        switch field.type {
        case .integer: attributes[field.name] = .integer(3)
        case .real: attributes[field.name] = .real(12.5)
        case .text: attributes[field.name] = .text("示例")
        case .boolean: attributes[field.name] = .boolean(true)
        case .enumeration(let options): attributes[field.name] = options.first.map { .text($0.value) }
        case .date: attributes[field.name] = CivilDate(year: 2025, month: 6, day: 30).map { .date($0) }
        }
    }
    return (fields, attributes)
}

@_cdecl("FuzzCondition_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, testOneInput)
}
