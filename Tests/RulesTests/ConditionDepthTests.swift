import FacilityKit
import Foundation
import Rules
import Testing

/// Conditions are parsed, checked and evaluated by recursion over their tree, so its depth is bounded:
/// above `ConditionExpression.maximumDepth` a condition is refused with the column, before anything
/// recurses deeper; at the bound it works, even on a thread with a small stack.
@Suite("Condition depth")
struct ConditionDepthTests {
    static let limit = ConditionExpression.maximumDepth

    static func error(_ text: String) -> ConditionError? {
        do {
            _ = try ConditionExpression(parsing: Condition(text))
            return nil
        } catch {
            return error
        }
    }

    @Test("12k nested parentheses stop at the 129th, with its column")
    func parentheses() throws {
        let text = String(repeating: "(", count: 12_000) + "x > 1" + String(repeating: ")", count: 12_000)
        let error = try #require(Self.error(text))
        #expect(error.column == Self.limit + 1)
        #expect(error.message.contains("nests parentheses, 'not' and '-' more than 128 deep"))
    }

    @Test("21k `not` and 20k unary minus")
    func prefixes() throws {
        let nots = try #require(Self.error(String(repeating: "not ", count: 21_000) + "x > 1"))
        #expect(nots.column == 4 * Self.limit + 1)
        let minus = try #require(Self.error(String(repeating: "- ", count: 20_000) + "x > 1"))
        #expect(minus.column == 2 * Self.limit + 1)
    }

    @Test("16k terms of `or`, `and` and `+` stop at the operator that makes the tree too deep")
    func chains() throws {
        for op in ["or", "and"] {
            let text = (0..<16_000).map { "x > \($0)" }.joined(separator: " \(op) ")
            let error = try #require(Self.error(text))
            #expect(error.message.contains("a chain of '\(op)' counts one per term"))
            #expect(error.message.contains("in [a, b, c]"))
            // Each `x > n` is two levels; the chain adds one per operator: the 127th operator is one too many.
            let column = try #require(error.column)
            let prefix = String(Array(text)[..<(column - 1)])
            #expect(prefix.components(separatedBy: " \(op) ").count == Self.limit - 1)
        }
        let sum = "x" + String(repeating: " + 1", count: 16_000) + " > 0"
        let error = try #require(Self.error(sum))
        #expect(error.message.contains("a chain of '+' counts one per term"))
        #expect(error.column == 2 + 4 * (Self.limit - 1) + 1)
    }

    @Test("a condition at the bound parses, type-checks and evaluates on a 1 MiB stack (a debug build; threads here get 8 MiB)")
    func atTheBound() throws {
        // 126 `not` around a comparison: 128 levels.
        let text = String(repeating: "not ", count: Self.limit - 2) + "x > 1"
        let expression = try ConditionExpression(parsing: Condition(text))
        try expression.check(against: [FieldSpec(name: "x", label: LocalizedText(zh: "x", en: "x"), type: .integer)])
        #expect(Self.error("not " + text) != nil)
        let chain = (0..<(Self.limit - 2)).map { "x > \($0)" }.joined(separator: " or ")
        let sum = try ConditionExpression(parsing: Condition(chain))

        nonisolated(unsafe) var results: [ConditionValue] = []
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            results = [expression.evaluate(["x": .integer(2)]), sum.evaluate(["x": .integer(0)]), sum.evaluate([:])]
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        done.wait()
        #expect(results == [.boolean(true), .boolean(false), .unknown])
    }
}
