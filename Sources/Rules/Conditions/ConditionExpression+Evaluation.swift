public import FacilityKit

extension ConditionExpression {
    /// Evaluates the condition on a facility's attributes (typed and derived), three-valued.
    public func evaluate(_ attributes: [String: AttributeValue]) -> ConditionValue {
        outcome(attributes).value
    }

    /// The fields whose absence (or wrong type) made the result unknown, sorted; empty when the
    /// result is known.
    public func unknownFields(in attributes: [String: AttributeValue]) -> [String] {
        let result = outcome(attributes)
        return result.value.isUnknown ? result.unknownBecause.sorted() : []
    }

    /// The value, and when it is unknown, the fields that made it so.
    struct Outcome {
        var value: ConditionValue
        var unknownBecause: Set<String> = []

        static func unknown(_ fields: Set<String>) -> Outcome { Outcome(value: .unknown, unknownBecause: fields) }
    }

    func outcome(_ attributes: [String: AttributeValue]) -> Outcome {
        Self.evaluate(root, attributes)
    }

    private static func evaluate(_ node: Node, _ attributes: [String: AttributeValue]) -> Outcome {
        switch node {
        case .field(let name, _):
            guard let value = attributes[name] else { return .unknown([name]) }
            switch value {
            case .integer(let integer): return Outcome(value: .number(Double(integer)))
            case .real(let real): return Outcome(value: .number(real))
            case .text(let text): return Outcome(value: .text(text))
            case .boolean(let boolean): return Outcome(value: .boolean(boolean))
            case .date(let date): return Outcome(value: .text(date.description))
            }
        case .literal(let literal, _):
            return Outcome(value: literal.value)
        case .negate(let operand, _):
            let inner = evaluate(operand, attributes)
            guard case .number(let number) = inner.value else { return .unknown(blame(inner, operand)) }
            return Outcome(value: .number(-number))
        case .not(let operand, _):
            let inner = evaluate(operand, attributes)
            guard case .boolean(let boolean) = inner.value else { return .unknown(blame(inner, operand)) }
            return Outcome(value: .boolean(!boolean))
        case .binary(let op, let leftNode, let rightNode, _):
            let left = evaluate(leftNode, attributes)
            let right = evaluate(rightNode, attributes)
            if op.isLogical { return logical(op, left, leftNode, right, rightNode) }
            switch (left.value, right.value) {
            case (.number(let a), .number(let b)):
                return Outcome(value: arithmeticOrComparison(op, a, b))
            case (.text(let a), .text(let b)) where op == .equal || op == .notEqual:
                return Outcome(value: .boolean((a == b) == (op == .equal)))
            case (.boolean(let a), .boolean(let b)) where op == .equal || op == .notEqual:
                return Outcome(value: .boolean((a == b) == (op == .equal)))
            default:
                // An unknown operand is to blame; when both are known, their types do not fit.
                let unknown = [left, right].filter(\.value.isUnknown)
                if !unknown.isEmpty { return .unknown(unknown.reduce(into: []) { $0.formUnion($1.unknownBecause) }) }
                return .unknown(leftNode.fields.union(rightNode.fields))
            }
        case .membership(let operandNode, let items, let negated, _):
            let operand = evaluate(operandNode, attributes)
            guard !operand.value.isUnknown else { return .unknown(operand.unknownBecause) }
            let found = items.contains { $0.value.value == operand.value }
            return Outcome(value: .boolean(found != negated))
        }
    }

    /// Kleene's logic: false decides `and`, true decides `or`; otherwise unknown stays unknown.
    private static func logical(
        _ op: BinaryOperator, _ left: Outcome, _ leftNode: Node, _ right: Outcome, _ rightNode: Node
    ) -> Outcome {
        let deciding = op == .and ? false : true
        let a = left.value, b = right.value
        if a == .boolean(deciding) || b == .boolean(deciding) { return Outcome(value: .boolean(deciding)) }
        if case .boolean = a, case .boolean = b { return Outcome(value: .boolean(!deciding)) }
        var blamed: Set<String> = []
        if case .boolean = a {} else { blamed.formUnion(blame(left, leftNode)) }
        if case .boolean = b {} else { blamed.formUnion(blame(right, rightNode)) }
        return .unknown(blamed)
    }

    /// The fields to blame when an operand did not give the kind of value needed: the missing ones
    /// it names, or, when it was known but of the wrong type, the fields it reads.
    private static func blame(_ outcome: Outcome, _ node: Node) -> Set<String> {
        outcome.value.isUnknown ? outcome.unknownBecause : node.fields
    }

    /// Arithmetic follows IEEE 754: x / 0 is infinite and 0 / 0 is NaN, which compares false.
    private static func arithmeticOrComparison(_ op: BinaryOperator, _ a: Double, _ b: Double) -> ConditionValue {
        switch op {
        case .plus: .number(a + b)
        case .minus: .number(a - b)
        case .times: .number(a * b)
        case .divide: .number(a / b)
        case .equal: .boolean(a == b)
        case .notEqual: .boolean(a != b)
        case .less: .boolean(a < b)
        case .lessOrEqual: .boolean(a <= b)
        case .greater: .boolean(a > b)
        case .greaterOrEqual: .boolean(a >= b)
        case .and, .or: .unknown
        }
    }
}
