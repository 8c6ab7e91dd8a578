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

    let bytes: UnsafeRawBufferPointer
    var offset = 0
    private var line = 1
    private var lineStart = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    var atEnd: Bool { offset >= bytes.count }

    /// The byte at the current position after whitespace; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return atEnd ? nil : bytes[offset]
    }

    /// The position of the current byte, for messages.
    var position: (line: Int, column: Int) {
        // Columns count characters: UTF-8 continuation bytes are not counted.
        var column = 1
        var i = lineStart
        while i < min(offset, bytes.count) {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
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
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
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

    func unexpected(expecting what: String) -> SyntaxError {
        guard offset < bytes.count else { return error("the text ends where \(what) should be") }
        let byte = bytes[offset]
        let shown =
            byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        return error("expected \(what), found \(shown)")
    }

    /// A string (at the current position, after whitespace), decoded.
    mutating func string() throws(SyntaxError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string") }
        let start = offset + 1
        try skipString()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<(offset - 1)])
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        return Self.unescape(raw)
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
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return
            case UInt8(ascii: "\\"):
                guard offset + 1 < bytes.count else { break }
                switch bytes[offset + 1] {
                case UInt8(ascii: "u"):
                    let hex = offset + 2..<min(offset + 6, bytes.count)
                    guard hex.count == 4, hex.allSatisfy({ Self.isHexDigit(bytes[$0]) }) else {
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
        func digits() -> Int {
            let start = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            return offset - start
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        guard digits() > 0 else { throw error("a number needs digits after '-'") }
        if bytes[integerStart] == UInt8(ascii: "0") && offset - integerStart > 1 {
            offset = integerStart
            throw error("a number cannot start with 0")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw error("digits must follow '.' in a number") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard digits() > 0 else { throw error("digits must follow the exponent of a number") }
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let utf8 = Array(word.utf8)
        guard offset + utf8.count <= bytes.count, bytes[offset..<(offset + utf8.count)].elementsEqual(utf8) else {
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
