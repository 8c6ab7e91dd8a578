import FacilityKit

/// Checks that operators get values they can work on. Literals have known types; a field has the
/// type of its schema field when one is given, and is taken on trust otherwise.
struct ConditionTypeChecker {
    typealias Node = ConditionExpression.Node

    /// What a part of a condition yields, as far as can be told before evaluation.
    enum Kind: Hashable {
        case number
        case text(allowed: [String]?)
        case boolean
        case date
        /// A field whose type is not known here.
        case any

        var name: String {
            switch self {
            case .number: "a number"
            case .text(let allowed): allowed == nil ? "text" : "an enum value"
            case .boolean: "true/false"
            case .date: "a date"
            case .any: "any value"
            }
        }

        func fits(_ other: Kind) -> Bool {
            switch (self, other) {
            case (.any, _), (_, .any), (.number, .number), (.text, .text), (.boolean, .boolean), (.date, .date): true
            default: false
            }
        }
    }

    let text: String
    /// The schema type of a field, or nil when not known.
    let fields: (String) -> FieldType?

    func checkCondition(_ root: Node) throws(ConditionError) {
        let kind = try kind(of: root)
        guard kind == .boolean || kind == .any else {
            throw ConditionError(
                text: text, column: root.start,
                message: "a condition must be true or false, but this is \(kind.name); compare it, e.g. x > 0")
        }
    }

    func kind(of node: Node) throws(ConditionError) -> Kind {
        switch node {
        case .field(let name, _):
            guard let type = fields(name) else { return .any }
            switch type {
            case .integer, .real: return .number
            case .text: return .text(allowed: nil)
            case .enumeration(let options): return .text(allowed: options.map(\.value))
            case .boolean: return .boolean
            case .date: return .date
            }
        case .literal(let literal, _):
            switch literal {
            case .number: return .number
            case .text: return .text(allowed: nil)
            case .boolean: return .boolean
            }
        case .negate(let operand, let column):
            try expect(.number, operand, for: "'-'", at: column)
            return .number
        case .not(let operand, let column):
            try expect(.boolean, operand, for: "'not'", at: column)
            return .boolean
        case .binary(let op, let left, let right, let column):
            if op.isLogical || op.isArithmetic || op.isOrdering {
                let needed: Kind = op.isLogical ? .boolean : .number
                try expect(needed, left, for: "'\(op.rawValue)'", at: column)
                try expect(needed, right, for: "'\(op.rawValue)'", at: column)
                return op.isArithmetic ? .number : .boolean
            }
            let (leftKind, rightKind) = (try kind(of: left), try kind(of: right))
            guard leftKind.fits(rightKind) else {
                throw ConditionError(
                    text: text, column: column,
                    message: "'\(op.rawValue)' compares \(leftKind.name) with \(rightKind.name)")
            }
            try checkEnumValue(leftKind, against: right)
            try checkEnumValue(rightKind, against: left)
            return .boolean
        case .membership(let operand, let items, _, _):
            let operandKind = try kind(of: operand)
            for item in items {
                let itemKind = try kind(of: .literal(item.value, column: item.column))
                guard operandKind.fits(itemKind) else {
                    throw ConditionError(
                        text: text, column: item.column,
                        message: "the list holds \(itemKind.name), but the value before 'in' is \(operandKind.name)")
                }
                try checkEnumValue(operandKind, against: .literal(item.value, column: item.column))
            }
            return .boolean
        }
    }

    private func expect(_ needed: Kind, _ operand: Node, for operation: String, at column: Int) throws(ConditionError) {
        let actual = try kind(of: operand)
        guard actual.fits(needed) else {
            throw ConditionError(
                text: text, column: operand.start,
                message: "\(operation) needs \(needed.name), but this is \(actual.name)")
        }
    }

    /// An enum field compared with a literal: the literal must be one of its values.
    private func checkEnumValue(_ kind: Kind, against node: Node) throws(ConditionError) {
        guard case .text(let allowed?) = kind, case .literal(.text(let value), let column) = node,
            !allowed.contains(value)
        else { return }
        let near = NearNames.closest(to: value, among: Set(allowed))
        let hint = near.isEmpty ? "" : " (did you mean '\(near[0])'?)"
        throw ConditionError(
            text: text, column: column,
            message: "'\(value)' is not one of the values\(hint): \(allowed.joined(separator: ", "))")
    }
}
