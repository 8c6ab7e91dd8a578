/// One word of a condition: a name, a number, a quoted text, a keyword or an operator, with the
/// column it starts at.
struct ConditionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case name(String)
        case number(Double)
        case text(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    enum Keyword: String, Hashable, Sendable {
        case and, or, not, `in`, `true`, `false`
    }

    enum Symbol: String, Hashable, Sendable {
        case plus = "+", minus = "-", times = "*", divide = "/"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case openParen = "(", closeParen = ")", openBracket = "[", closeBracket = "]", comma = ","
    }

    var kind: Kind
    /// 1-based, in characters.
    var column: Int

    /// How the token reads in a message.
    var quoted: String {
        switch kind {
        case .name(let name): "'\(name)'"
        case .number(let number): "'\(ConditionToken.format(number))'"
        case .text(let text): "'\(text)'"
        case .keyword(let keyword): "'\(keyword.rawValue)'"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .end: "the end"
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// Splits a condition into tokens; the last is always `.end`.
struct ConditionTokenizer {
    let text: String

    func tokens() throws(ConditionError) -> [ConditionToken] {
        let characters = Array(text)
        var tokens: [ConditionToken] = []
        var index = 0
        func fail(_ column: Int, _ message: String) -> ConditionError {
            ConditionError(text: text, column: column, message: message)
        }
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
            } else if character.isNumber && character.isASCII {
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                if end < characters.count, characters[end] == "." {
                    end += 1
                    guard end < characters.count, characters[end].isASCII, characters[end].isNumber else {
                        throw fail(
                            column, "'\(String(characters[index..<end]))' is not a number: digits must follow '.'")
                    }
                    while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                }
                if end < characters.count, characters[end].isLetter || characters[end] == "_" {
                    throw fail(
                        end + 1, "unexpected '\(characters[end])' after the number \(String(characters[index..<end]))")
                }
                guard let number = Double(String(characters[index..<end])) else {
                    throw fail(column, "'\(String(characters[index..<end]))' is not a number")
                }
                tokens.append(ConditionToken(kind: .number(number), column: column))
                index = end
            } else if character.isLetter || character == "_" {
                var end = index
                while end < characters.count,
                    characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
                {
                    end += 1
                }
                let word = String(characters[index..<end])
                let kind: ConditionToken.Kind =
                    ConditionToken.Keyword(rawValue: word).map { .keyword($0) } ?? .name(word)
                tokens.append(ConditionToken(kind: kind, column: column))
                index = end
            } else if character == "'" || character == "\"" {
                guard let close = characters[(index + 1)...].firstIndex(of: character) else {
                    throw fail(column, "the text starting here has no closing \(character)")
                }
                tokens.append(ConditionToken(kind: .text(String(characters[(index + 1)..<close])), column: column))
                index = close + 1
            } else {
                let pair = index + 1 < characters.count ? String(characters[index...(index + 1)]) : ""
                if let symbol = ConditionToken.Symbol(rawValue: pair) {
                    tokens.append(ConditionToken(kind: .symbol(symbol), column: column))
                    index += 2
                } else if let symbol = ConditionToken.Symbol(rawValue: String(character)) {
                    tokens.append(ConditionToken(kind: .symbol(symbol), column: column))
                    index += 1
                } else {
                    throw fail(column, Self.hint(for: character, pair: pair))
                }
            }
        }
        tokens.append(ConditionToken(kind: .end, column: characters.count + 1))
        return tokens
    }

    /// What to write instead of a character people often reach for.
    private static func hint(for character: Character, pair: String) -> String {
        switch (character, pair) {
        case ("=", _): "use '==' to compare"
        case (_, "&&"): "use 'and' instead of '&&'"
        case (_, "||"): "use 'or' instead of '||'"
        case ("!", _): "use 'not' instead of '!'"
        case ("≥", _): "use '>=' instead of '≥'"
        case ("≤", _): "use '<=' instead of '≤'"
        case ("（", _), ("）", _): "use ASCII parentheses '(' and ')'"
        default: "unexpected character '\(character)'"
        }
    }
}
