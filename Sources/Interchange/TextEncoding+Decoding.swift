import Foundation

/// Text decoded from a file, and the encoding it turned out to be in (never `.auto`).
struct DecodedText: Hashable, Sendable {
    var text: String
    var encoding: TextEncoding
}

extension TextEncoding {
    /// Decodes a file's bytes as this choice says (see the type's documentation), dropping a byte
    /// order mark. Errors name `file` and the line of the first byte that does not decode.
    func decode(_ data: Data, file: String) throws(InterchangeError) -> DecodedText {
        let bytes = [UInt8](data)
        let decoded: DecodedText
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = try Self.utf8.decodeBody(bytes, from: 3, file: file)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            decoded = try Self.utf16LittleEndian.decodeBody(bytes, from: 2, file: file)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            decoded = try Self.utf16BigEndian.decodeBody(bytes, from: 2, file: file)
        } else {
            decoded = try decodeBody(bytes, from: 0, file: file)
        }
        if let nul = decoded.text.utf8.firstIndex(of: 0) {
            throw .nulCharacter(file: file, line: Self.line(of: nul, in: decoded.text.utf8, lineFeed: 0x0A))
        }
        return decoded
    }

    /// Decodes `bytes[start...]` in this encoding, `auto` trying UTF-8 and then GB18030.
    private func decodeBody(_ bytes: [UInt8], from start: Int, file: String) throws(InterchangeError) -> DecodedText {
        let body = bytes[start...]
        func lineOfByte(_ offset: Int) -> Int { Self.line(of: offset, in: bytes, lineFeed: 0x0A) }
        switch self {
        case .utf8, .auto:
            guard let bad = Self.firstInvalidOffset(in: body, as: UTF8.self) else {
                return DecodedText(text: String(decoding: body, as: UTF8.self), encoding: .utf8)
            }
            let offset = start + bad
            if self == .auto {
                if case .text(let text) = try GB18030Decoder().decode(Array(body)) {
                    return DecodedText(text: text, encoding: .gbk)
                }
                throw .undecodableText(file: file, encoding: .auto, line: lineOfByte(offset), byte: bytes[offset])
            }
            // Only to word the message; a system without the converter just cannot tell.
            let looksLikeGBK = if case .text? = (try? GB18030Decoder())?.decode(Array(body)) { true } else { false }
            throw .notUTF8(file: file, line: lineOfByte(offset), byte: bytes[offset], looksLikeGBK: looksLikeGBK)
        case .gbk:
            switch try GB18030Decoder().decode(Array(body)) {
            case .text(let text):
                return DecodedText(text: text, encoding: .gbk)
            case .invalidByte(let bad):
                let offset = start + bad
                throw .undecodableText(file: file, encoding: .gbk, line: lineOfByte(offset), byte: bytes[offset])
            }
        case .utf16LittleEndian, .utf16BigEndian:
            let littleEndian = self == .utf16LittleEndian
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = body.startIndex
            while i + 1 < body.endIndex {
                let (first, second) = (UInt16(body[i]), UInt16(body[i + 1]))
                units.append(littleEndian ? first | second << 8 : first << 8 | second)
                i += 2
            }
            let bad =
                Self.firstInvalidOffset(in: units, as: UTF16.self).map { start + 2 * $0 }
                ?? (body.count % 2 == 1 ? bytes.count - 1 : nil)
            if let bad {
                let line = Self.line(of: (bad - start) / 2, in: units, lineFeed: 0x0A)
                throw .undecodableText(file: file, encoding: self, line: line, byte: bytes[bad])
            }
            return DecodedText(text: String(decoding: units, as: UTF16.self), encoding: self)
        }
    }

    /// The offset, in code units, of the first sequence that is not valid in `encoding`; nil when
    /// every one is. Uses the standard library's strict parsers.
    private static func firstInvalidOffset<E: Unicode.Encoding>(
        in units: some Sequence<E.CodeUnit>, as encoding: E.Type
    ) -> Int? {
        var parser = E.ForwardParser()
        var iterator = units.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line of the code unit at `index`.
    private static func line<C: Collection>(of index: C.Index, in units: C, lineFeed: C.Element) -> Int
    where C.Element: Equatable {
        units[..<index].reduce(1) { $1 == lineFeed ? $0 + 1 : $0 }
    }
}
