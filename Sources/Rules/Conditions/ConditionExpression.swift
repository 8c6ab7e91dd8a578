public import FacilityKit

/// A condition compiled from its text: field names, numbers, quoted texts, `true`/`false`,
/// `+ - * /`, `== != < <= > >=`, `and`, `or`, `not`, `in [a, b]` (bare words in a list are values,
/// as enum values are written), and parentheses. A bare boolean field is a condition.
///
/// Evaluation is three-valued: a missing field makes what depends on it unknown, and
/// `unknown and false` is false, `unknown or true` is true.
public struct ConditionExpression: Hashable, Sendable, CustomStringConvertible {
    /// The condition as written.
    public let condition: Condition
    let root: Node

    /// Parses and checks the condition's shape: it must read as true or false, and operators must
    /// get values they can work on (`'a' + 1`, `1 and 2` are refused).
    public init(parsing condition: Condition) throws(ConditionError) {
        self.condition = condition
        var parser = try ConditionParser(text: condition.text)
        root = try parser.parseCondition()
        try ConditionTypeChecker(text: condition.text, fields: { _ in nil }).checkCondition(root)
    }

    public var description: String { condition.text }

    /// The deepest syntax tree a condition may have: nesting of parentheses, `not` and `-`, and the
    /// terms of a chain such as `a or b or c` (each term one level), counted together. The parser,
    /// the type checker and evaluation recurse over the tree, so this bound is what keeps them far
    /// from the stack's end (a tree 128 deep evaluates within a 1 MiB stack even in a debug build, and
    /// threads here get 8 MiB); real conditions are rarely 10 deep, and a long `or` of values is
    /// written `field in [a, b, …]`.
    public static let maximumDepth = 128

    /// Every field the condition reads.
    public var referencedFields: Set<String> { root.fields }

    /// Refuses a condition that reads a field the kind does not have, naming each unknown field
    /// (and a near name, where there is one).
    public func check(against fields: Set<String>) throws(ConditionError) {
        let unknown = root.fieldOccurrences.filter { !fields.contains($0.name) }
        guard let first = unknown.first else { return }
        var names: [String] = []
        for occurrence in unknown where !names.contains(occurrence.name) { names.append(occurrence.name) }
        let described = names.map { name in
            let near = NearNames.closest(to: name, among: fields)
            let literal = near.isEmpty ? " (to compare with the value \(name), quote it: '\(name)')" : ""
            return near.isEmpty
                ? "'\(name)'\(literal)"
                : "'\(name)' (did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?)"
        }
        let known = fields.sorted().joined(separator: ", ")
        throw ConditionError(
            text: condition.text, column: first.column,
            message: "unknown field\(names.count > 1 ? "s" : "") \(described.joined(separator: ", ")); "
                + "the fields are: \(known.isEmpty ? "none" : known)")
    }

    /// Checks the names, and the types against a schema: numbers compared with numbers, true/false
    /// fields joined with `and`/`or`, and enum fields compared only with their values.
    public func check(against fields: [FieldSpec]) throws(ConditionError) {
        try check(against: Set(fields.map(\.name)))
        let types = Dictionary(fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        try ConditionTypeChecker(text: condition.text, fields: { types[$0] }).checkCondition(root)
    }
}

extension ConditionExpression {
    /// The syntax tree. Every node keeps the column it starts at (an operator's, for operations).
    indirect enum Node: Hashable, Sendable {
        case field(String, column: Int)
        case literal(Literal, column: Int)
        case negate(Node, column: Int)
        case not(Node, column: Int)
        case binary(BinaryOperator, Node, Node, column: Int)
        case membership(Node, [ListItem], negated: Bool, column: Int)

        var column: Int {
            switch self {
            case .field(_, let column), .literal(_, let column), .negate(_, let column), .not(_, let column),
                .binary(_, _, _, let column), .membership(_, _, _, let column):
                column
            }
        }

        /// Where an operand starts, for messages about it.
        var start: Int {
            switch self {
            case .binary(_, let left, _, _), .membership(let left, _, _, _): left.start
            default: column
            }
        }

        var fieldOccurrences: [(name: String, column: Int)] {
            switch self {
            case .field(let name, let column): [(name, column)]
            case .literal: []
            case .negate(let operand, _), .not(let operand, _): operand.fieldOccurrences
            case .binary(_, let left, let right, _): left.fieldOccurrences + right.fieldOccurrences
            case .membership(let operand, _, _, _): operand.fieldOccurrences
            }
        }

        var fields: Set<String> { Set(fieldOccurrences.map(\.name)) }
    }

    enum Literal: Hashable, Sendable {
        case number(Double)
        case text(String)
        case boolean(Bool)

        var value: ConditionValue {
            switch self {
            case .number(let number): .number(number)
            case .text(let text): .text(text)
            case .boolean(let boolean): .boolean(boolean)
            }
        }
    }

    /// One value of an `in [...]` list.
    struct ListItem: Hashable, Sendable {
        var value: Literal
        var column: Int
    }

    enum BinaryOperator: String, Hashable, Sendable {
        case or, and
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case plus = "+", minus = "-", times = "*", divide = "/"

        /// Higher binds tighter. `not` sits between `and` (2) and the comparisons (4).
        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
            case .plus, .minus: 5
            case .times, .divide: 6
            }
        }

        var isComparison: Bool { precedence == 4 }
        var isLogical: Bool { self == .and || self == .or }
        var isArithmetic: Bool { precedence >= 5 }
        var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
    }
}
