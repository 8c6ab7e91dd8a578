/// A check, before a YAML document is composed, that it does not nest deeper than a bound.
///
/// Yams composes nodes recursively (and so does releasing them), so a file of 100,000 `[` overflows
/// the stack. This scan does not parse YAML; it walks the text once, without recursion, and gives
/// an upper bound on the nesting at each line: the open flow collections (`[`, `{`, outside quotes
/// and comments), plus the compact block indicators (`- - x`), plus twice the indentation (a block
/// collection nests deeper only by indenting, or a sequence under a key, at the same indent).
/// Block scalar content (after `|` or `>`) is skipped. Being a bound, it can only refuse documents
/// that come close to the limit; no real manifest, profile or scenario is indented a hundred spaces.
///
/// It lives here because both YAML readers (Rules' `YAMLNode` and WalkNetwork's walking profiles)
/// share GeoCore and nothing else.
public enum YAMLNesting {
    /// The bound on nesting a YAML file may reach.
    public static let maximumDepth = 512

    /// The first line where the bound on nesting exceeds `maximumDepth`, and the bound there; nil
    /// when the whole document stays within it.
    public static func firstTooDeepLine(in text: String, maximumDepth: Int = maximumDepth) -> (line: Int, depth: Int)? {
        var scanner = Scanner()
        var line = 1
        var bytes = text.utf8.makeIterator()
        var current: [UInt8] = []
        func finishLine() -> (line: Int, depth: Int)? {
            let depth = scanner.scan(line: current)
            current.removeAll(keepingCapacity: true)
            return depth > maximumDepth ? (line, depth) : nil
        }
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "\n") {
                if let found = finishLine() { return found }
                line += 1
            } else if byte != UInt8(ascii: "\r") {
                current.append(byte)
            }
        }
        return finishLine()
    }

    private struct Scanner {
        enum Quote { case single, double }

        var flowDepth = 0
        var quote: Quote?
        /// While inside a block scalar: the indentation of the line that introduced it.
        var blockScalarIndent: Int?

        /// The nesting bound on one line (without its line break).
        mutating func scan(line: [UInt8]) -> Int {
            let space = UInt8(ascii: " ")
            let indent = line.prefix { $0 == space }.count
            let blank = indent == line.count
            if let parent = blockScalarIndent {
                if blank || indent > parent { return 0 }
                blockScalarIndent = nil
            }
            var i = quote == nil ? indent : 0
            var compactIndicators = 0
            var deepest = flowDepth
            // The last character that was not a space, for telling where a scalar starts.
            var previous: UInt8? = nil
            var hasContent = false
            while i < line.count {
                let byte = line[i]
                if let open = quote {
                    if open == .double && byte == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if open == .double && byte == UInt8(ascii: "\"") { quote = nil }
                    if open == .single && byte == UInt8(ascii: "'") {
                        if i + 1 < line.count && line[i + 1] == UInt8(ascii: "'") {
                            i += 2
                            continue
                        }
                        quote = nil
                    }
                    previous = byte
                    i += 1
                    continue
                }
                let atScalarStart = previous.map { Self.startsScalar.contains($0) } ?? true
                let followedBySpace = i + 1 >= line.count || line[i + 1] == space
                switch byte {
                case space:
                    i += 1
                    continue
                case UInt8(ascii: "#") where i == 0 || line[i - 1] == space:
                    i = line.count
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if atScalarStart { quote = byte == UInt8(ascii: "'") ? .single : .double }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if atScalarStart {
                        flowDepth += 1
                        deepest = max(deepest, flowDepth)
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if flowDepth > 0 { flowDepth -= 1 }
                case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                    if followedBySpace && (atScalarStart || byte == UInt8(ascii: ":")) { compactIndicators += 1 }
                default:
                    break
                }
                previous = byte
                hasContent = true
                i += 1
            }
            if quote == nil, flowDepth == 0, hasContent, Self.endsInBlockScalarHeader(line) {
                blockScalarIndent = indent
            }
            return 2 * indent + compactIndicators + deepest
        }

        /// Characters after which a quote or a bracket starts a scalar or a collection (and does not sit
        /// inside a plain scalar like `it's` or `a[1]`).
        static let startsScalar: Set<UInt8> = Set("[{,:-?".utf8)

        /// Whether the line ends in a block scalar header (`key: |`, `- >-`, `|2`), before any comment.
        static func endsInBlockScalarHeader(_ line: [UInt8]) -> Bool {
            var content = line
            if let hash = zip(line.indices, line).first(where: { index, byte in
                byte == UInt8(ascii: "#") && index > 0 && line[index - 1] == UInt8(ascii: " ")
            })?.0 {
                content = Array(line[..<hash])
            }
            while let last = content.last, last == UInt8(ascii: " ") { content.removeLast() }
            while let last = content.last, Set("+-0123456789".utf8).contains(last) { content.removeLast() }
            guard let last = content.last, last == UInt8(ascii: "|") || last == UInt8(ascii: ">") else { return false }
            content.removeLast()
            guard content.last.map({ $0 == UInt8(ascii: " ") }) ?? true else { return false }
            while let last = content.last, last == UInt8(ascii: " ") { content.removeLast() }
            return content.last.map { Set(":-?".utf8).contains($0) } ?? true
        }
    }
}
