/// A JSON syntax check over bytes, without recursion and without building values: it finds where
/// each value starts and ends, so a reader can hand one value at a time (a GeoJSON feature) to a
/// decoder, and it refuses what the decoders would choke on, with the line and column:
/// syntax errors, nesting deeper than `maximumDepth`, and a key repeated in one object (which
/// JSON decoders resolve silently, one way or another).
struct JSONScanner {
    /// Deeper than any GeoJSON needs (a MultiPolygon's positions sit 8 deep in a FeatureCollection),
    /// and shallow enough that decoding what passes, recursively, stays far from the stack's end.
    static let maximumDepth = 128

    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var message: String
        /// False for text that is JSON but refused all the same (too deep, a repeated key).
        var isSyntax = true

        var description: String {
            "\(isSyntax ? "not valid JSON: " : "")line \(line), column \(column): \(message)"
        }
    }

    /// More bytes when the window runs out, nil at the end (a reader's failure is its own to report).
    private let more: () -> [UInt8]?
    /// The bytes read and not yet dropped: from `base` on.
    private var window: [UInt8] = []
    private var base = 0
    /// The current position, counted from the start of the text.
    var offset = 0
    private var line = 1
    private var lineStart = 0
    /// The characters of the current line before `base` (dropped from the window).
    private var droppedColumns = 0
    /// Where a value a reader will take starts: the window keeps the bytes from here on. Nil keeps none
    /// before the current position.
    var mark: Int?

    /// Scans text that arrives in chunks: memory holds a chunk, or the value since `mark`.
    init(chunks more: @escaping () -> [UInt8]?) {
        self.more = more
        if has(2), window[0] == 0xEF, window[1] == 0xBB, window[2] == 0xBF { offset = 3 }
    }

    /// Scans bytes in memory.
    init(_ bytes: UnsafeRawBufferPointer) {
        var given: [UInt8]? = Array(bytes)
        self.init(chunks: {
            defer { given = nil }
            return given
        })
    }

    /// Whether the byte at `index` (≥ `base`) is there, reading more as needed.
    private mutating func has(_ index: Int) -> Bool {
        while index >= base + window.count {
            guard let chunk = more() else { return false }
            let keep = min(mark ?? offset, offset)
            if keep > base {
                // Characters of the current line that leave the window still count in its columns.
                var i = max(lineStart, base)
                while i < keep {
                    if window[i - base] & 0xC0 != 0x80 { droppedColumns += 1 }
                    i += 1
                }
                window.removeFirst(keep - base)
                base = keep
            }
            window.append(contentsOf: chunk)
        }
        return true
    }

    /// The byte at `index`, which `has` has made sure of.
    private func at(_ index: Int) -> UInt8 { window[index - base] }

    /// The bytes from `start` (at or after `mark`) to the current position.
    func text(from start: Int) -> [UInt8] {
        Array(window[(start - base)..<(offset - base)])
    }

    var atEnd: Bool {
        mutating get { !has(offset) }
    }

    /// The byte at the current position after whitespace; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return has(offset) ? at(offset) : nil
    }

    /// The position of the current byte, for messages.
    var position: (line: Int, column: Int) {
        // Columns count characters: UTF-8 continuation bytes are not counted.
        var column = 1 + (lineStart < base ? droppedColumns : 0)
        var i = max(lineStart, base)
        while i < min(offset, base + window.count) {
            if at(i) & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    func error(_ message: String) -> SyntaxError {
        let (line, column) = position
        return SyntaxError(line: line, column: column, message: message)
    }

    func error(_ message: String, at place: (line: Int, column: Int), isSyntax: Bool = true) -> SyntaxError {
        SyntaxError(line: place.line, column: place.column, message: message, isSyntax: isSyntax)
    }

    mutating func skipWhitespace() {
        while has(offset) {
            switch at(offset) {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
                droppedColumns = 0
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) or fails saying what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws(SyntaxError) {
        guard peek() == byte else { throw unexpected(expecting: what) }
        offset += 1
    }

    /// Consumes `byte` when it is next (after whitespace).
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    mutating func unexpected(expecting what: String) -> SyntaxError {
        guard has(offset) else { return error("the text ends where \(what) should be") }
        let byte = at(offset)
        let shown =
            byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        return error("expected \(what), found \(shown)")
    }

    /// A string (at the current position, after whitespace), decoded.
    mutating func string() throws(SyntaxError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string") }
        let start = offset + 1
        let outer = mark
        mark = min(mark ?? offset, offset)
        defer { mark = outer }
        try skipString()
        let raw = window[(start - base)..<(offset - 1 - base)]
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        return raw.withUnsafeBytes { Self.unescape($0) }
    }

    /// Skips one whole value, of any depth, without recursion. `depth` is how deep the value sits
    /// (the document is at depth 0).
    mutating func skipValue(depth: Int) throws(SyntaxError) {
        // The open containers inside this value: for objects, their keys and where each was.
        var open: [(isObject: Bool, keys: [String: (line: Int, column: Int)])] = []
        while true {
            // A value starts here.
            guard let byte = peek() else { throw unexpected(expecting: "a value") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth + open.count + 1 > Self.maximumDepth {
                    throw error(
                        "arrays and objects nest more than \(Self.maximumDepth) deep", at: position, isSyntax: false)
                }
                offset += 1
                let isObject = byte == UInt8(ascii: "{")
                open.append((isObject, [:]))
                if consume(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    open.removeLast()
                } else {
                    if isObject { try key(in: &open[open.count - 1].keys) }
                    continue
                }
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try skipNumber()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default:
                throw unexpected(expecting: "a value")
            }
            // After a value: close containers, or go on to the next element.
            while let container = open.last {
                if consume(UInt8(ascii: ",")) {
                    if container.isObject { try key(in: &open[open.count - 1].keys) }
                    break
                }
                let close = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard consume(close) else {
                    throw unexpected(expecting: container.isObject ? "',' or '}'" : "',' or ']'")
                }
                open.removeLast()
            }
            if open.isEmpty { return }
        }
    }

    /// An object's key and its colon; a key seen before in the same object is refused.
    @discardableResult
    mutating func key(in keys: inout [String: (line: Int, column: Int)]) throws(SyntaxError) -> String {
        _ = peek()
        let place = position
        let name = try string()
        if let first = keys[name] {
            throw error(
                "the key \"\(name)\" appears twice in one object (first at line \(first.line), column \(first.column))",
                at: place, isSyntax: false)
        }
        keys[name] = place
        try expect(UInt8(ascii: ":"), "':' after the key")
        return name
    }

    private mutating func skipString() throws(SyntaxError) {
        offset += 1  // the opening quote
        while has(offset) {
            let byte = at(offset)
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return
            case UInt8(ascii: "\\"):
                guard has(offset + 1) else { break }
                switch at(offset + 1) {
                case UInt8(ascii: "u"):
                    let complete = has(offset + 5)
                    let hex = offset + 2..<(offset + 6)
                    guard complete, hex.allSatisfy({ Self.isHexDigit(at($0)) }) else {
                        throw error("\\u must be followed by four hexadecimal digits")
                    }
                    offset += 6
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 2
                default:
                    offset += 1
                    throw error("'\\' starts an escape JSON does not have")
                }
            case 0..<0x20:
                throw error(
                    byte == 0x0A ? "a string does not close before the line ends"
                        : "a control character (byte 0x\(String(byte, radix: 16, uppercase: true))) inside a string")
            default:
                offset += 1
            }
        }
        throw error("the text ends inside a string")
    }

    private mutating func skipNumber() throws(SyntaxError) {
        func isDigit(_ index: Int) -> Bool {
            has(index) && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(at(index))
        }
        func digits() -> Int {
            let start = offset
            while isDigit(offset) { offset += 1 }
            return offset - start
        }
        if at(offset) == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        guard digits() > 0 else { throw error("a number needs digits after '-'") }
        if offset - integerStart > 1, at(integerStart) == UInt8(ascii: "0") {
            offset = integerStart
            throw error("a number cannot start with 0")
        }
        if has(offset), at(offset) == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw error("digits must follow '.' in a number") }
        }
        if has(offset), at(offset) | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if has(offset), at(offset) == UInt8(ascii: "+") || at(offset) == UInt8(ascii: "-") {
                offset += 1
            }
            guard digits() > 0 else { throw error("digits must follow the exponent of a number") }
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let utf8 = Array(word.utf8)
        guard has(offset + utf8.count - 1),
            window[(offset - base)..<(offset - base + utf8.count)].elementsEqual(utf8)
        else {
            throw unexpected(expecting: "a value")
        }
        offset += utf8.count
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// The text of a string with escapes (already checked to be well formed).
    private static func unescape(_ raw: UnsafeRawBufferPointer) -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll()
        }
        var i = 0
        var pendingLead: UInt16?
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "\\") else {
                utf8.append(raw[i])
                i += 1
                continue
            }
            flush()
            let escape = raw[i + 1]
            i += 2
            var unit: UInt16?
            switch escape {
            case UInt8(ascii: "u"):
                unit = UInt16(String(decoding: raw[i..<(i + 4)], as: UTF8.self), radix: 16)
                i += 4
            case UInt8(ascii: "b"): unit = 0x08
            case UInt8(ascii: "f"): unit = 0x0C
            case UInt8(ascii: "n"): unit = 0x0A
            case UInt8(ascii: "r"): unit = 0x0D
            case UInt8(ascii: "t"): unit = 0x09
            default: unit = UInt16(escape)
            }
            guard let unit else { continue }
            if let lead = pendingLead, UTF16.isTrailSurrogate(unit) {
                // A surrogate pair written as two escapes, e.g. "\\ud83d\\ude00".
                scalars.append(UTF16.decode(UTF16.EncodedScalar([lead, unit])))
                pendingLead = nil
            } else if UTF16.isLeadSurrogate(unit) {
                pendingLead = unit
            } else {
                pendingLead = nil
                scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
            }
        }
        flush()
        return String(scalars)
    }
}
