/// Text decoded a chunk at a time into UTF-8, in one definite encoding (never `.auto`: the reader
/// tries UTF-8 and reads again as GB18030 if that fails, see `CSVTable`). A byte order mark at the
/// start wins over the encoding asked for, and is dropped.
///
/// Sequences cut by a chunk's end are kept for the next chunk. The line of a byte that does not
/// decode is counted in the input, so it is the byte's own line whatever came before.
struct TextStreamDecoder {
    /// A byte that is not valid in the encoding: the first one, with its 1-based line.
    struct Failure: Error {
        var encoding: TextEncoding
        var line: Int
        var byte: UInt8
    }

    /// The encoding the text turned out to be in (after a byte order mark, if any).
    private(set) var encoding: TextEncoding
    private var carry: [UInt8] = []
    private var sawStart = false
    /// Line feeds in the input decoded so far.
    private var lineFeeds = 0
    /// GB18030 needs iconv; made on first use.
    private var gb18030: GB18030Decoder?

    init(encoding: TextEncoding) {
        precondition(encoding != .auto, "the reader resolves auto before decoding")
        self.encoding = encoding
    }

    /// The UTF-8 bytes of `chunk` (and what was kept from before); with `isLast`, nothing may be left over.
    mutating func decode(_ chunk: [UInt8], isLast: Bool) throws -> [UInt8] {
        var buffer = carry.isEmpty ? chunk : carry + chunk
        carry = []
        if !sawStart {
            // Too short to tell a byte order mark yet: wait for more.
            if buffer.count < 3 && !isLast {
                carry = buffer
                return []
            }
            sawStart = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
                encoding = .utf8
                buffer.removeFirst(3)
            } else if buffer.starts(with: [0xFF, 0xFE]) {
                encoding = .utf16LittleEndian
                buffer.removeFirst(2)
            } else if buffer.starts(with: [0xFE, 0xFF]) {
                encoding = .utf16BigEndian
                buffer.removeFirst(2)
            }
        }
        let outcome: (utf8: [UInt8], consumed: Int)
        switch encoding {
        case .utf8, .auto:
            outcome = try decodeUTF8(buffer, isLast: isLast)
        case .gbk:
            if gb18030 == nil { gb18030 = try GB18030Decoder() }
            switch gb18030!.decode(buffer, isLast: isLast) {
            case .text(let utf8, let consumed): outcome = (utf8, consumed)
            case .invalidByte(let offset): throw failure(at: offset, in: buffer)
            }
        case .utf16LittleEndian, .utf16BigEndian:
            outcome = try decodeUTF16(buffer, isLast: isLast)
        }
        lineFeeds += lineFeedCount(in: buffer[..<outcome.consumed])
        carry = Array(buffer[outcome.consumed...])
        return outcome.utf8
    }

    private func failure(at offset: Int, in buffer: [UInt8]) -> Failure {
        Failure(encoding: encoding, line: lineFeeds + lineFeedCount(in: buffer[..<offset]) + 1, byte: buffer[offset])
    }

    private func lineFeedCount(in bytes: ArraySlice<UInt8>) -> Int {
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian:
            var count = 0
            var i = bytes.startIndex
            let littleEndian = encoding == .utf16LittleEndian
            while i + 1 < bytes.endIndex {
                if (littleEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])) == (0x0A, 0) { count += 1 }
                i += 2
            }
            return count
        default:
            // In GB18030 a byte 0x0A is only ever a line feed (trail bytes are 0x30 and above).
            return bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
    }

    /// Valid UTF-8 passes through; a sequence cut off at the end waits for the next chunk.
    private func decodeUTF8(_ buffer: [UInt8], isLast: Bool) throws -> (utf8: [UInt8], consumed: Int) {
        // ASCII, the common case, needs no parser.
        guard let firstNonASCII = buffer.firstIndex(where: { $0 >= 0x80 }) else { return (buffer, buffer.count) }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = buffer[firstNonASCII...].makeIterator()
        var offset = firstNonASCII
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                return (buffer, buffer.count)
            case .error:
                if !isLast && Self.isCutUTF8Sequence(buffer[offset...]) {
                    return (Array(buffer[..<offset]), offset)
                }
                throw failure(at: offset, in: buffer)
            }
        }
    }

    /// Whether `tail` is the start of a multi-byte sequence that the next chunk may complete.
    private static func isCutUTF8Sequence(_ tail: ArraySlice<UInt8>) -> Bool {
        guard let lead = tail.first, tail.count < 4 else { return false }
        let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
        return tail.count < length && tail.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
    }

    private func decodeUTF16(_ buffer: [UInt8], isLast: Bool) throws -> (utf8: [UInt8], consumed: Int) {
        let littleEndian = encoding == .utf16LittleEndian
        var units: [UInt16] = []
        units.reserveCapacity(buffer.count / 2)
        var i = 0
        while i + 1 < buffer.count {
            let (first, second) = (UInt16(buffer[i]), UInt16(buffer[i + 1]))
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            i += 2
        }
        // A lead surrogate at the end waits for its trail in the next chunk.
        if !isLast, let last = units.last, UTF16.isLeadSurrogate(last) { units.removeLast() }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count * 2)
        var parser = Unicode.UTF16.ForwardParser()
        var iterator = units.makeIterator()
        var unitOffset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                unitOffset += encoded.count
                utf8.append(contentsOf: UTF16.decode(encoded).utf8)
            case .emptyInput:
                break loop
            case .error:
                throw failure(at: 2 * unitOffset, in: buffer)
            }
        }
        let consumed = 2 * units.count
        if isLast && consumed < buffer.count { throw failure(at: buffer.count - 1, in: buffer) }
        return (utf8, consumed)
    }
}
