/// A precedence-climbing parser over the tokens of one condition.
///
/// Binding, loosest first: `or`, `and`, `not`, comparisons and `in` (not chained), `+ -`, `* /`,
/// unary `-`. So `not a == b and c` reads `(not (a == b)) and c`.
struct ConditionParser {
    typealias Node = ConditionExpression.Node
    typealias BinaryOperator = ConditionExpression.BinaryOperator

    private let text: String
    private let tokens: [ConditionToken]
    private var position = 0

    /// `not` binds looser than comparisons and tighter than `and`.
    private static let notPrecedence = 3
    private static let negatePrecedence = 7

    init(text: String) throws(ConditionError) {
        self.text = text
        tokens = try ConditionTokenizer(text: text).tokens()
    }

    mutating func parseCondition() throws(ConditionError) -> Node {
        if case .end = current.kind { throw error(at: current, "the condition is empty") }
        let root = try parseExpression(minimumPrecedence: 1, nesting: 0).node
        switch current.kind {
        case .end:
            return root
        case .symbol(.closeParen):
            throw error(at: current, "')' has no matching '('")
        default:
            throw error(at: current, "unexpected \(current.quoted); expected an operator, 'and' or 'or'")
        }
    }

    // MARK: Precedence climbing

    /// A node and the depth of the tree under it (a leaf is 1), which every pass over the tree
    /// recurses through; `ConditionExpression.maximumDepth` bounds it.
    private struct Parsed {
        var node: Node
        var depth: Int
    }

    /// `nesting` counts the parentheses, `not` and `-` around this point: the parser's own recursion,
    /// refused above `maximumDepth` before it can exhaust the stack.
    private mutating func parseExpression(minimumPrecedence: Int, nesting: Int) throws(ConditionError) -> Parsed {
        var left = try parsePrefix(minimumPrecedence: minimumPrecedence, nesting: nesting)
        while true {
            let operatorToken = current
            if let membership = membershipAhead(), Self.comparisonPrecedence >= minimumPrecedence {
                advance(by: membership.length)
                let items = try parseList()
                left = try wrap(
                    .membership(left.node, items, negated: membership.negated, column: operatorToken.column),
                    around: left, at: operatorToken)
                try refuseChainedComparison(after: operatorToken)
                continue
            }
            guard let binary = binaryOperator(current), binary.precedence >= minimumPrecedence else { break }
            advance()
            let right = try parseExpression(minimumPrecedence: binary.precedence + 1, nesting: nesting)
            // A chain `a or b or c …` grows the tree one level per term, to the left.
            let depth = max(left.depth, right.depth) + 1
            if depth > ConditionExpression.maximumDepth { throw tooLong(binary, at: operatorToken, depth: depth) }
            left = Parsed(node: .binary(binary, left.node, right.node, column: operatorToken.column), depth: depth)
            if binary.isComparison { try refuseChainedComparison(after: operatorToken) }
        }
        return left
    }

    private mutating func parsePrefix(minimumPrecedence: Int, nesting: Int) throws(ConditionError) -> Parsed {
        let token = current
        switch token.kind {
        case .keyword(.not):
            guard minimumPrecedence <= Self.notPrecedence else {
                throw error(at: token, "put 'not …' in parentheses here, e.g. a == (not b)")
            }
            try refuseNesting(nesting + 1, at: token)
            advance()
            try expectOperand(after: token)
            let operand = try parseExpression(minimumPrecedence: Self.notPrecedence, nesting: nesting + 1)
            return try wrap(.not(operand.node, column: token.column), around: operand, at: token)
        case .symbol(.minus):
            try refuseNesting(nesting + 1, at: token)
            advance()
            try expectOperand(after: token)
            let operand = try parseExpression(minimumPrecedence: Self.negatePrecedence, nesting: nesting + 1)
            return try wrap(.negate(operand.node, column: token.column), around: operand, at: token)
        default:
            return try parsePrimary(nesting: nesting)
        }
    }

    private mutating func parsePrimary(nesting: Int) throws(ConditionError) -> Parsed {
        let token = current
        func leaf(_ node: Node) -> Parsed { Parsed(node: node, depth: 1) }
        switch token.kind {
        case .name(let name):
            advance()
            return leaf(.field(name, column: token.column))
        case .number(let number):
            advance()
            return leaf(.literal(.number(number), column: token.column))
        case .text(let text):
            advance()
            return leaf(.literal(.text(text), column: token.column))
        case .keyword(.true):
            advance()
            return leaf(.literal(.boolean(true), column: token.column))
        case .keyword(.false):
            advance()
            return leaf(.literal(.boolean(false), column: token.column))
        case .symbol(.openParen):
            try refuseNesting(nesting + 1, at: token)
            advance()
            try expectOperand(after: token)
            let inner = try parseExpression(minimumPrecedence: 1, nesting: nesting + 1)
            guard case .symbol(.closeParen) = current.kind else {
                throw error(
                    at: current, "expected ')' to close the '(' at column \(token.column), found \(current.quoted)")
            }
            advance()
            return inner
        default:
            throw missingValue(at: token)
        }
    }

    // MARK: Depth

    private func refuseNesting(_ nesting: Int, at token: ConditionToken) throws(ConditionError) {
        guard nesting > ConditionExpression.maximumDepth else { return }
        throw error(
            at: token,
            "the condition nests parentheses, 'not' and '-' more than \(ConditionExpression.maximumDepth) deep")
    }

    private func wrap(_ node: Node, around operand: Parsed, at token: ConditionToken) throws(ConditionError) -> Parsed {
        let depth = operand.depth + 1
        if depth > ConditionExpression.maximumDepth {
            throw error(
                at: token, "the condition is more than \(ConditionExpression.maximumDepth) operations deep here")
        }
        return Parsed(node: node, depth: depth)
    }

    private func tooLong(_ op: BinaryOperator, at token: ConditionToken, depth: Int) -> ConditionError {
        let hint =
            op.isLogical ? "; to test one field against many values write e.g. venue_type in [a, b, c]" : ""
        return error(
            at: token,
            "the condition is more than \(ConditionExpression.maximumDepth) operations deep here "
                + "(a chain of '\(op.rawValue)' counts one per term)\(hint)")
    }

    /// `[a, 'b c', 3]`: bare words are values here, not fields.
    private mutating func parseList() throws(ConditionError) -> [ConditionExpression.ListItem] {
        let open = current
        guard case .symbol(.openBracket) = open.kind else {
            throw error(at: open, "expected '[' after 'in', e.g. venue_type in [commercial, tourism]")
        }
        advance()
        var items: [ConditionExpression.ListItem] = []
        if case .symbol(.closeBracket) = current.kind { throw error(at: current, "the list is empty") }
        while true {
            let token = current
            var sign = 1.0
            if case .symbol(.minus) = token.kind {
                advance()
                sign = -1
                guard case .number = current.kind else { throw error(at: current, "expected a number after '-'") }
            }
            switch current.kind {
            case .name(let word), .text(let word): items.append(.init(value: .text(word), column: token.column))
            case .number(let number): items.append(.init(value: .number(sign * number), column: token.column))
            case .keyword(.true): items.append(.init(value: .boolean(true), column: token.column))
            case .keyword(.false): items.append(.init(value: .boolean(false), column: token.column))
            default: throw error(at: current, "expected a value in the list, found \(current.quoted)")
            }
            advance()
            switch current.kind {
            case .symbol(.comma):
                advance()
            case .symbol(.closeBracket):
                advance()
                return items
            default:
                throw error(
                    at: current,
                    "expected ',' or ']' to close the '[' at column \(open.column), found \(current.quoted)")
            }
        }
    }

    // MARK: Tokens

    private static let comparisonPrecedence = 4

    private var current: ConditionToken { tokens[position] }
    private var previous: ConditionToken? { position > 0 ? tokens[position - 1] : nil }

    private mutating func advance(by count: Int = 1) { position = min(position + count, tokens.count - 1) }

    private func binaryOperator(_ token: ConditionToken) -> BinaryOperator? {
        switch token.kind {
        case .keyword(.and): .and
        case .keyword(.or): .or
        case .symbol(let symbol): BinaryOperator(rawValue: symbol.rawValue)
        default: nil
        }
    }

    /// `in` or `not in` at the current token.
    private func membershipAhead() -> (negated: Bool, length: Int)? {
        if case .keyword(.in) = current.kind { return (false, 1) }
        if case .keyword(.not) = current.kind, position + 1 < tokens.count,
            case .keyword(.in) = tokens[position + 1].kind
        {
            return (true, 2)
        }
        return nil
    }

    private func refuseChainedComparison(after first: ConditionToken) throws(ConditionError) {
        let chained = binaryOperator(current).map(\.isComparison) ?? false
        if chained || membershipAhead() != nil {
            throw error(
                at: current,
                "comparisons cannot be chained (\(first.quoted) then \(current.quoted)); join them with 'and'")
        }
    }

    /// Fails early with "expected a value after '*'" when an operator ends the condition or is
    /// followed by another operator.
    private func expectOperand(after token: ConditionToken) throws(ConditionError) {
        switch current.kind {
        case .end:
            throw error(at: current, "expected a value after \(token.quoted)")
        case .symbol(.closeParen), .symbol(.comma), .symbol(.closeBracket):
            throw error(at: current, "expected a value after \(token.quoted), found \(current.quoted)")
        default:
            return
        }
    }

    private func missingValue(at token: ConditionToken) -> ConditionError {
        if let previous {
            if case .end = token.kind { return error(at: token, "expected a value after \(previous.quoted)") }
            return error(at: token, "expected a value after \(previous.quoted), found \(token.quoted)")
        }
        return error(at: token, "expected a field, a value or '(' at the start, found \(token.quoted)")
    }

    private func error(at token: ConditionToken, _ message: String) -> ConditionError {
        ConditionError(text: text, column: token.column, message: message)
    }
}
